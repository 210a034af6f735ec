# verso: a thin Makefile over the go command. See README.md.
GO     ?= go
VERSO  := bin/verso
# Dates in generated files (PDF metadata) come from the last commit, so the
# same commit always gives byte-identical output.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH

# Debian packages. Editions are set in Noto Serif CJK, Regular and Bold
# (CFF outlines), with hyphenation patterns for the Latin and Cyrillic
# columns. The tests also need: poppler and mupdf to read and draw PDFs,
# AR PL UMing (a TrueType CJK face of one weight, for the synthetic bold),
# Linux Libertine (a CFF Latin face), pikepdf to read the tagged structure,
# LibreOffice and openpyxl to round-trip workbooks, gettext,
# translate-toolkit, OmegaT (run in console mode; its jar also holds the
# TMX 1.4b DTD) and libxml2's xmllint for the PO, XLIFF, TMX and TBX
# clients and schemas, jsonschema and junitparser for SARIF and JUnit, and
# chattr (e2fsprogs) to make a file immutable in the transaction tests.
PUBLISH_PACKAGES := fonts-noto-cjk hyphen-en-gb hyphen-en-us hyphen-ru hyphen-fr hyphen-es
TEST_PACKAGES    := $(PUBLISH_PACKAGES) poppler-utils mupdf-tools fonts-arphic-uming fonts-linuxlibertine \
	python3-pikepdf libreoffice-calc-nogui python3-openpyxl gettext translate-toolkit omegat libxml2-utils \
	python3-jsonschema python3-junitparser e2fsprogs

.PHONY: build test check publish sheets import bench fuzz clean deps-test deps-publish

build:
	$(GO) build -o $(VERSO) ./cmd/verso

# The code that runs goroutines, under the race detector: transactions and
# the lock (txn, and commands at once in one process), the parallel load
# (project), the workbook check beside excelize's read (export/xlsx), the
# pages compressed while the next are drawn (export/pdf), the aligner's
# concurrent passes (align/bitext).
RACE_TESTS := ./internal/txn ./internal/project
RACE_RUN   := internal/cli:TestWritersInOneProcessSerialize export/xlsx:TestBadWorkbooks export/pdf:TestEarlyCompressionSameBytes \
	align/bitext:TestBootstrap,TestCalibrationBySize

test: deps-test
	$(GO) vet ./...
	$(GO) test ./...
	$(GO) test -race $(RACE_TESTS)
	@for t in $(RACE_RUN); do \
	  run=$$(echo "$${t#*:}" | tr , '|'); echo "go test -race -run '^($$run)$$' ./$${t%%:*}"; \
	  $(GO) test -race -run "^($$run)$$" ./$${t%%:*} || exit 1; \
	done

# check: the repository's own content and code are in order (CI runs it).
# staticcheck is pinned and fetched through the Go module proxy; it is not a
# dependency of the module.
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
check: build
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change: $$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	$(VERSO) sync --check
	$(VERSO) check --qa

# publish: final editions of the complete locales, reviewers' drafts of the
# others, for every document and configured locale.
publish: build deps-publish
	$(VERSO) publish --draft-incomplete

# sheets: one review workbook per locale that has segments to translate or
# revise, in sheets/<locale>.xlsx.
sheets: build
	$(VERSO) sheet export

import: build
	@test -n "$(SHEET)" || { echo "usage: make import SHEET=sheets/ru.xlsx"; exit 2; }
	$(VERSO) sheet import $(SHEET)

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# fuzz: every fuzz target for FUZZTIME each (the seed corpora also run in
# make test).
FUZZTIME ?= 30s
FUZZ_TARGETS := export/tmx:FuzzRead export/po:FuzzParse export/xliff:FuzzRead export/internal/xmlsafe:FuzzScanner align:FuzzParseText align:FuzzParseMarkdown align:FuzzParseInline align:FuzzParseRecord align:FuzzNormalize \
	align/msgfile:FuzzCanonicalMatchesGoI18n align/msgfile:FuzzParseReviewFile align/bitext:FuzzNumbers align/bitext:FuzzSentences \
	align/bitext:FuzzAlign export/pdf:FuzzAtoms export/pdf:FuzzCJKLines export/pdf:FuzzPrepareRich export/pdf/internal/wordseg:FuzzWords \
	internal/linemetrics:FuzzParse export/xlsx:FuzzRead internal/project:FuzzParseConfig \
	align/qa:FuzzParseTBX align/qa:FuzzParseGlossary align/qa:FuzzLint align/tm:FuzzLookup
fuzz:
	@for t in $(FUZZ_TARGETS); do \
	  echo "fuzz $$t"; $(GO) test -run '^$$' -fuzz "^$${t#*:}$$" -fuzztime $(FUZZTIME) ./$${t%%:*} || exit 1; \
	done

# The parsers of fonts and of the PDF library's output.
FUZZ_TARGETS += export/pdf/font:FuzzParseCFF export/pdf/internal/pdfobj:FuzzParse

clean:
	rm -rf bin dist sheets

# deps-*: install the Debian packages that are missing (needs root, as on
# CI and the development machines). Nothing happens when all are present.
deps-test:
	@./.ci/apt-install $(TEST_PACKAGES)

deps-publish:
	@./.ci/apt-install $(PUBLISH_PACKAGES)
