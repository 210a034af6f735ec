package bitext

import (
	"fmt"
	"slices"
	"strings"

	"verso/align"
)

// Status is what bootstrapping a locale from an alignment does with a
// bead (see [Bootstrap]).
type Status int

// The statuses, in the order of precedence when one bead holds several
// segments: a bead shows the most serious of its segments' statuses.
const (
	New      Status = iota // written: the segment had no translation
	Same                   // the translation file already holds this text
	Replaced               // another translation was replaced (Force)
	Kept                   // another translation was left as it is (no Force)
	Review                 // below MinConfidence, or a shared paragraph not cut: proposed for review
	Missing                // no paragraph translates the segment
	Extra                  // a paragraph translates no segment
)

var statusNames = [...]string{"new", "same", "replaced", "kept", "review", "missing", "extra"}

// String returns the status as verso align prints it: "new", "same",
// "replaced", "kept", "review", "missing" or "extra".
func (s Status) String() string {
	if s < 0 || int(s) >= len(statusNames) {
		return fmt.Sprintf("Status(%d)", int(s))
	}
	return statusNames[s]
}

// BootstrapOptions say how an alignment becomes translations.
type BootstrapOptions struct {
	// MinConfidence is the confidence a proposal needs to be written as a
	// translation; the rest go to review.
	MinConfidence float64
	// Force replaces existing translations that differ from the aligned
	// text.
	Force bool
}

// Line is one bead of a [Plan]: its status, confidence and text.
type Line struct {
	Confidence float64 // the lowest confidence of its proposals
	Status     Status
	Text       string // the proposed translation, or the extra paragraphs' text
}

// Plan is what aligning a translated document does to a locale's
// translation and review files. It is computed, not written: the caller
// writes the files.
type Plan struct {
	Beads        []Bead
	Lines        []Line // one per bead, in bead order
	Translations []align.Translation
	Reviews      []align.Review
	Extras       []align.Extra // the review file's extra paragraphs, old and new
	// NotesKept lists the segments sent to review whose review entry
	// keeps a translator's note instead of the proposal.
	NotesKept []string
	// Counts counts segments by status (extra paragraphs for Extra).
	Counts map[Status]int
}

