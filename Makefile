# arco: the two set-up commands are `make demo` and `make test` (see README.md).
SWIFT ?= swift
IMPORT_CHECK := --explicit-target-dependency-import-check error
# A static Swift runtime saves about 6 ms of dynamic loading on every invocation, and a
# position-dependent executable skips the ~98,000 relocations a PIE needs at every start, about
# 7% of the CPU a backfill's worker processes use (docs/benchmarks.md, ADR 0010).
RELEASE_FLAGS := -c release --static-swift-stdlib -Xlinker -no-pie $(IMPORT_CHECK)

.PHONY: deps build release demo test bench docs install install-files clean

deps:
	@sh scripts/install-deps.sh

build: deps
	$(SWIFT) build $(IMPORT_CHECK)

release: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product arco

# Builds a release arco and runs the example workspace end to end, printing what it did.
demo: release
	@sh scripts/demo.sh "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/arco"

# The whole suite, with the source rules first: SwiftPM's import check keeps ArcoCore pure,
# scripts/check-imports.py refuses a module reached only through another target's dependencies,
# and scripts/check-body-length.py refuses a function or closure body over 100 lines.
test: deps
	python3 scripts/check-imports.py
	python3 scripts/check-body-length.py
	$(SWIFT) build --build-tests $(IMPORT_CHECK)
	$(SWIFT) test --skip-build

# Release benchmarks; figures go into docs/benchmarks.md by hand, with this command.
bench: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product arco
	$(SWIFT) build $(RELEASE_FLAGS) --product arco-bench
	"$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/arco-bench" all \
		--arco "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/arco" $(BENCH_ARGS)

# Regenerates man/, completions/ and docs/cli.md from the command tree.
docs: deps
	$(SWIFT) build --build-tests $(IMPORT_CHECK)
	ARCO_UPDATE_GOLDEN=1 $(SWIFT) test --skip-build --filter GeneratedDocsTests

# Installs the stripped release binary, the man pages and the completions under
# $(DESTDIR)$(PREFIX), where `man arco` and bash, zsh and fish look for them.
PREFIX ?= /usr/local
install: release
	$(MAKE) install-files BIN="$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/arco"

# The copying half of `install`, for a binary already built (BIN=path).
install-files:
	@test -n "$(BIN)" || { echo "error: BIN is not set" >&2; echo "hint: \`make install\` builds it, or give BIN=.build/release/arco" >&2; exit 64; }
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/man/man1" \
		"$(DESTDIR)$(PREFIX)/share/bash-completion/completions" "$(DESTDIR)$(PREFIX)/share/zsh/site-functions" \
		"$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d"
	install -m 755 -s "$(BIN)" "$(DESTDIR)$(PREFIX)/bin/arco"
	install -m 644 man/*.1 "$(DESTDIR)$(PREFIX)/share/man/man1/"
	install -m 644 completions/arco.bash "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/arco"
	install -m 644 completions/_arco "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_arco"
	install -m 644 completions/arco.fish "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/arco.fish"

clean:
	rm -rf .build
