// Package exchange is what verso exchanges with translators and their
// tools, whatever the file format: the units of a document in a locale
// (segment, translation, review state, previous source), the fingerprints
// an export leaves in the file, and the three-way merge that brings a file
// back: the export (the base), the file as the translator left it, and the
// repository as it is now.
//
// Codecs (export/xlsx, export/xliff, export/po, export/tmx) write [Unit]s
// in their format and read back [File]s of [Entry]s; Merge decides every
// entry with [Decide], so that import validation, conflicts and their
// --prefer policy are the same for every format, and [Importer] plans the
// changed files of several imports. Nothing here reads or writes files.
//
// The decision, per entry (see Decide for the full table):
//
//   - an empty translation never deletes one; a translation equal (after
//     normalization) to the exported one changes nothing;
//   - a changed translation is recorded with the source hash of the export:
//     if the source changed since, it is imported but stays stale, with a
//     warning;
//   - a stale unit set to approved with no text, or whose text is the
//     previous translation, is confirmed for the exported source;
//   - a unit changed in the file whose translation (or review state) also
//     changed in the repository since the export is a conflict: rejected,
//     unless the policy ([Prefer]) decides.
package exchange