// Bootstrap aligns tgt, a translation of doc, with it and plans the
// locale's new translations, review entries and extra paragraphs from the
// existing ones: a confident proposal for a segment without translation is
// written; one below MinConfidence, or for a segment sharing a paragraph
// that could not be cut, becomes a needs-review entry whose note holds the
// proposal (align.AlignNote); an existing, different translation is kept
// unless Force. Review notes an earlier run wrote are replaced, the
// translators' are kept: a segment with one is flagged needs-review with
// its note as it is, and listed in NotesKept (its proposal is in Lines). The reviews are in order of ID.
func Bootstrap(doc, tgt *align.Document, existing []align.Translation, reviews []align.Review, extras []align.Extra, o BootstrapOptions) *Plan {
	a := Align(doc.Segments, tgt.Segments, Options{})
	props := a.Translations(doc.Segments, tgt.Segments, Options{})
	byID := map[string]align.Translation{}
	set := map[string]align.Translation{} // new and replaced translations
	for _, t := range existing {
		byID[t.ID] = t
	}
	revByID := map[string]align.Review{}
	for _, r := range reviews {
		revByID[r.ID] = r
	}
	plan := &Plan{Beads: a.Beads, Lines: make([]Line, len(a.Beads)), Counts: map[Status]int{}}
	for i, b := range a.Beads {
		plan.Lines[i] = Line{Confidence: b.Confidence}
		switch {
		case b.Src.Len() == 0:
			parts := make([]string, 0, b.Tgt.Len())
			for j := b.Tgt.Start; j < b.Tgt.End; j++ {
				parts = append(parts, tgt.Segments[j].Text)
			}
			plan.Lines[i].Text = strings.Join(parts, " ")
			plan.Lines[i].Status = Extra
			plan.Counts[Extra] += b.Tgt.Len()
		case b.Tgt.Len() == 0:
			plan.Lines[i].Status = Missing
			plan.Counts[Missing]++
		}
	}
	for _, pr := range props {
		seg := doc.Segments[pr.Seg]
		old, has := byID[seg.ID]
		has = has && align.HasText(old.Text)
		var status Status
		switch {
		case has && old.Text == pr.Text && old.Hash == seg.Hash:
			status = Same
		case has && !o.Force:
			status = Kept
		case pr.Shared || pr.Confidence < o.MinConfidence:
			status = Review
		case has:
			status = Replaced
		default:
			status = New
		}
		plan.Counts[status]++
		switch status {
		case New, Replaced:
			set[seg.ID] = align.Translation{ID: seg.ID, Hash: seg.Hash, Text: pr.Text}
			if r, ok := revByID[seg.ID]; ok && strings.HasPrefix(r.Note, align.AlignNotePrefix) {
				delete(revByID, seg.ID)
			}
		case Review:
			b := a.Beads[pr.Bead]
			note := align.AlignNote(fmt.Sprintf("confidence %.2f (%s%s) from %s", pr.Confidence,
				b.Shape(), noteSuffix(b.Notes), LineRange(tgt, b.Tgt)), pr.Text)
			if pr.Shared {
				note = fmt.Sprintf("%sshares %s with another segment and could not be cut at a sentence: %s",
					align.AlignNotePrefix, LineRange(tgt, b.Tgt), pr.Text)
			}
			if r, ok := revByID[seg.ID]; ok && r.Note != "" && !strings.HasPrefix(r.Note, align.AlignNotePrefix) {
				// A translator's note is never overwritten: the
				// segment is flagged, the proposal is only reported.
				note = r.Note
				plan.NotesKept = append(plan.NotesKept, seg.ID)
			}
			revByID[seg.ID] = align.Review{ID: seg.ID, Flag: align.NeedsReview, Note: note}
		}
		l := &plan.Lines[pr.Bead]
		if status > l.Status { // New, the zero status, is the least
			l.Status = status
		}
		l.Confidence = min(l.Confidence, pr.Confidence)
		if l.Text == "" {
			l.Text = pr.Text
		}
	}
	plan.Translations = align.ApplyTranslations(doc, existing, set)
	for _, r := range revByID {
		plan.Reviews = append(plan.Reviews, r)
	}
	slices.SortFunc(plan.Reviews, func(a, b align.Review) int { return strings.Compare(a.ID, b.ID) })
	plan.Extras = plan.extras(doc, tgt, extras)
	return plan
}

// extras returns the review file's extra paragraphs after the alignment:
// the old ones, then each paragraph of tgt that faces no source segment,
// anchored after the last segment before it, unless the file has it there
// already or its text is already in the translation of the segment before
// or after it.
func (plan *Plan) extras(doc, tgt *align.Document, old []align.Extra) []align.Extra {
	out := slices.Clone(old)
	have := map[[2]string]bool{}
	for _, x := range old {
		have[[2]string{x.After, align.Normalize(x.Text)}] = true
	}
	trs := map[string]string{}
	for _, t := range plan.Translations {
		trs[t.ID] = t.Text
	}
	text := func(id string) string { return trs[id] }
	after := ""
	for _, b := range plan.Beads {
		if b.Src.Len() > 0 {
			after = doc.Segments[b.Src.End-1].ID
			continue
		}
		for j := b.Tgt.Start; j < b.Tgt.End; j++ {
			x := align.Extra{After: after, Text: tgt.Segments[j].Text}
			k := [2]string{after, align.Normalize(x.Text)}
			if have[k] || x.Placed(doc, text) {
				continue
			}
			have[k] = true
			out = append(out, x)
		}
	}
	return out
}

// LineRange names the target paragraphs of a span by file and lines:
// "file:3" or "file:3-7".
func LineRange(tgt *align.Document, s Span) string {
	first, last := tgt.Segments[s.Start].Line, tgt.Segments[s.End-1].Line
	if first == last {
		return fmt.Sprintf("%s:%d", tgt.Path, first)
	}
	return fmt.Sprintf("%s:%d-%d", tgt.Path, first, last)
}

func noteSuffix(notes []string) string {
	if len(notes) == 0 {
		return ""
	}
	return "; " + strings.Join(notes, "; ")
}
