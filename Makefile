# minsheng's entry points. Each target installs what is missing (scripts/setup) first.
#   make run    build, then run the main job
#   make test   build, run every test; then the unit tests again under ASan + UBSan
#   make test-slow  the slow tier (1,000 ledger, 200 payment-run and 200 settlement crash-test kills)
#   make bench  build and run the benchmarks in bench/ (they print figures)
#   make fuzz   build the libFuzzer targets with clang and run each for FUZZ_SECONDS
#   make build  build only
# Warnings are errors when CI is set (CI=true make test), as in .ci/run.

BUILD_DIR ?= build
SANITIZE_DIR ?= build-sanitize
FUZZ_DIR ?= build-fuzz
JOBS ?= $(shell nproc)
FUZZ_SECONDS ?= 60
WERROR := $(if $(CI),ON,OFF)
# Full debug information for profiling the benchmarks (inlined frames named); in CI, line
# tables only (-g1), a tenth off a clean build (CI's 15-minute budget).
DEBUG_INFO := $(if $(CI),-g1,-g)
MINSHENG := $(BUILD_DIR)/src/cli/minsheng

.PHONY: all setup build run test test-fast test-sanitize test-slow bench fuzz format clean

all: build

setup:
	@scripts/setup

build: setup
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 $(DEBUG_INFO) -DNDEBUG" -DMINSHENG_WERROR=$(WERROR)
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	scripts/run-main $(MINSHENG)

test: test-fast test-sanitize

test-fast: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

# Under the sanitizers, which look for memory and undefined behaviour rather than wrong
# answers: line tables only (-g1: reports still name file and line; the build is 10%
# faster), and 5 crash-test kills each, the optimised run above having made 20 (CI's
# 15-minute budget).
test-sanitize: setup
	cmake -S . -B $(SANITIZE_DIR) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
	  -DMINSHENG_SANITIZE=ON -DMINSHENG_BENCH=OFF -DMINSHENG_WERROR=$(WERROR)
	cmake --build $(SANITIZE_DIR) -j $(JOBS)
	MINSHENG_CRASH_ROUNDS=5 ctest --test-dir $(SANITIZE_DIR) --output-on-failure -j $(JOBS)

# The slow tier: the ledger's crash test with 1,000 kills instead of 20, the payment
# runs' and the settlement's with 200.
test-slow: build
	MINSHENG_CRASH_ROUNDS=1000 $(BUILD_DIR)/src/ledger/ledger_test --gtest_filter='LedgerCrash.*'
	MINSHENG_CRASH_ROUNDS=200 $(BUILD_DIR)/src/pay/pay_test --gtest_filter='PayCrash.*'
	MINSHENG_CRASH_ROUNDS=200 $(BUILD_DIR)/src/settle/settle_test --gtest_filter='SettleCrash.*'

bench: build
	scripts/run-benchmarks $(BUILD_DIR)/bench

fuzz: setup
	CXX=clang++ cmake -S . -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMINSHENG_FUZZ=ON \
	  -DMINSHENG_BENCH=OFF
	cmake --build $(FUZZ_DIR) -j $(JOBS)
	scripts/run-fuzzers $(FUZZ_DIR) $(FUZZ_SECONDS)

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf $(BUILD_DIR) $(SANITIZE_DIR) $(FUZZ_DIR)
