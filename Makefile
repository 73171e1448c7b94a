# Trajectoire — the two commands of the README, and a few helpers.
BUILDDIR ?= build
MESON_TEST_ARGS ?=

.PHONY: all deps build run demo check check-asan check-release coverage werror bench bench-calc screenshots deb clean fuzz

all: build

deps:
	@./tools/install-deps

# The project's builds (make, make check, .ci/run) treat warnings as errors; a
# plain `meson setup` does not, for whoever builds on a newer distribution.
$(BUILDDIR)/build.ninja:
	meson setup --werror $(BUILDDIR)

# make check on a build folder set up without --werror turns it on first.
werror:
	@if [ -f $(BUILDDIR)/build.ninja ] && \
	    ! meson introspect --buildoptions $(BUILDDIR) | grep -q '"name": "werror", "value": true'; then \
	  meson configure $(BUILDDIR) -Dwerror=true; \
	fi

build: deps $(BUILDDIR)/build.ninja
	meson compile -C $(BUILDDIR)

# With a display: the application on the 2024 notification (Bretagne), in French.
# Without one: the headless demo, which writes its exports into demo/.
run: build
	@if [ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
	  ./tools/run-app $(BUILDDIR); \
	else \
	  ./tools/demo $(BUILDDIR) demo; \
	fi

demo: build
	./tools/demo $(BUILDDIR) demo

# Every test (unit and ui) on a virtual X server of its own (tools/xvfb-session;
# WM=openbox adds a window manager) and a session bus; the last line is
# "N passed, N failed, N skipped" counting subtests (tools/test-summary).
WM ?=
check: werror build
	@rc=0; \
	./tools/xvfb-session $(if $(WM),--wm $(WM)) \
	  meson test -C $(BUILDDIR) --print-errorlogs $(MESON_TEST_ARGS) || rc=$$?; \
	./tools/test-summary $(BUILDDIR)/meson-logs/testlog.json || rc=1; \
	exit $$rc

# The release build (-O3 finds other maybe-uninitialized values) under -Werror,
# and the unit suite on it.
RELEASE_BUILDDIR ?= build-release
check-release: deps
	@[ -f $(RELEASE_BUILDDIR)/build.ninja ] || meson setup --werror --buildtype=release $(RELEASE_BUILDDIR)
	meson compile -C $(RELEASE_BUILDDIR)
	meson test -C $(RELEASE_BUILDDIR) --suite unit --print-errorlogs $(MESON_TEST_ARGS)

# The whole suite under AddressSanitizer, UndefinedBehaviorSanitizer and
# LeakSanitizer, in build-asan (tests/README.md, tests/lsan.supp).
check-asan: deps
	@[ -e build-asan/build.ninja ] || \
	  meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false
	meson compile -C build-asan
	@rc=0; \
	./tools/xvfb-session \
	  meson test -C build-asan --setup sanitize --print-errorlogs $(MESON_TEST_ARGS) || rc=$$?; \
	./tools/test-summary build-asan/meson-logs/testlog-sanitize.json; \
	exit $$rc

# Line coverage of app/ per directory (gcovr), on a build of its own.
coverage: deps
	./tools/coverage

# Every benchmark on the release build (-O2/-O3, as packaged), into bench/RESULTS.md.
bench: deps
	@[ -f $(RELEASE_BUILDDIR)/build.ninja ] || meson setup --werror --buildtype=release $(RELEASE_BUILDDIR)
	meson compile -C $(RELEASE_BUILDDIR)
	./tools/bench $(RELEASE_BUILDDIR) bench/RESULTS.md

# The national model as live formulas (trajectoire-cli calc) in headless
# LibreOffice Calc against trajectoire-cli on the same model: times, peak
# memory, ratios and the totals to the euro (tools/bench-calc). Installs
# LibreOffice when missing; make check never needs it. BENCH_CALC_RUNS runs,
# on the release build as make bench.
BENCH_CALC_RUNS ?= 3
bench-calc: deps
	@[ -f $(RELEASE_BUILDDIR)/build.ninja ] || meson setup --werror --buildtype=release $(RELEASE_BUILDDIR)
	meson compile -C $(RELEASE_BUILDDIR)
	./tools/bench-calc $(RELEASE_BUILDDIR) $(BENCH_CALC_RUNS)

# libFuzzer targets of tests/fuzz (clang, in build-fuzz), FUZZ_SECONDS each;
# see tools/fuzz for FUZZ_TARGETS, FUZZ_PARALLEL and FUZZ_FLAGS.
FUZZ_SECONDS ?= 60
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) ./tools/fuzz .

# The Debian package: dpkg-buildpackage writes into the parent folder; the
# .deb (with its .buildinfo, .changes and debug symbols) is moved here, then
# lintian must report no error and no warning. The version is meson.build's.
VERSION := $(shell sed -n "s/^  version: '\(.*\)',$$/\1/p" meson.build)
DEB_ARCH := $(shell dpkg --print-architecture 2>/dev/null)
DEB_FILES = trajectoire_$(VERSION)_$(DEB_ARCH).deb trajectoire-dbgsym_$(VERSION)_$(DEB_ARCH).deb \
  trajectoire_$(VERSION)_$(DEB_ARCH).buildinfo trajectoire_$(VERSION)_$(DEB_ARCH).changes

deb:
	@./tools/install-deps deb
	rm -f $(DEB_FILES)
	dpkg-buildpackage -us -uc -b
	for f in $(DEB_FILES); do if [ -f ../$$f ]; then mv -f ../$$f .; fi; done
	lintian --fail-on error,warning --info trajectoire_$(VERSION)_$(DEB_ARCH).changes
	@echo "make deb: $$(pwd)/trajectoire_$(VERSION)_$(DEB_ARCH).deb"

clean:
	rm -rf $(BUILDDIR) demo
