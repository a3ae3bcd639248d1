# Thin wrapper around CMake. `make demo` and `make test` install missing Debian packages first.
BUILD_DIR ?= build
JOBS ?= 2
CTEST_ARGS ?=

.PHONY: all build deps demo test bench clean format

all: build

deps:
	@scripts/install-deps.sh

$(BUILD_DIR)/CMakeCache.txt:
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release

build: $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j$(JOBS)

demo: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j$(JOBS) --target driftless
	@scripts/demo.sh $(BUILD_DIR)/driftless

# The benchmarks are built too (not run), so they cannot rot unnoticed.
test: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j$(JOBS) --target all bench_scratch bench_check bench_inspect bench_apply bench_diff bench_plan bench_generate
	cd $(BUILD_DIR) && ctest --output-on-failure -j$(JOBS) $(CTEST_ARGS)

bench: $(BUILD_DIR)/CMakeCache.txt
	@scripts/bench.sh $(BUILD_DIR)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD_DIR)
