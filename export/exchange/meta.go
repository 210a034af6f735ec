package exchange

import "strings"

// Meta is the verso metadata an export writes beside each unit, as
// key=value fields separated by spaces (the verso comment of a PO entry,
// the metadata of an XLIFF unit): the unit's ID and document, its state
// and review flag as exported, and the fingerprints of the three-way
// merge (Base). A value "-" stands for an empty one (see [Undash]).
type Meta struct {
	ID, Doc      string
	State, Flag  string
	Hash, TrHash string // the source hash, and that of the translation's source
	Tr, Review   string // the fingerprints of the translation and the review state
	Check        string // the fingerprint of the fields above: an edit of them shows
	// Draft is "proposal" for a unit whose target is verso align's
	// proposal; Fuzzy is "review" for a PO entry made fuzzy because it
	// was flagged needs-review.
	Draft, Fuzzy string
}

// Parse reads key=value fields separated by spaces into m; other keys and
// words are ignored, and a field read again replaces the earlier value.
func (m *Meta) Parse(s string) {
	for _, f := range strings.Fields(s) {
		k, v, ok := strings.Cut(f, "=")
		if !ok {
			continue
		}
		switch k {
		case "id":
			m.ID = v
		case "doc":
			m.Doc = v
		case "state":
			m.State = v
		case "flag":
			m.Flag = v
		case "hash":
			m.Hash = v
		case "trhash":
			m.TrHash = v
		case "tr":
			m.Tr = v
		case "review":
			m.Review = v
		case "check":
			m.Check = v
		case "draft":
			m.Draft = v
		case "fuzzy":
			m.Fuzzy = v
		}
	}
}

// Undash returns s, or "" for "-", the written form of an empty value.
func Undash(s string) string {
	if s == "-" {
		return ""
	}
	return s
}
