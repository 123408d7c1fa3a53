# Eddy's two commands: `make demo` and `make test`. Each installs what it needs first.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := librdkafka-dev kcat

.PHONY: deps build test demo bench parity clean

## deps: install librdkafka-dev (and kcat, for the cross-process broker test) when missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

## test: the whole test suite on the embedded broker; nothing needs a network.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## demo: the embedded broker, a synthetic stream through Eddy, a live summary.
demo: deps
	$(SWIFT) build -c release --product eddy
	.build/release/eddy demo

## bench: package-benchmark suites in Benchmarks/ (a separate package, so `make test` stays light).
bench: deps
	cd Benchmarks && $(SWIFT) package benchmark

clean:
	rm -rf .build Benchmarks/.build
