# One multi-stage image for the five services: `--build-arg APP=<name>` picks which one runs.
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# patch-package (postinstall) applies patches/ to node_modules: kafkajs's idle timer loop.
COPY patches ./patches
RUN npm install --no-audit --no-fund
COPY . .
RUN NX_NO_CLOUD=true NX_DAEMON=false npx nx run-many -t build

FROM node:20-bookworm-slim AS runtime
ARG APP
ENV NODE_ENV=production APP=${APP}
WORKDIR /app
COPY --from=build /src/dist/apps/${APP}/ ./
RUN npm install --omit=dev --no-audit --no-fund && npm install --no-save pg
# The patched kafkajs of the build stage (the service's own package.json has no postinstall).
COPY --from=build /src/node_modules/kafkajs ./node_modules/kafkajs
USER node
CMD ["node", "main.js"]
