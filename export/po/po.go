// Package po writes and reads GNU gettext PO files of a locale's
// translations, for translators whose tools speak PO (Poedit, Weblate,
// OmegaT, Lokalize, translate-toolkit). One file per locale holds every
// segment of the documents exported, in document order:
//
//	# translator's note (one comment line per line of the note)
//	#. heading level 2
//	#. verso: id=<ID> doc=<doc> state=<state> flag=<flag> hash=<h> tr=<fp> review=<fp> check=<fp>
//	#: sources/<file>:<line>
//	#, fuzzy
//	#| msgid "the source the stale translation was made from"
//	msgctxt "<segment ID>"
//	msgid "<source>"
//	msgstr "<translation>"
//
// A stale translation is fuzzy, with the previous source as #| msgid when
// history has it, so that gettext tools count translated = translated,
// fuzzy = stale, untranslated = missing, as verso status does. The verso
// comment carries the ID again (translate-toolkit's xliff2po, for one,
// drops msgctxt) and the export's fingerprints for the three-way merge (see
// package exchange); a file whose comments a tool dropped still imports,
// as if exported from the repository as it is now.
//
// A missing segment for which verso align left a proposal below its
// threshold (flagged needs-review, the proposal in the note) goes out with
// the proposal as a fuzzy msgstr and draft=proposal in the verso comment:
// the translator accepts it by removing fuzzy, as with any draft.
//
// A translation flagged needs-review is fuzzy too, with fuzzy=review in
// the verso comment (and "#. needs review"): gettext's fuzzy is what the
// flag means.
//
// Reading back: msgstr is the translation; a fuzzy entry whose msgstr is
// still the exported one changes nothing, a fuzzy entry with another text
// is imported flagged needs-review; removing fuzzy from a stale entry
// without changing msgstr confirms the previous translation. Removing
// fuzzy from an entry exported fuzzy=review clears its needs-review flag,
// as the workbook's status column and the XLIFF states do (the note
// stays); leaving it keeps the flag. The translator comments are the
// note.
package po

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"verso/align"
	"verso/export/exchange"
)

// Doc is one document's units to write.
type Doc struct {
	Name  string
	Path  string // the source's path, for references
	Units []exchange.Unit
}

// Header describes the file written.
type Header struct {
	Locale, SourceLang string
	Created            time.Time
}

// Write writes a PO file of the documents' units. The same input gives the
// same bytes.
func Write(w io.Writer, h Header, docs []Doc) error {
	var b bytes.Buffer
	date := h.Created.UTC().Format("2006-01-02 15:04-0700")
	fmt.Fprintf(&b, "# verso translations into %s; import with verso po import.\n", h.Locale)
	b.WriteString("msgid \"\"\nmsgstr \"\"\n")
	for _, f := range []string{
		"Project-Id-Version: verso\n",
		"Report-Msgid-Bugs-To: \n",
		"POT-Creation-Date: " + date + "\n",
		"PO-Revision-Date: " + date + "\n",
		"Last-Translator: verso\n",
		"Language-Team: " + h.Locale + "\n",
		"Language: " + h.Locale + "\n",
		"MIME-Version: 1.0\n",
		"Content-Type: text/plain; charset=UTF-8\n",
		"Content-Transfer-Encoding: 8bit\n",
		"X-Generator: verso\n",
		"X-Verso-Source-Language: " + h.SourceLang + "\n",
	} {
		b.WriteString(quote(f) + "\n")
	}
	for _, d := range docs {
		for i := range d.Units {
			writeEntry(&b, d, &d.Units[i])
			if b.Len() > 1<<20 {
				if _, err := w.Write(b.Bytes()); err != nil {
					return err
				}
				b.Reset()
			}
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

func writeEntry(b *bytes.Buffer, d Doc, u *exchange.Unit) {
	b.WriteByte('\n')
	if u.Review.Note != "" {
		for _, ln := range strings.Split(u.Review.Note, "\n") {
			b.WriteString(strings.TrimRight("# "+ln, " ") + "\n")
		}
	}
	b.WriteString("#. " + u.Seg.Context() + "\n")
	if u.Review.Flag == align.NeedsReview {
		b.WriteString("#. needs review\n")
	}
	b.WriteString("#. " + marker(d.Name, u) + "\n")
	fmt.Fprintf(b, "#: %s:%d\n", d.Path, u.Seg.Line)
	if u.State == align.Stale || u.Proposal != "" || reviewFuzzy(u) {
		b.WriteString("#, fuzzy\n")
		if u.OldKnown {
			writeString(b, "#| msgid", u.OldSource)
		}
	}
	writeString(b, "msgctxt", u.Seg.ID)
	writeString(b, "msgid", u.Seg.Text)
	tr := u.Proposal // a missing entry's draft from verso align, fuzzy
	if u.Tr != nil && u.State != align.Missing {
		tr = u.Tr.Text
	}
	writeString(b, "msgstr", tr)
}

// marker is the verso comment of a unit: what the merge needs back.
func marker(doc string, u *exchange.Unit) string {
	base := u.Base()
	flag := u.Review.Flag
	if flag == "" {
		flag = "-"
	}
	trHash := "-"
	if u.Tr != nil {
		trHash = u.Tr.Hash
	}
	m := fmt.Sprintf("verso: id=%s doc=%s state=%s flag=%s hash=%s trhash=%s tr=%s review=%s check=%s", u.Seg.ID, doc, u.State, flag,
		base.SourceHash, trHash, dash(base.TrFP), base.ReviewFP, check(doc, u.Seg.ID, string(u.State), flag, trHash, base))
	if u.Proposal != "" {
		m += " draft=proposal" // msgstr is verso align's proposal: removing fuzzy accepts it
	} else if reviewFuzzy(u) {
		m += " fuzzy=review" // fuzzy for its needs-review flag: removing fuzzy clears it
	}
	return m
}

// reviewFuzzy reports whether a unit is fuzzy for its review flag: a
// translation (current or stale) flagged needs-review.
func reviewFuzzy(u *exchange.Unit) bool {
	return u.Review.Flag == align.NeedsReview && u.Tr != nil && u.State != align.Missing
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// check covers the fields of the verso comment.
func check(doc, id, state, flag, trHash string, b exchange.Base) string {
	return exchange.Fingerprint("po", doc, id, state, flag, trHash, b.SourceHash, b.TrFP, b.ReviewFP)
}

// writeString writes a keyword and its string, split after each newline
// the way gettext tools do.
func writeString(b *bytes.Buffer, keyword, s string) {
	prefix := ""
	if strings.HasPrefix(keyword, "#|") {
		prefix = "#| "
	}
	if !strings.Contains(strings.TrimSuffix(s, "\n"), "\n") {
		b.WriteString(keyword + " " + quote(s) + "\n")
		return
	}
	b.WriteString(keyword + " \"\"\n")
	for _, ln := range strings.SplitAfter(s, "\n") {
		if ln != "" {
			b.WriteString(prefix + quote(ln) + "\n")
		}
	}
}

// quote returns s as a C string literal, as PO files have them.
func quote(s string) string {
	if !strings.ContainsAny(s, "\"\\\n\t\r") {
		return `"` + s + `"`
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Markup is about the bytes Write writes around an entry's texts (its
// comments, keywords and quotes), for exchange.SizeHint.
const Markup = 340
