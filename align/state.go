package align

// State is the state of one segment in one locale.
type State string

// The translation states.
const (
	Translated State = "translated" // translated from the current source text
	Missing    State = "missing"    // no translation, or an empty one
	Stale      State = "stale"      // translated from an older source text
	Orphaned   State = "orphaned"   // a translation whose ID is not in the source
)

// States lists the states in report order.
var States = []State{Translated, Stale, Missing, Orphaned}

// Translation is one translated segment, as read from a message file.
type Translation struct {
	ID   string
	Hash string // hash of the source text the translation was made from
	Text string
	Line int // line of the message in its file, for reports
}

// Item is the state of one segment, or of one orphaned translation.
type Item struct {
	ID    string
	State State
	Index int          // segment index in the document; -1 when orphaned
	Tr    *Translation // nil when missing
}

// Coverage is the state of every segment of a document in one locale.
type Coverage struct {
	Doc    *Document
	Locale string
	Items  []Item // segments in document order, then orphans in file order
	Counts map[State]int
}

// Assess compares a document with its translations into one locale.
func Assess(doc *Document, locale string, trs []Translation) *Coverage {
	byID := make(map[string]*Translation, len(trs))
	for i := range trs {
		byID[trs[i].ID] = &trs[i]
	}
	c := &Coverage{Doc: doc, Locale: locale, Counts: map[State]int{}}
	inDoc := make(map[string]bool, len(doc.Segments))
	for i, s := range doc.Segments {
		inDoc[s.ID] = true
		it := Item{ID: s.ID, Index: i, Tr: byID[s.ID]}
		switch {
		case it.Tr == nil || !HasText(it.Tr.Text):
			it.State = Missing
		case it.Tr.Hash != s.Hash:
			it.State = Stale
		default:
			it.State = Translated
		}
		c.add(it)
	}
	for i := range trs {
		if !inDoc[trs[i].ID] {
			c.add(Item{ID: trs[i].ID, State: Orphaned, Index: -1, Tr: &trs[i]})
		}
	}
	return c
}

func (c *Coverage) add(it Item) {
	c.Items = append(c.Items, it)
	c.Counts[it.State]++
}

// Complete reports whether every segment is translated from its current text.
func (c *Coverage) Complete() bool { return c.Counts[Missing] == 0 && c.Counts[Stale] == 0 }

// Percent is the share of segments translated from their current text, 0 to
// 100, rounded down so that 100 means complete.
func (c *Coverage) Percent() int {
	if len(c.Doc.Segments) == 0 {
		return 100
	}
	return c.Counts[Translated] * 100 / len(c.Doc.Segments)
}

// ApplyTranslations returns the translations of doc after replacing or
// adding those in set: segments in document order, then the translations
// of other IDs (orphans) in their old order, so that a rewritten file
// keeps document order and loses nothing.
func ApplyTranslations(doc *Document, old []Translation, set map[string]Translation) []Translation {
	byID := make(map[string]Translation, len(old))
	for _, t := range old {
		byID[t.ID] = t
	}
	inDoc := make(map[string]bool, len(doc.Segments))
	out := make([]Translation, 0, len(old)+len(set))
	for _, s := range doc.Segments {
		inDoc[s.ID] = true
		if t, ok := set[s.ID]; ok {
			out = append(out, t)
		} else if t, ok := byID[s.ID]; ok {
			out = append(out, t)
		}
	}
	for _, t := range old {
		if !inDoc[t.ID] {
			out = append(out, t)
		}
	}
	return out
}
