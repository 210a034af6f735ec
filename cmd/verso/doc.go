/*
Verso translates documents paragraph by paragraph and publishes them as
bilingual editions.

Usage:

	verso [-C DIR] [--lock-timeout DURATION] [--error-format FORMAT] COMMAND [flags] [args]

A verso repository holds source documents in sources/ (plain text or
Markdown), one ID record per source (sources/<doc>.ids, maintained by verso
sync), and one go-i18n message file per document and locale in
translations/ (<doc>.<locale>.toml). An optional verso.toml at the root sets
the source language, the locales and which of them are required.

Commands:

	segments [--json] [DOC...]
		List every segment with its ID, kind and source line.
	sync [--check] [--force] [-v] [DOC...]
		Bring the ID records up to date after editing sources: unchanged,
		moved and lightly edited segments keep their IDs (edited ones make
		their translations stale), new ones get new IDs, deleted ones are
		retired with their last text, and a paragraph restored later gets
		its retired ID back (identical text: translations live again; at
		least 50% similar: stale). An edit that retires more than half of a
		document's IDs, or all of them, is refused (exit 1) unless --force.
		--check writes nothing and exits 1 when a record is out of date.
	status [--json] [DOC...]
		Show per document and locale how many segments are translated,
		stale, missing and orphaned.
	prune [--locale L]... [--doc D]... [--dry-run]
		Delete orphaned translations (IDs retired from the source) and
		their review lines, listing each; what is left of a document whose
		source is gone only when it is named with --doc.
	check [--locale L]... [--qa] [--format text|json|github|sarif|junit]
		Exit 1 when a required locale (or one named with --locale) has
		missing or stale segments, or translations orphaned wholesale (a
		document gone, or none of its translations belonging to a segment). text prints
		"sources/<file>:<line>: <locale>: <state> <id>: <excerpt>"; github
		prints workflow annotations; json prints per locale and document the
		lists of missing, stale and orphaned IDs and the counts; sarif
		prints a SARIF 2.1.0 log (code scanning); junit a JUnit XML report.
		--qa also runs verso qa's checks on the checked locales; their
		errors fail it.
	qa [--locale L]... [--doc D]... [--format text|json|github|sarif|junit]
		Check the current translations: numbers, dates, brackets and
		quotes, markup, length, untranslated text, terminology
		(translations/glossary/<locale>.toml), consistency; lint the sources. Prints
		"sources/<file>:<line>: <locale>: <check> <id>: <what>"; severities
		per check in verso.toml [qa]; exit 1 on an error.
	fmt --source [--dry-run] [DOC...]
		Fix what source lint reports (ASCII ,:;() in Chinese text, spaces,
		no-break spaces); IDs are kept and current translations' hashes
		carried forward.
	glossary import FILE.tbx [--locale L]... [--tbx-source TAG] [--tbx-target TAG] [--dry-run]
		Add a TBX termbase's terms to translations/glossary/<locale>.toml: preferred
		and admitted terms as required, deprecated ones as forbidden.
	suggest [--locale L]... [--doc D]... [--min-score S] [--max N] [--format text|json]
		Translation memory: for every missing or stale segment, the
		closest translated segments of every document of the locale and
		of the TMX files in translations/memory/, scored by edit distance. sheet export
		puts the best one in the workbook's Suggestion column.
	sheet export [--locale L]... [--doc D]... [--all] [--force] [-o FILE]
		Write a review workbook per locale (default: every configured
		locale with missing, stale or needs-review segments) to
		sheets/<locale>.xlsx. An existing workbook with edits not yet
		imported is not overwritten without --force.
	sheet import FILE... [--dry-run] [--prefer sheet|repo]
		Bring filled workbooks back into the translation files. Every
		workbook is validated before anything is written; problems are
		reported as FILE: Sheet!Cell: what to do. Unusable files exit 2,
		rejected rows and conflicts exit 1 (the other rows are imported).
		An empty cell never deletes a translation; status approved on a
		stale row with the translation left as it was confirms it.
	xliff export [--locale L]... [--doc D]... [--force] [-o FILE] [--version 2.1|1.2]
		Write an XLIFF file per locale (default xliff/<locale>.xlf) with
		every segment for CAT tools: a <file> per document, a unit per
		segment with its ID, state (2.1: initial, translated, final; 1.2:
		state and approved), kind, level and context, notes; validated
		against the OASIS schemas.
	xliff import FILE... [--dry-run] [--prefer file|repo]
	po import FILE... [--dry-run] [--prefer file|repo]
		Bring translated XLIFF or PO files back, as sheet import does
		workbooks: all files checked before anything is written, problems
		as FILE:LINE: what to do, conflicts decided by --prefer, DOCTYPEs
		with declarations refused.
	po export [--locale L]... [--doc D]... [--force] [-o FILE]
		Write a GNU gettext PO file per locale (default po/<locale>.po):
		msgctxt is the segment ID, #: the source line, stale translations
		are fuzzy with the previous source as #| msgid, notes are
		translator comments.
	tmx export [--locale L]... [--doc D]... [-o FILE]
		Write a TMX 1.4b translation memory of every translated segment
		(default tmx/verso.tmx).
	tmx import FILE... [--dry-run]
		Check TMX memories and store them under translations/memory/ for
		translation-memory suggestions.
	publish [--locale L]... [--layout columns|interleaved] [--draft | --draft-incomplete] [--allow-missing] [--hang-punctuation] [--shard K/N] [-o DIR] [DOC...]
		Typeset bilingual PDFs: <output>/<doc>.<source-lang>-<locale>.pdf.
		A final edition of an incomplete locale is refused (exit 1);
		--draft marks missing and stale segments and prints segment IDs
		in the margin; --draft-incomplete drafts only the incomplete
		locales (make publish). A missing CJK font is exit 2, naming the Debian
		package to install. --shard K/N typesets a deterministic K-th of
		the editions, for a CI job matrix.
	align --doc DOC --locale LOCALE [--dry-run] [--force] [--min-confidence X] FILE
		Bootstrap a locale from an existing translation (plain text or
		Markdown) whose paragraphs do not match the source one to one:
		finds 1-1, 1-2, 2-1, 1-0 and 0-1 beads, writes the confident ones
		(default confidence 0.9) with the source hash, sends the rest to
		the review file, and never overwrites a translation without
		--force.

Every command that writes changes all its files as one transaction: after
any failure, Ctrl-C, a kill or a full disk, the repository is as before or as
after, never in between. Commands that write wait for one another (a lock in
.verso/, for up to --lock-timeout, default 60s); the next command completes
or undoes a write interrupted by a dying process, and says so.

Errors and problems a command reports go to stderr as diagnostics:
FILE:LINE: message (FILE: Sheet!Cell: for workbooks), then one line
"verso COMMAND: ..." that sums them up. --error-format json, github,
sarif or junit renders them instead as one JSON document, GitHub workflow
annotations, a SARIF 2.1.0 log or a JUnit report. verso help commands lists
every command's synopsis.

Environment:

	SOURCE_DATE_EPOCH  the date written into PDFs and workbooks (default: the
	                   last commit), so the same inputs give the same bytes
	VERSO_HYPHEN_PATH  directories of hyphenation patterns for publish
	                   (default /usr/share/hyphen; Debian hyphen-* packages)
	VERSO_LOCK_TIMEOUT how long a command that writes waits for another
	                   (default 60s; --lock-timeout before the command wins)
	VERSO_ERROR_FORMAT the rendering of diagnostics on stderr (default text;
	                   --error-format before the command wins)
	GOMEMLIMIT         the soft memory limit of publish (default 256MiB per
	                   edition typeset at once, which keeps a long edition's
	                   memory flat; "off" for none)

Exit codes, the same for every command (verso help exit-codes):

	0  success
	1  the command found problems: check or qa failed, sync --check found an
	   out-of-date record, sync refused to retire most of a document's
	   IDs, import found conflicts or rejected rows,
	   publish refused an incomplete locale, align kept existing
	   translations that differ from the aligned text
	2  usage error or unusable input (a bad file or flag); nothing was
	   written

Data goes to standard output, diagnostics to standard error. Every error
about a file names it with its line (or sheet and cell) and says what to do.
*/
package main
