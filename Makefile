# giamsat: one non-recursive Makefile (see docs/architecture.md).
#
#   make            build ./giamsat (optimised)
#   make run        install missing packages, build, serve on 127.0.0.1:8080
#   make test       install missing packages, then every test (unit, both
#                   store engines, HTTP, fuzz replay, browser) under ASan/UBSan
#   make fuzz       run each libFuzzer target for longer (FUZZ_SECONDS)
#   make bench      build the benchmarks in bench/
#   make check-format   clang-format --dry-run (.clang-format) over src/ tests/ bench/
#   make format         rewrite them in that format

PKGS      := libmicrohttpd sqlite3 libpq jansson libutf8proc libsodium libzip libxml-2.0 xlsxwriter
TEST_PKGS := libcurl

CC        ?= cc
CSTD      := -std=c17 -D_GNU_SOURCE
WARN      := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
             -Wformat=2 -Wno-format-nonliteral -Werror
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm
TEST_CFLAGS := $(shell pkg-config --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS   := $(shell pkg-config --libs $(TEST_PKGS) 2>/dev/null)

CFLAGS_release := -O2 -g
CFLAGS_asan    := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
                  -fno-sanitize-recover=all
LDFLAGS_asan   := -fsanitize=address,undefined

SRC      := $(shell find src -name '*.c' ! -name main.c | LC_ALL=C sort)
ASSETS   := $(shell find src/web/assets -type f 2>/dev/null)
TEST_SRC := $(shell find tests/unit -name '*.c' 2>/dev/null | LC_ALL=C sort) tests/runner.c
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
BENCH_SRC := $(shell find bench -name '*.c' 2>/dev/null | LC_ALL=C sort)

obj = $(patsubst %.c,build/$(1)/%.o,$(2))

.PHONY: all run test unit fuzz bench deps clean check-format format demo-db
all: giamsat

# ---- release build ----
build/release/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(CFLAGS_release) $(PKG_CFLAGS) $(TEST_CFLAGS) -Isrc -Itests -MMD -MP -c $< -o $@

giamsat: $(call obj,release,$(SRC) src/main.c)
	$(CC) $(CFLAGS_release) -o $@ $^ $(PKG_LIBS)

# ---- sanitizer build: what the tests run ----
build/asan/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(CFLAGS_asan) $(PKG_CFLAGS) $(TEST_CFLAGS) -Isrc -Itests -MMD -MP -c $< -o $@

build/asan/giamsat: $(call obj,asan,$(SRC) src/main.c)
	$(CC) $(LDFLAGS_asan) -o $@ $^ $(PKG_LIBS)

build/asan/test-unit: $(call obj,asan,$(SRC) $(TEST_SRC))
	$(CC) $(LDFLAGS_asan) -o $@ $^ $(PKG_LIBS) $(TEST_LIBS)

# assets.c pulls the files of src/web/assets in with .incbin
build/release/src/web/assets.o build/asan/src/web/assets.o build/fuzz/src/web/assets.o: $(ASSETS)

# ---- fuzz targets (clang, libFuzzer) ----
FUZZ_CC     := clang
FUZZ_CFLAGS := -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
build/fuzz/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CSTD) $(WARN) $(FUZZ_CFLAGS) $(PKG_CFLAGS) -Isrc -Itests -MMD -MP -c $< -o $@

build/fuzz/fuzz_%: build/fuzz/tests/fuzz/fuzz_%.o $(call obj,fuzz,$(SRC))
	$(FUZZ_CC) -fsanitize=fuzzer,address,undefined -o $@ $^ $(PKG_LIBS)

FUZZ_BINS := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZ_SRC))
FUZZ_SECONDS ?= 60
fuzz: $(FUZZ_BINS)
	@for f in $(FUZZ_BINS); do n=$$(basename $$f); mkdir -p build/fuzz/corpus/$$n; \
	  echo "fuzz $$n for $(FUZZ_SECONDS)s"; \
	  $$f -max_total_time=$(FUZZ_SECONDS) build/fuzz/corpus/$$n tests/fuzz/corpus/$$n || exit 1; done

# ---- benchmarks (optimised, no sanitizers) ----
BENCH_BINS := $(patsubst bench/%.c,build/bench/%,$(BENCH_SRC))
build/bench/%: build/release/bench/%.o $(call obj,release,$(SRC))
	@mkdir -p $(dir $@)
	$(CC) -o $@ $^ $(PKG_LIBS)
build/release/bench/%.o: bench/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) $(CFLAGS_release) $(PKG_CFLAGS) -Isrc -Itests -MMD -MP -c $< -o $@
bench: giamsat $(BENCH_BINS)

# ---- the two commands ----
deps:
	@scripts/install-deps

run: deps
	@$(MAKE) --no-print-directory -j2 giamsat
	@scripts/run

test: deps
	@$(MAKE) --no-print-directory -j2 giamsat build/asan/giamsat build/asan/test-unit $(FUZZ_BINS)
	@scripts/test-all

unit: build/asan/test-unit
	build/asan/test-unit $(T)

check-format:
	scripts/test-all format

format:
	clang-format -i $$(find src tests bench -name '*.[ch]' -not -path '*/node_modules/*')

clean:
	rm -rf build giamsat

-include $(shell find build -name '*.d' 2>/dev/null)
