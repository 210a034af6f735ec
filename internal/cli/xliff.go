package cli

import (
	"bytes"

	"verso/export/xliff"
)

func init() { registerExchange(xliffCodec) }

var xliffCodec = &codec{name: "xliff", files: "files", kind: "a verso xliff file", edit: "edit", ext: ".xlf", noun: "unit", versions: []string{xliff.V21, xliff.V12},
	summary: "export and import XLIFF 2.1 or 1.2 files for CAT tools",
	help: `export writes one XLIFF file per locale (default every configured locale;
xliff/<locale>.xlf): a <file> per document, a unit per segment with the
segment ID, its state (2.1: initial, translated, final; 1.2: state and
approved), kind, level and context as metadata, translator notes, and for
stale units the previous translation as the target and the previous source
as a note. 2.1 is OASIS XLIFF 2.1 core; 1.2 is what most CAT tools
(OmegaT, Trados, memoQ, Weblate, Okapi) read.

import brings translated XLIFF files back, as verso sheet import does
workbooks: every file is checked before anything is written (malformed or
truncated XML and DOCTYPEs are refused), conflicts are reported unless
--prefer decides, an empty target never deletes a translation. Problems are
reported as FILE:LINE: what to do.
`,
	exportHelp: "Writes an XLIFF file per locale with every segment of the documents, for CAT tools. An existing\n" +
		"file that holds edits not yet imported is not overwritten (exit 2) unless --force.",
	write: func(j *exportJob) ([]byte, error) {
		docs := make([]xliff.Doc, len(j.docs))
		for i, d := range j.docs {
			docs[i] = xliff.Doc{Name: d.doc.Name, Path: d.doc.Path, Units: d.units, Doc: d.doc.Document}
		}
		var buf bytes.Buffer
		buf.Grow(j.sizeHint(xliff.Markup(j.version)))
		err := xliff.Write(&buf, xliff.Header{Version: j.version, SourceLang: j.p.Config.SourceLanguage, Locale: j.locale}, docs)
		return buf.Bytes(), err
	},
	read: xliff.ReadFrom,
}
