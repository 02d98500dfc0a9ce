# Thin wrapper over CMake. `make demo` and `make check` are the two commands of the README.
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=
FUZZ_SECONDS ?= 60
PREFIX ?= /usr/local
BUILD_TYPE ?= RelWithDebInfo
WERROR ?= ON
# Passed on every configure, so what a target asks for wins over whatever build/ was configured
# with before (`make demo` then `make check`, or `make install PREFIX=/x`): cmake -D updates the
# cache, and only what changed is rebuilt.
CMAKE_ARGS = -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DCMAKE_INSTALL_PREFIX=$(PREFIX) \
	-DNF_WERROR=$(WERROR) $(CMAKE_FLAGS)

.PHONY: all deps configure demo check test bench install format asan fuzz fuzz-smoke golden-update clean

all: configure
	cmake --build $(BUILD) -j $(JOBS)

deps:
	@scripts/install-deps

configure:
	@cmake -S . -B $(BUILD) $(CMAKE_ARGS) >/dev/null

demo: deps all
	@scripts/demo $(BUILD)

check: deps configure
	cmake --build $(BUILD) -j $(JOBS)
	@scripts/lint
	cd $(BUILD) && LC_ALL=C ctest --output-on-failure -j $(JOBS)

test: check

bench: deps all
	@scripts/install-deps --with-bench
	@scripts/bench $(BUILD)

install: all
	cmake --install $(BUILD) --prefix $(PREFIX)

format:
	@scripts/check-format --fix

asan:
	@scripts/install-deps --with-fuzz
	@CC=clang cmake -S . -B $(ASAN_BUILD) -DNF_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DNF_WERROR=$(WERROR) >/dev/null
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && LC_ALL=C ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

fuzz:
	@scripts/install-deps --with-fuzz
	@scripts/fuzz $(FUZZ_BUILD) $(FUZZ_SECONDS)

fuzz-smoke:
	@scripts/install-deps --with-fuzz
	@scripts/fuzz $(FUZZ_BUILD) 15

golden-update: all
	@scripts/golden-update $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
