package cli

import (
	"bytes"

	"verso/export/po"
)

func init() { registerExchange(poCodec) }

var poCodec = &codec{name: "po", files: "files", kind: "a verso po file", edit: "edit", ext: ".po", noun: "message",
	summary: "export and import GNU gettext PO files for translation tools",
	help: `export writes one PO file per locale (default every configured locale;
po/<locale>.po) with every segment of the documents: msgctxt is the segment
ID, #: the source line, stale translations are fuzzy with the previous
source as #| msgid, so are translations flagged needs-review (removing
fuzzy clears the flag), translator notes are comments. Poedit, Weblate, OmegaT,
Lokalize and translate-toolkit read it; msgfmt --check accepts it.

import brings translated PO files back, as verso sheet import does
workbooks: every file is checked before anything is written, conflicts are
reported unless --prefer decides, an empty msgstr never deletes a
translation. Problems are reported as FILE:LINE: what to do.
`,
	exportHelp: "Writes a PO file per locale with every segment of the documents, for translation tools. An existing\n" +
		"file that holds edits not yet imported is not overwritten (exit 2) unless --force.",
	write: func(j *exportJob) ([]byte, error) {
		docs := make([]po.Doc, len(j.docs))
		for i, d := range j.docs {
			docs[i] = po.Doc{Name: d.doc.Name, Path: d.doc.Path, Units: d.units}
		}
		var buf bytes.Buffer
		buf.Grow(j.sizeHint(po.Markup))
		err := po.Write(&buf, po.Header{Locale: j.locale, SourceLang: j.p.Config.SourceLanguage, Created: j.created}, docs)
		return buf.Bytes(), err
	},
	read: po.ReadFrom,
}
