# rianru: plain Makefile with pkg-config (STYLE 2.7).
#   make            build ./rianru (installs the build dependencies first if needed)
#   make check      every test (installs the test tools first if needed);
#                   make SANITIZE=address,undefined check for ASan/UBSan
#   make check-suite SUITE="tests/e2e/kiosk.sh ..."  some scripted suites
#   make run        build and start on the bundled content/
#   make deps       install every Debian package (build and test) with apt-get
#   make fuzz       libFuzzer harnesses (clang)
#   make bench      benchmarks (bench/README.md)
#   make install PREFIX=/usr/local DESTDIR=

.DEFAULT_GOAL := all
VERSION	 = 0.1.0
PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
DATADIR	?= $(PREFIX)/share/rianru
MANDIR	?= $(PREFIX)/share/man
DOCDIR	?= $(PREFIX)/share/doc/rianru

CC	?= cc
WERROR	?= -Werror		# packagers: make WERROR=
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ilib \
	   -DRIANRU_VERSION='"$(VERSION)"' -DRIANRU_DATADIR='"$(DATADIR)"'
CFLAGS	?= -O2 -g
CFLAGS	+= -std=c11 -Wall -Wextra $(WERROR) -Wshadow -Wstrict-prototypes \
	   -Wmissing-prototypes -Wwrite-strings -Wformat=2 -Wpointer-arith \
	   -Wundef -Wvla -MMD -MP

# Each build flavour gets its own tree, so a sanitizer build never mixes
# with a plain one.
ifdef SANITIZE
B	:= build/san
CFLAGS	+= -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS	+= -fsanitize=$(SANITIZE)
BIN	:= $(B)/rianru
else
B	:= build/default
BIN	:= rianru
endif

LIB_PKGS = yaml-0.1 sqlite3 libcurl libthai libsodium jansson libxml-2.0
TUI_PKGS = ncursesw
TEST_PKGS = criterion

