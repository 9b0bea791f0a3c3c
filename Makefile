# ceo - one non-recursive GNU Makefile; everything it builds goes to $(BUILD).
#
#   make            build $(BUILD)/ceo and the sample generator
#   make test       build and run the whole test suite (last line: N passed, N failed)
#   make sanitize   the same suite built with AddressSanitizer + UndefinedBehaviorSanitizer
#   make valgrind   the golden command-line cases under valgrind memcheck
#   make tsan       the threaded paths under ThreadSanitizer (tests/tsan.sh)
#   make fuzz       each libFuzzer harness (clang) for FUZZ_SECONDS (default 30)
#   make demo       install missing Debian packages (as root), build, run on samples/
#   make bench      time ceo against pandas, PSPP and a bare libcsv pass (BENCH_QUICK=1: fast)
#   make install    install under $(DESTDIR)$(PREFIX)
#   make po         update the message catalogues po/*.po from the sources (msgmerge)
#   make klachtmodel  train the complaint model again: templates/ceo-wmo/klachtmodel.csv
#
# User CFLAGS/LDFLAGS add to the project's flags; they cannot remove the warnings.

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
CC      ?= cc
CFLAGS  ?= -O2 -g
LDFLAGS ?=

DATADIR := $(PREFIX)/share/ceo
MANDIR  := $(PREFIX)/share/man/man1
LOCALEDIR := $(PREFIX)/share/locale
# The Dutch word list the redaction of names reads at run time (Debian package wdutch).
WORDLIST := /usr/share/dict/nederlands

# Debian ships no .pc files for libcsv, libharu and libreadstat: plain -l, overridable.
CSV_LIBS      ?= -lcsv
HPDF_LIBS     ?= -lhpdf
READSTAT_LIBS ?= -lreadstat
PCRE2_CFLAGS := $(shell pkg-config --cflags libpcre2-8 2>/dev/null)
PCRE2_LIBS   := $(shell pkg-config --libs libpcre2-8 2>/dev/null || echo -lpcre2-8)
# nettle: SHA-256 of the store and the HMAC-SHA256 of pseudonyms (base/sha256.c)
NETTLE_CFLAGS := $(shell pkg-config --cflags nettle 2>/dev/null)
NETTLE_LIBS   := $(shell pkg-config --libs nettle 2>/dev/null || echo -lnettle)
# R's standalone math library: the distributions (stats/dist.c)
RMATH_CFLAGS := $(shell pkg-config --cflags libRmath 2>/dev/null)
RMATH_LIBS   := $(shell pkg-config --libs libRmath 2>/dev/null || echo -lRmath -lm)

WARN := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wformat=2 -Wvla
DEFS := -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DCEO_DATADIR='"$(DATADIR)"' \
        -DCEO_LOCALEDIR='"$(LOCALEDIR)"' -DCEO_WORDLIST='"$(WORDLIST)"'
ifeq ($(SAN),1)
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
endif
ifeq ($(SAN),thread)
SANFLAGS := -fsanitize=thread -fno-omit-frame-pointer
endif
ifeq ($(SAN),fuzz)
SANFLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
            -fno-sanitize-recover=all
endif
ALL_CFLAGS  := $(WARN) $(DEFS) $(PCRE2_CFLAGS) $(NETTLE_CFLAGS) $(RMATH_CFLAGS) -pthread $(CFLAGS) $(SANFLAGS) -MMD -MP
ALL_LDFLAGS := $(LDFLAGS) $(SANFLAGS)
LIBS := $(CSV_LIBS) $(PCRE2_LIBS) $(NETTLE_LIBS) $(HPDF_LIBS) $(READSTAT_LIBS) $(RMATH_LIBS) -lsqlite3 -lunistring -lm -pthread

