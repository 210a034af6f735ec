package exchange

import (
	"fmt"

	"verso/align"
)

// ExtraFingerprint identifies an extra paragraph as exported: the segment
// it follows and its normalized text.
func ExtraFingerprint(after, text string) string {
	return Fingerprint("extra", after, align.Normalize(text))
}

// extras merges the extra paragraphs of a part. For each one read back
// that the repository still holds as exported:
//
//   - its text emptied: dropped (the translator deleted it);
//   - its text edited: kept with the new text;
//   - unchanged, but now in the translation this import records for the
//     segment it follows or for the next one: placed, so dropped;
//   - else kept.
//
// One the repository no longer holds (a translator placed or dropped it
// since) changes nothing; if the file edited it, that is a warning.
func (m *merger) extras(pi int) {
	p := &m.f.Parts[pi]
	cur := m.docs[p.Doc]
	if cur == nil || len(p.Extras) == 0 {
		return
	}
	// Only this import's translations place a paragraph: an untouched
	// file changes nothing, whatever happened in the repository since.
	text := func(id string) string { return m.newTr[p.Doc][id].Text }
	out := make([]align.Extra, len(cur.Extras))
	copy(out, cur.Extras)
	gone := make([]bool, len(out))
	changed := false
	for _, e := range p.Extras {
		i := -1
		for j, x := range out {
			if !gone[j] && x.After == e.After && ExtraFingerprint(x.After, x.Text) == e.Base {
				i = j
				break
			}
		}
		t := CleanText(e.Text)
		edited := ExtraFingerprint(e.After, t) != e.Base
		if i < 0 {
			if edited {
				m.add(pi, e.Pos, FieldTranslation, LevelWarning, fmt.Errorf("%w: %s no longer holds this extra paragraph (placed or dropped since the export); the edit was not imported", ErrKeptRepo, cur.ReviewPath))
			}
			continue
		}
		switch {
		case t == "":
			gone[i], changed = true, true
			m.res.ExtrasDropped++
		case edited:
			out[i].Text, changed = t, true
			m.res.ExtrasEdited++
			if out[i].Placed(cur.Doc, text) {
				gone[i] = true
				m.res.ExtrasPlaced++
			}
		case out[i].Placed(cur.Doc, text):
			gone[i], changed = true, true
			m.res.ExtrasPlaced++
		}
	}
	if !changed {
		return
	}
	kept := []align.Extra{}
	for j, x := range out {
		if !gone[j] {
			x.Line = 0
			kept = append(kept, x)
		}
	}
	m.res.Extras[p.Doc] = kept
}