LIB_SRCS  := $(sort $(wildcard lib/*/*.c))
TUI_SRCS  := $(sort $(wildcard tui/*/*.c))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
LIB_OBJS  := $(LIB_SRCS:%.c=$(B)/%.o)
TUI_OBJS  := $(TUI_SRCS:%.c=$(B)/%.o)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(B)/tests/%)
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
REPLAY_BINS := $(FUZZ_NAMES:%=$(B)/tests/replay_%)
# Helper programs of the scripted suites (tests/store/*.c, tests/lrs/*.c).
SUITE_BINS := $(patsubst tests/%.c,$(B)/tests/%,$(wildcard tests/store/*.c tests/lrs/*.c))

# Dependencies are found (or installed) once and remembered in deps.mk;
# make re-reads the Makefile after writing it. Goals that need no
# libraries skip this step.
NODEPS_GOALS := deps test-deps clean distclean help check-layering
ifneq ($(MAKECMDGOALS),)
ifeq ($(filter-out $(NODEPS_GOALS),$(MAKECMDGOALS)),)
SKIP_DEPS := 1
endif
endif
ifndef SKIP_DEPS
include build/deps.mk
endif
# the app's background content update runs in a thread (sync/update_job)
LIB_LIBS += -pthread

build/deps.mk: scripts/deps.sh
	@mkdir -p build
	@sh scripts/deps.sh ensure build
	@{ echo "LIB_CFLAGS := $$(pkg-config --cflags $(LIB_PKGS))"; \
	   echo "LIB_LIBS := $$(pkg-config --libs $(LIB_PKGS)) -lunistring -lm"; \
	   echo "TUI_CFLAGS := $$(pkg-config --cflags $(TUI_PKGS))"; \
	   echo "TUI_LIBS := $$(pkg-config --libs $(TUI_PKGS))"; } > $@.tmp
	@mv $@.tmp $@

# The test tools (Criterion, tmux, Node.js, clang, Chromium, ...) are
# installed only for the goals that run tests, never for a plain `make`.
# Criterion's flags are asked for when a test is built, after the
# stamp's recipe has run (recursive '=': expanded in the recipe).
build/test-deps.stamp: scripts/deps.sh
	@mkdir -p build
	@sh scripts/deps.sh ensure test
	@touch $@
test-deps: build/test-deps.stamp
TEST_CFLAGS = $(shell pkg-config --cflags $(TEST_PKGS))
TEST_LIBS = $(shell pkg-config --libs $(TEST_PKGS))

.PHONY: pot all deps test-deps run check unit check-layering fuzz bench bench-build install clean distclean help
all: $(BIN)

deps:
	sh scripts/deps.sh install all

$(B)/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	@echo "CC $<"
	@$(CC) $(CPPFLAGS) $(LIB_CFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/tui/%.o: tui/%.c
	@mkdir -p $(@D)
	@echo "CC $<"
	@$(CC) $(CPPFLAGS) -Itui $(TUI_CFLAGS) $(LIB_CFLAGS) $(CFLAGS) -c -o $@ $<

# The data folder is compiled in (default content): rebuild what uses it
# when PREFIX or DATADIR changes, e.g. for make install PREFIX=/usr.
$(B)/datadir.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(DATADIR)' | cmp -s - $@ 2>/dev/null || echo '$(DATADIR)' > $@
$(B)/lib/config/config.o: $(B)/datadir.stamp
.PHONY: FORCE
FORCE:

$(B)/librianru.a: $(LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

# Interface translations: po/th.po -> th.mo (msgfmt) -> a C array built
# into the program, so Thai needs no installed locale files.
$(B)/gen/th.mo: po/th.po
	@mkdir -p $(@D)
	@msgfmt --check -o $@ po/th.po
$(B)/gen/mo_th.c: $(B)/gen/th.mo
	@{ echo '/* generated from po/th.po by make; do not edit */'; \
	   echo 'extern const unsigned char mo_th[];'; \
	   echo 'extern const unsigned long mo_th_len;'; \
	   echo 'const unsigned char mo_th[] = {'; \
	   od -An -v -tx1 $< | sed 's/ \([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	   echo '};'; \
	   echo 'const unsigned long mo_th_len = sizeof mo_th;'; } > $@.tmp
	@mv $@.tmp $@
$(B)/gen/mo_th.o: $(B)/gen/mo_th.c
	$(CC) $(CFLAGS) -c -o $@ $<

$(BIN): $(TUI_OBJS) $(B)/gen/mo_th.o $(B)/librianru.a
	$(CC) $(LDFLAGS) -o $@ $(TUI_OBJS) $(B)/gen/mo_th.o $(B)/librianru.a $(TUI_LIBS) $(LIB_LIBS)

# Refresh the message template from the sources (then msgmerge th.po).
pot:
	xgettext --keyword=tr:2 --keyword=N_ --keyword=login_msg:3 --from-code=UTF-8 --no-location \
	    --package-name=rianru -o po/rianru.pot tui/*/*.c

# Unit tests link librianru.a and never ncurses: a curses call in lib/
# fails to link here.
# tests/unit/helpers.c (temporary folders, files, SQL, loaders) is
# linked into each of them.
$(B)/tests/%: tests/unit/%.c tests/unit/helpers.c tests/unit/helpers.h $(B)/librianru.a | build/test-deps.stamp
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(LIB_CFLAGS) $(TEST_CFLAGS) $(CFLAGS) -Wno-missing-prototypes \
	    $(LDFLAGS) -o $@ $< tests/unit/helpers.c $(B)/librianru.a $(TEST_LIBS) $(LIB_LIBS)

# Fuzz harnesses, built as plain replayers of tests/data/fuzz-regress and
# the seed corpus (no libFuzzer needed), so every crash found stays fixed.
$(B)/tests/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay_main.c $(B)/librianru.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(LIB_CFLAGS) $(CFLAGS) -Wno-missing-prototypes $(LDFLAGS) \
	    -o $@ $< tests/fuzz/replay_main.c $(B)/librianru.a $(LIB_LIBS)

# Helper programs the scripted suites run (built with the same flags, so a
# sanitizer build tests the store under ASan/UBSan there too).
$(B)/tests/store/%: tests/store/%.c $(B)/librianru.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(LIB_CFLAGS) $(CFLAGS) -Wno-missing-prototypes $(LDFLAGS) \
	    -o $@ $< $(B)/librianru.a $(LIB_LIBS)
$(B)/tests/lrs/%: tests/lrs/%.c $(B)/librianru.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(LIB_CFLAGS) $(CFLAGS) -Wno-missing-prototypes $(LDFLAGS) \
	    -o $@ $< $(B)/librianru.a $(LIB_LIBS)

# Prints one statement of every kind for tests/xapi/validate.sh.
XAPI_EMIT := $(B)/tests/xapi-emit
$(XAPI_EMIT): tests/xapi/emit.c $(B)/librianru.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(LIB_CFLAGS) $(CFLAGS) $(LDFLAGS) \
	    -o $@ $< $(B)/librianru.a $(LIB_LIBS)

unit: $(UNIT_BINS)

check-layering:
	@sh scripts/check-layering.sh

check: check-layering test-deps $(BIN) $(UNIT_BINS) $(REPLAY_BINS) $(SUITE_BINS) $(XAPI_EMIT)
	@sh tests/run.sh "$(B)" "$(BIN)"

# Some scripted suites, with the program and their helper programs built
# first (a plain `make` builds neither the helpers nor the sanitizer tree):
#   make check-suite SUITE="tests/lrs/pipeline.sh tests/e2e/kiosk.sh"
check-suite: test-deps $(BIN) $(SUITE_BINS) $(XAPI_EMIT)
	@test -n "$(SUITE)" || { echo 'make check-suite: name the suites: SUITE="tests/e2e/kiosk.sh ..."' >&2; exit 2; }
	@RIANRU="$(abspath $(BIN))" RIANRU_BUILD="$(B)"; export RIANRU RIANRU_BUILD; \
	    for s in $(SUITE); do sh "$$s" || exit 1; done

# Unit tests only (CI repeats these under sanitizers).
check-unit: check-layering test-deps $(UNIT_BINS) $(REPLAY_BINS)
	@sh tests/run.sh --unit "$(B)" "$(BIN)"

run: $(BIN)
	@mkdir -p "$${XDG_DATA_HOME:-$$HOME/.local/share}/rianru"
	./$(BIN) --content content

# The library is compiled once for every harness (instrumented for
# coverage, ASan and UBSan); each harness names its dictionary in its
# opening comment (tests/fuzz/*.dict).
FUZZ_CC ?= clang
FUZZ_FLAGS = -g -O1 -fsanitize=address,undefined
FUZZ_OBJS := $(LIB_SRCS:%.c=build/fuzz/%.o)
fuzz: test-deps $(FUZZ_NAMES:%=build/fuzz/fuzz_%)
	@echo "run e.g.: build/fuzz/fuzz_load -dict=tests/fuzz/yaml.dict -max_len=65536 build/fuzz/corpus-load tests/data"

build/fuzz/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	@echo "CC $< (fuzz)"
	@$(FUZZ_CC) $(CPPFLAGS) $(LIB_CFLAGS) -std=c11 $(FUZZ_FLAGS) \
	    -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<
build/fuzz/librianru.a: $(FUZZ_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c build/fuzz/librianru.a
	@mkdir -p $(@D) build/fuzz/corpus-$*
	$(FUZZ_CC) $(CPPFLAGS) $(LIB_CFLAGS) -std=c11 $(FUZZ_FLAGS) -fsanitize=fuzzer \
	    -o $@ $< build/fuzz/librianru.a $(LIB_LIBS)

# Benchmarks: every bench/NAME.c is a program $(B)/bench/NAME linked with
# librianru.a (and ncursesw, which only the redraw driver uses).
BENCH_SRCS := $(sort $(wildcard bench/*.c))
BENCH_BINS := $(BENCH_SRCS:bench/%.c=$(B)/bench/%)
$(B)/bench/%: bench/%.c $(B)/librianru.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(TUI_CFLAGS) $(LIB_CFLAGS) $(CFLAGS) $(LDFLAGS) \
	    -o $@ $< $(B)/librianru.a $(TUI_LIBS) $(LIB_LIBS)

bench-build: test-deps $(BIN) $(BENCH_BINS)

# BENCH_SIZE=smoke (CI: tiny inputs, a few seconds) or full (default).
BENCH_SIZE ?= full
bench: bench-build
	@BENCH_SIZE=$(BENCH_SIZE) sh bench/run.sh "$(B)" "$(BIN)"

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DOCDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/rianru
	cp -R content $(DESTDIR)$(DATADIR)/
	install -m 644 docs/rianru.1 $(DESTDIR)$(MANDIR)/man1/rianru.1
	install -m 644 config.example.yaml README.md docs/*.md docs/rianru-sync.* $(DESTDIR)$(DOCDIR)/

clean:
	rm -rf build rianru

distclean: clean
	rm -rf tests/lrs/node_modules tests/xapi/node_modules bench/node_modules bench/xapi-client/node_modules

help:
	@sed -n '2,10p' Makefile | sed 's/^# //'

-include $(LIB_OBJS:.o=.d) $(TUI_OBJS:.o=.d) $(BENCH_BINS:=.d) $(FUZZ_OBJS:.o=.d)
