# Tollgate: the two commands are `make start` and `make test`; see README.md.
SHELL := /bin/bash

.PHONY: start test infra-up infra-down deps build check test-int e2e bench bench-analytics

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

# Benchmarks (not tests). `make bench`: what the gateway adds to every call (bench/results/proxy.md, under
# 10 minutes); `make bench-analytics`: ingestion and reporting over 10 million events (bench/results/analytics.md).
bench: deps infra-up
	bash bench/proxy/run.sh

bench-analytics: deps infra-up
	bash bench/analytics/run.sh
