package project

import "verso/internal/history"

// OldSources finds, for every document, the source texts that the stale
// translations of the locales were made from, by hash: document name ->
// hash -> text. The repository keeps only current texts (the ID record),
// so they are searched in git history (history.Texts), once per document
// for all locales. A text history does not have is absent: the exports
// say it is unknown.
func (p *Project) OldSources(docs []*Doc, locales []string) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, d := range docs {
		hashOf := make(map[string]string, len(d.Segments))
		for _, s := range d.Segments {
			hashOf[s.ID] = s.Hash
		}
		want := map[string]bool{}
		for _, l := range locales {
			for _, t := range d.Translations[l].Items {
				if h, ok := hashOf[t.ID]; ok && h != t.Hash {
					want[t.Hash] = true
				}
			}
		}
		if len(want) > 0 {
			out[d.Name] = history.Texts(p.Root, d.RecordPath, want)
		}
	}
	return out
}
