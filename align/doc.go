// Package align is verso's document model: it splits source documents into
// segments, gives every segment a stable ID, and tells which translations are
// translated, missing, stale or orphaned.
//
// # Segments
//
// A [Document] is an ordered list of [Segment] values. Each segment has a
// [Kind]: title, heading, paragraph, item, date, note, footnote or cell. A
// [Section] is a heading and the segments that follow it up to the next
// heading; segments before the first heading (the title, a preface) form
// the front matter. [Document.Outline] nests the headings by level into the
// section tree that bookmarks follow.
//
// Besides its kind, a segment carries its place in the document's
// structure: a heading's Level (1 to 6; the title stands above level 1 at
// level 0), a list item's Marker as written and its nesting Depth (later
// paragraphs of an item have its depth too), the block-quote nesting Quote,
// a footnote definition's label Note, a table cell's Cell (table, row,
// column, header row, alignment). These fields are not hashed: adding
// structure never changes an ID or a hash.
//
// Plain text (.txt) is split at blank lines (lines holding only white space,
// including NBSP and the ideographic space, count as blank). Each block is
// classified:
//
//   - date: the whole block is a date, such as 2020年11月10日, 10 November 2020,
//     November 10, 2020 or 10 ноября 2020 года;
//   - note: the whole block is in parentheses, such as (新华社莫斯科11月10日电);
//   - item: the block's lines are led by a list marker (——, —, –, -, •, *, ·,
//     "1." or "1)"); every marker line starts a new item, at depth 1, its
//     marker kept in Text (the IDs of plain-text items predate Marker);
//   - title: the first block of a document that has more blocks, when it reads
//     as a title (one line, no closing sentence punctuation);
//   - heading: any other one-line block of one sentence with no closing
//     punctuation (。.!?！？；;：:，,、…), looking through closing quotes and
//     brackets and a trailing footnote marker such as [3], （3） or ¹, that
//     is at most 120 characters long;
//   - paragraph: everything else.
//
// A plain-text heading's level comes from its numbering: each convention
// has a rank, most general first: part (第一编, Part I, Раздел I), chapter
// (第一章, Chapter 1, Глава 1), section (第一节, Section 1, § 1), article
// (第一条, Article 1, Статья 1), 一、, （一）, then decimal numbers (1.1,
// 1.1.1, …). The ranks a document uses become levels 1, 2, 3 in that
// order, so chapters are level 1 in a law of chapters and articles and
// articles are level 1 in a declaration of articles alone. Unnumbered
// headings (序言, Preamble, the seed's statement titles) are level 1.
//
// Markdown (.md) is parsed with goldmark: CommonMark with GitHub's tables,
// strikethrough, autolinks and task lists, and footnotes. A level-1 heading
// that opens the document is the title; other headings are headings with
// their level; the paragraphs of list items are items (the first, with the
// item's marker as written: "1.", "3)", "-", "*", "+", a task box such as
// "- [x]" included) or paragraphs at the item's depth; paragraphs inside
// block quotes are paragraphs with their quote depth; footnote definitions
// ([^1]: …) are footnotes labelled "1"; table cells are cells; other
// paragraphs are paragraphs, dates or notes by the rules above. What is not
// translatable is listed in [Document.Skipped] with its lines and the
// reason: code blocks, HTML blocks, thematic breaks, link reference
// definitions, YAML or TOML front matter, empty headings and items. A
// block kind verso does not know is skipped and reported too: nothing
// disappears silently.
//
// A segment's Text is the source as written with surrounding white space
// trimmed (for Markdown, without the block's marker, so an item's ID does
// not depend on its number). Line is the 1-based line of the source on
// which the segment starts.
//
// # Inline markup
//
// A Markdown segment's Text keeps its inline syntax as written (**bold**,
// *emphasis*, ~~strike~~, `code`, [links](url), [^1] references, hard
// breaks), and a translation carries the same syntax: translators see it
// and move it where their language needs it, the message files stay plain
// strings that go-i18n and every translation tool read, and IDs and
// hashes of untouched paragraphs are what they were before verso read
// inline markup. Exporters derive the spans on demand with [ParseInline]
// (or [Document.Inline], which also resolves reference links): the text
// without syntax and the byte ranges of strong, emphasis, strike, code,
// link, image, footnote reference and break. Numbered placeholders (XLIFF's
// <pc>/<ph>) would hide the markup from translators working in a text
// editor or a spreadsheet and change every hash; the cost of the choice is
// that a translation can break its markup, which [MarkupDiff] finds: verso
// check reports a translation whose link targets, code spans or footnote
// references differ from its source's, and sheet import refuses such a
// row.
//
// # Normalization and hashes
//
// [Normalize] folds every run of white space (ASCII, NBSP, ideographic space,
// line breaks) to one space and trims the ends, after NFC normalization; a
// run holding a line break next to a CJK character (Han, kana, CJK
// punctuation, full-width forms) disappears, since Chinese is wrapped
// without spaces. Two texts that differ only in white space or wrapping
// normalize to the same string, so such edits change neither a segment's ID
// nor its hash.
//
// A segment's hash is the one goi18n merge computes for a source message
// whose description is empty and whose text is the normalized segment:
// "sha1-" followed by the lowercase hex SHA-1 of the normalized text. A
// translation records the hash of the source it was translated from; when
// the source's hash changes, the translation is stale.
//
// # Stable IDs
//
// IDs are six characters: a lowercase letter followed by five characters of
// the Crockford base-32 alphabet (0-9, a-z without i, l, o, u), derived from
// a SHA-1 of the document name and the segment's first normalized text, and
// never equal to an ID in use or retired. They are recorded in a [Record]
// beside the source (see record.go for the file format). [Sync] carries the
// IDs of an old record over to a new version of the document:
//
//  1. segments whose normalized text occurs once in both versions keep their
//     ID (an anchor), wherever they moved;
//  2. repeated texts (the same date line in every section) are paired by the
//     anchors around them: first the one after the same preceding anchor,
//     then the one before the same following anchor, then in order;
//  3. the rest are paired by similarity: candidates come from an index of
//     character bigrams (rare bigrams only, so the work stays near linear),
//     similarity is the Dice coefficient of the bigram multisets, and pairs at
//     or above [EditThreshold] are taken greedily from the most similar down.
//     When a paragraph was split or two were merged, the part most like the
//     old text keeps the ID;
//  4. segments still unpaired get a retired ID back: the one whose last
//     text (kept in the record) is the segment's normalized text, so its
//     translations are live again, else, by the similarity of step 3 at or
//     above [EditThreshold], the most similar one, whose translations are
//     then stale;
//  5. segments still unpaired get new IDs (in time linear in the number of
//     repeats of a text); old IDs still unpaired are retired with their
//     last text and never handed out to another text.
//
// [SyncReport.RetiresMost] tells a sync that retires more than half of the
// old IDs, or all of them, which verso sync refuses without --force.
//
// # Limits
//
// A segment longer than [MaxSegmentBytes] (1 MiB) is refused by [Parse]
// at its line, so that every command works on it in bounded memory.
//
// The same old record and the same new document give the same IDs on every
// machine.
package align