LIB_SRC  := $(wildcard base/*.c survey/*.c stats/*.c report/*.c)
CLI_SRC  := $(wildcard cli/*.c)
UNIT_SRC := $(wildcard tests/unit/*.c)

LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_OBJ := $(UNIT_SRC:%.c=$(BUILD)/%.o)
# the sample generator: its own program, libc, libm and ReadStat only (samples/gen.h)
GEN_OBJ  := $(patsubst %.c,$(BUILD)/%.o,$(wildcard samples/*.c))

CEO      := $(BUILD)/ceo
GEN      := $(BUILD)/ceo-gen
UNIT     := $(BUILD)/unit-tests
LIBCEO   := $(BUILD)/libceo.a
OOM      := $(BUILD)/ceo-oom
TRAIN    := $(BUILD)/ceo-klachtmodel

# Message catalogues (gettext): po/LANG.po -> $(BUILD)/locale/LANG/LC_MESSAGES/ceo.mo, beside
# $(BUILD)/ceo where it finds them; installed under $(LOCALEDIR). msgfmt is needed to build only.
LINGUAS  := nl
MO       := $(LINGUAS:%=$(BUILD)/locale/%/LC_MESSAGES/ceo.mo)

FUZZ_SECONDS ?= 30
FUZZ_NAMES   := reader codebook project values redact sav
FUZZ_CC      ?= clang

.PHONY: klachtmodel po all test sanitize tsan valgrind oom fuzz fuzz-build demo deps bench install uninstall clean samples format-check crosscheck

all: $(CEO) $(GEN) $(MO)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIBCEO): $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(CEO): $(CLI_OBJ) $(LIBCEO)
	@echo "  LD      $@"
	@$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(LIBCEO) $(LIBS)

$(GEN): $(GEN_OBJ)
	@echo "  LD      $@"
	@$(CC) $(ALL_LDFLAGS) -o $@ $(GEN_OBJ) $(READSTAT_LIBS) -lm

$(BUILD)/locale/%/LC_MESSAGES/ceo.mo: po/%.po
	@mkdir -p $(dir $@)
	@echo "  MSGFMT  $<"
	@msgfmt --check -o $@ $<

# After adding or changing a message: brings po/*.po up to date with the sources (new messages
# untranslated, changed ones marked fuzzy with the old translation); translate them, remove the
# fuzzy marks, and `make test` checks that nothing is left (tests/checks/messages.sh).
po:
	@bash po/extract.sh $(BUILD)/po/ceo.pot
	@for l in $(LINGUAS); do \
	  msgmerge --quiet --update --backup=none --sort-output --add-location=file po/$$l.po \
	    $(BUILD)/po/ceo.pot && printf 'po/%s.po: ' $$l && msgfmt --statistics -o /dev/null po/$$l.po 2>&1; \
	done

$(UNIT): $(UNIT_OBJ) $(LIBCEO)
	@echo "  LD      $@"
	@$(CC) $(ALL_LDFLAGS) -o $@ $(UNIT_OBJ) $(LIBCEO) $(LIBS)

# The out-of-memory sweep driver: ceo's main() renamed, run in forked children (tests/oom.c).
$(BUILD)/cli/main-oom.o: cli/main.c
	@mkdir -p $(dir $@)
	@echo "  CC      $< (as ceo_main)"
	@$(CC) $(ALL_CFLAGS) -Dmain=ceo_main -Wno-missing-prototypes -c -o $@ $<

$(OOM): $(BUILD)/tests/oom.o $(BUILD)/cli/main-oom.o $(filter-out $(BUILD)/cli/main.o,$(CLI_OBJ)) $(LIBCEO)
	@echo "  LD      $@"
	@$(CC) $(ALL_LDFLAGS) -o $@ $(filter-out $(LIBCEO),$^) $(LIBCEO) $(LIBS)

# The training program of the complaint model (tests/klachtmodel.c): it wrote
# templates/ceo-wmo/klachtmodel.csv, and tests/checks/complaints.sh checks that it still does.
# -ffp-contract=off: no fused multiply-add, so that another processor writes the same weights.
$(BUILD)/tests/klachtmodel.o: ALL_CFLAGS += -ffp-contract=off
$(TRAIN): $(BUILD)/tests/klachtmodel.o $(LIBCEO)
	@echo "  LD      $@"
	@$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIBCEO) $(LIBS)

# Writes the complaint model's weights from the labelled answers of tests/data.
KLACHT_SETS := tests/data/klachten-dev.tsv tests/data/heldout/klachten-1.tsv \
               tests/data/open-antwoorden.tsv tests/data/open-antwoorden-2.tsv \
               tests/data/open-antwoorden-3.tsv
klachtmodel: $(TRAIN)
	@$(TRAIN) train -c templates/ceo-wmo -o templates/ceo-wmo/klachtmodel.csv $(KLACHT_SETS)

# The browser tests' chromium and axe-core: installed when run as root (tests/browser/setup.sh),
# else the exact apt-get line is printed and those checks fail.
test: $(CEO) $(GEN) $(UNIT) $(OOM) $(TRAIN) $(MO)
	@bash tests/browser/setup.sh || echo "make test: the browser checks will fail (see above)" >&2
	@bash tests/run.sh $(BUILD)

# With clang when it is installed: its UndefinedBehaviorSanitizer also reports arithmetic on a
# null pointer (p + 0 with p NULL), which gcc's lets pass. The build directory is named after
# the compiler so that objects of the two are never linked together.
SAN_CC ?= $(shell command -v clang >/dev/null 2>&1 && echo clang || echo $(CC))
sanitize:
	@$(MAKE) --no-print-directory BUILD=build/san-$(notdir $(SAN_CC)) SAN=1 CC=$(SAN_CC) \
	  CFLAGS="-O1 -g" test

# The threaded paths (CSV segments on worker threads, PDFs drawn side by side, trend beside the
# figures, the statistics' passes side by side) under ThreadSanitizer, on exports large enough to take
# them; outputs compared with the normal build's.
tsan: $(CEO) $(GEN)
	@$(MAKE) --no-print-directory BUILD=build/tsan SAN=thread CFLAGS="-O1 -g" build/tsan/ceo \
	  build/tsan/unit-tests
	@bash tests/tsan.sh $(BUILD) build/tsan

# The golden command-line cases under memcheck: any error or definite/indirect leak fails.
valgrind: $(CEO) $(GEN) $(UNIT)
	@bash tests/valgrind.sh $(BUILD)

# The full out-of-memory sweep (every N) of check, stats and flag, also in the sanitizer build.
oom: $(OOM)
	@BUILD=$(BUILD) OOM_STRIDE=1 bash tests/checks/oom.sh

# libFuzzer harnesses (tests/fuzz/), built with clang into build/fuzz, run one at a time.
fuzz:
	@$(MAKE) --no-print-directory BUILD=build/fuzz SAN=fuzz CC=$(FUZZ_CC) CFLAGS="-O1 -g" fuzz-build
	@bash tests/fuzz/run.sh build/fuzz $(FUZZ_SECONDS) $(FUZZ_NAMES)

fuzz-build: $(FUZZ_NAMES:%=$(BUILD)/fuzz-%)

$(BUILD)/fuzz-%: tests/fuzz/fuzz_%.c $(LIBCEO)
	@mkdir -p $(dir $@)
	@echo "  FUZZ    $@"
	@$(CC) $(ALL_CFLAGS) -DCEO_ROOT='"$(CURDIR)"' -fsanitize=fuzzer -o $@ $< $(LIBCEO) $(LIBS)

# `ceo stats` against R (r-base-core, r-cran-survey): figures computed by R from the
# generator's truth must agree within 1e-6. R is used only here, never at run time.
crosscheck: $(CEO)
	@mkdir -p $(BUILD)/crosscheck
	@$(CEO) stats --by gemeente,aanbieder --digits 10 -o $(BUILD)/crosscheck/plain.csv samples/qualtrics.csv 2>/dev/null
	@$(CEO) stats --by gemeente,aanbieder --weights --digits 10 -o $(BUILD)/crosscheck/weighted.csv samples/qualtrics.csv 2>/dev/null
	@$(CEO) stats --by periode --period quarter --weights --digits 10 \
		-o $(BUILD)/crosscheck/weighted-quarters.csv samples/qualtrics.csv 2>/dev/null
	@$(CEO) stats --by periode --period quarter --digits 10 -o $(BUILD)/crosscheck/quarters.csv samples/qualtrics.csv 2>/dev/null
	@$(CEO) stats --post-stratify --config tests/fixtures/poststrat.ini --by gemeente,aanbieder \
		--digits 10 -o $(BUILD)/crosscheck/poststratified.csv samples/qualtrics.csv 2>/dev/null
	@$(CEO) stats --post-stratify --config tests/fixtures/poststrat.ini --by periode --period quarter \
		--digits 10 -o $(BUILD)/crosscheck/poststratified-quarters.csv samples/qualtrics.csv 2>/dev/null
	@$(CEO) stats --by gemeente --digits 10 -o $(BUILD)/crosscheck/gemeente.csv samples/qualtrics.csv 2>/dev/null
	@$(CEO) stats --by gemeente --compare samples/limesurvey.csv --digits 10 \
		-o $(BUILD)/crosscheck/compared.csv samples/qualtrics.csv 2>/dev/null
	@Rscript tests/crosscheck/crosscheck.R samples/truth.csv $(BUILD)/crosscheck/plain.csv \
		$(BUILD)/crosscheck/weighted.csv $(BUILD)/crosscheck/quarters.csv \
		tests/fixtures/populatie.csv $(BUILD)/crosscheck/poststratified.csv \
		$(BUILD)/crosscheck/weighted-quarters.csv $(BUILD)/crosscheck/poststratified-quarters.csv \
		templates/ceo-wmo/items.csv $(BUILD)/crosscheck/gemeente.csv \
		$(BUILD)/crosscheck/compared.csv

# The samples are committed; this regenerates them (a test checks they are current).
samples: $(GEN)
	$(GEN) --out-dir samples

deps:
	@bash scripts/deps.sh

demo: deps
	@$(MAKE) --no-print-directory all
	@bash scripts/demo.sh $(BUILD)

# Benchmarks against pandas, PSPP, a bare libcsv pass and wc, and the performance budget
# (bench/, docs/PERFORMANCE.md); never part of `make test`. Takes about 25 minutes on two
# cores and 5 GB in $(BUILD)/bench; BENCH_QUICK=1 runs the 100,000-respondent case only.
bench: $(CEO) $(GEN) $(BUILD)/bench/csvcount
	@bash bench/run.sh $(BUILD)

$(BUILD)/bench/csvcount: bench/csvcount.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS) $(CSV_LIBS)

# Every C source and header of the project, the tests', the samples' generator's and the
# benchmark's too.
FORMAT_SRC := $(wildcard base/*.[ch] survey/*.[ch] stats/*.[ch] report/*.[ch] cli/*.[ch] tests/*.c \
                tests/unit/*.[ch] tests/fuzz/*.[ch] samples/*.[ch] bench/*.[ch])

format-check:
	@clang-format --dry-run --Werror $(FORMAT_SRC)

install: $(CEO) $(MO)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/templates/ceo-wmo $(DESTDIR)$(MANDIR)
	install -m 755 $(CEO) $(DESTDIR)$(PREFIX)/bin/ceo
	install -m 644 templates/ceo-wmo/*.csv $(DESTDIR)$(DATADIR)/templates/ceo-wmo/
	install -d $(DESTDIR)$(DATADIR)/templates/vws
	install -m 644 templates/vws/*.csv $(DESTDIR)$(DATADIR)/templates/vws/
	install -d $(DESTDIR)$(DATADIR)/templates/report/nl
	install -m 644 templates/report/nl/*.txt $(DESTDIR)$(DATADIR)/templates/report/nl/
	install -d $(DESTDIR)$(DATADIR)/templates/dashboard
	install -m 644 templates/dashboard/*.css templates/dashboard/*.js $(DESTDIR)$(DATADIR)/templates/dashboard/
	install -m 644 ceo.1 $(DESTDIR)$(MANDIR)/ceo.1
	for l in $(LINGUAS); do \
	  install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	  install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/ceo.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/ceo.mo; \
	done

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/ceo $(DESTDIR)$(MANDIR)/ceo.1
	rm -f $(LINGUAS:%=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/ceo.mo)
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build out

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(UNIT_OBJ:.o=.d) $(GEN_OBJ:.o=.d) \
         $(BUILD)/tests/oom.d $(BUILD)/cli/main-oom.d $(BUILD)/tests/klachtmodel.d
