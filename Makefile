# Cluster Readiness — the two commands of the README, and a few helpers.
# Every target works on a fresh machine with only Node.js (any version) and npm:
# scripts/env.sh fetches Node 24 when needed and uses the project's own Yarn release.
SHELL := /bin/bash
ENV := . scripts/env.sh &&

.PHONY: start test install tsc lint unit e2e cli bench clean verify-install

## make start — install what is missing, start the portal with the demo (http://localhost:3000)
start: install
	$(ENV) bash scripts/start.sh

## make test — install what is missing, then type check, lint and every test
test: install
	$(ENV) bash scripts/test.sh

install: node_modules/.install-stamp

node_modules/.install-stamp: yarn.lock package.json $(wildcard packages/*/package.json plugins/*/package.json)
	$(ENV) yarn install --immutable
	@touch $@

tsc: install
	$(ENV) yarn tsc

lint: install
	$(ENV) yarn lint:all

unit: install
	$(ENV) yarn backstage-cli repo test --ci

## make cli ARGS="evaluate snapshot.json" — the CLI from source, no Yarn needed on PATH
cli: install
	@$(ENV) node packages/cli/bin/cluster-readiness $(ARGS)

## make verify-install — pack our packages, install them into fresh create-app apps
## (new and legacy frontend systems) as the READMEs say, and check them in Chromium
verify-install: install
	$(ENV) bash scripts/verify-install.sh

bench: install
	$(ENV) yarn bench:evaluate

clean:
	rm -rf node_modules packages/*/node_modules plugins/*/node_modules packages/*/dist plugins/*/dist dist-types
