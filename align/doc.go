// Package align is verso's document model: it splits source documents into
// segments, gives every segment a stable ID, and tells which translations are
// translated, missing, stale or orphaned.
//
// # Segments
//
// A [Document] is an ordered list of [Segment] values. Each segment has a
// [Kind]: title, heading, paragraph, item, date or note. A [Section] is a
// heading and the segments that follow it up to the next heading; segments
// before the first heading (the title, a preface) form the front matter.
//
// Plain text (.txt) is split at blank lines (lines holding only white space,
// including NBSP and the ideographic space, count as blank). Each block is
// classified:
//
//   - date: the whole block is a date, such as 2020年11月10日, 10 November 2020,
//     November 10, 2020 or 10 ноября 2020 года;
//   - note: the whole block is in parentheses, such as (新华社莫斯科11月10日电);
//   - item: the block's lines are led by a list marker (——, —, –, -, •, *, ·,
//     "1." or "1)"); every marker line starts a new item;
//   - title: the first block of a document that has more blocks, when it reads
//     as a title (one line, no closing sentence punctuation);
//   - heading: any other one-line block with no closing punctuation (。.!?！？；;：:，,、…) that is
//     at most 120 characters long;
//   - paragraph: everything else.
//
// Markdown (.md, CommonMark) is parsed with goldmark: a level-1 heading that
// opens the document is the title, other headings are headings, list items
// are items, paragraphs (also inside block quotes) are paragraphs, dates or
// notes by the rules above. Code blocks, HTML blocks and thematic breaks are
// not translatable and are skipped.
//
// A segment's Text is the source as written with surrounding white space
// trimmed (for Markdown, without the block's marker). Line is the 1-based
// line of the source on which the segment starts.
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
