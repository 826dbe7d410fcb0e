# Tollgate: the two commands are `make start` and `make test`; see README.md.
SHELL := /bin/bash

.PHONY: start test infra-up infra-down deps build check test-int e2e bench

start:            ## install what is missing, start the infrastructure and run the five services
	bash scripts/start.sh

test:             ## everything CI runs: lint, typecheck, unit, build, integration and e2e on real services
	bash scripts/test.sh

infra-up:         ## PostgreSQL, Redis, ClickHouse and Kafka on loopback (installed if missing)
	bash scripts/infra/up.sh all

infra-down:
	bash scripts/infra/down.sh all

deps:
	bash scripts/deps.sh

build: deps
	npx nx run-many -t build

check: deps       ## static checks and unit tests only (no infrastructure)
	npx nx run-many -t lint typecheck test build

test-int:
	npx nx run-many -t test-int

e2e:
	npx nx run e2e:e2e

# Benchmarks (not tests): the analytics pipeline today; the proxy's own arrive with the benchmarks issue.
bench: infra-up
	bash bench/analytics/run.sh
