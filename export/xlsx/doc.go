// Package xlsx writes and reads translator review workbooks: the channel
// through which translations enter the repository. It is the only package
// that imports excelize; it takes align and msgfile values and an
// io.Writer or io.ReaderAt, and touches no disk of its own (excelize may
// spill large sheets to the system temporary directory).
//
// # The workbook
//
// [Write] makes one workbook for one locale:
//
//   - "Instructions", the first sheet: what to do, in English and in the
//     target language (where verso has the words for it), the counts of
//     segments to translate (missing), to revise (stale) and to review
//     (translated but flagged needs-review) per document, and what each
//     column and status means.
//
//   - one sheet per document, named after the document (at most 31
//     characters, unique regardless of case). Row 1 is the header (frozen);
//     rows follow in document order: by default the segments that need
//     work (missing, stale, or flagged needs-review in the review file,
//     such as the low-confidence proposals of verso align), with
//     [Options.All] every segment. Columns:
//
//     A ID, B kind, C state (translated, missing or stale as exported),
//     D source text, E old source text (stale rows), F translation,
//     G previous translation (stale rows), H status (needs-review, approved
//     or empty; a drop-down list), I translator note, and four hidden
//     columns: J source hash, K translation fingerprint, L review
//     fingerprint, M row check. E and G are hidden on sheets without stale
//     rows.
//
//     Only F, H and I are unlocked; the sheets and the workbook structure are
//     protected without a password (a convenience: [Read] and [Merge] check
//     everything again). F, H and I are formatted as text, so that nothing
//     typed becomes a formula, a number or a date. Headings and the title
//     are bold on a tinted row; by default the heading of every section with
//     work is included for context even when it is translated. Missing
//     rows are yellow, stale ones orange, a needs-review status lavender.
//
//     Two kinds of drafts from verso align are marked in the Translation
//     column (see proposal.go): a proposal, pre-filled in a missing row
//     flagged needs-review, which approved accepts; and an extra
//     paragraph, a row of its own without ID (kind and state "extra")
//     after the row of the segment it follows, which the import drops once
//     its text is in the translation above or below it or its cell is
//     emptied.
//
//   - "verso", a hidden sheet: the manifest (format, locale, and per
//     document sheet the document name, its source path and the number of
//     rows exported).
//
// # Fingerprints
//
// The source hash (J) is the segment's [align.Hash] at export. The
// translation fingerprint (K) identifies the repository's translation as
// exported: the first 16 hex digits of the SHA-1 of its hash, a NUL, and its
// normalized text; empty when there was none. The review fingerprint (L) is
// the same over the review flag and the normalized note. The row check (M)
// covers the document name, the ID and J, K, L, so an edit of a hidden cell
// or of the ID is found.
//
// A translation cell is unchanged when it is empty, or when the fingerprint
// of J and its normalized text equals K: white-space differences that a
// spreadsheet program may introduce never count as an edit. An empty
// translation cell never deletes a translation.
//
// # Reading
//
// [Read] checks the whole file before excelize sees it: a file that is not
// a zip archive, an encrypted (OLE) file, a zip whose entries declare more
// than the size limit in total, an entry that does not decompress to its
// declared size and checksum, or a worksheet whose XML does not end with
// its closing tag is an unusable input ([LevelFatal]); so is a workbook
// without the manifest, with a missing document sheet, or with a header row
// that is not the one exported (hidden columns removed or moved). Cells are
// read with the excelize row iterator; a formula (found with
// GetCellFormula), a control character or a text over Excel's 32,767
// characters rejects its row.
//
// [Merge] compares the rows with the repository and plans the new
// translation and review lists; see its documentation for the rules.
//
// # Confirming a stale translation
//
// A stale row shows the previous translation (G) and the old source text
// (E, with the changes marked, when git history has it). When the previous
// translation is still right, say after a typo fix in the source, the
// translator confirms it: sets the status to approved and leaves the
// translation cell empty, or copies the previous translation into it.
// [Merge] then records the previous translation unchanged with the source
// hash of the export, so that it is translated again, and counts it in
// [Result.Confirmed]. Both ways are explained on the instructions sheet.
package xlsx
