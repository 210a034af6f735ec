package align

import (
	"cmp"
	"crypto/sha1"
	"encoding/binary"
	"slices"
	"strconv"
)

// EditThreshold is the least similarity (Dice coefficient of character
// bigrams, 0 to 1) at which an edited segment keeps the ID of its old text.
const EditThreshold = 0.5

// Change says what [Sync] did with one segment or one old ID.
type Change struct {
	ID         string
	Status     SyncStatus
	Index      int     // segment index in the new document; -1 for retired IDs
	OldText    string  // normalized old text, for edited and retired IDs
	Similarity float64 // for edited segments
	// Related is, for a new segment, the ID of the old paragraph it was
	// split from, and for a retired ID, the ID of the segment its text was
	// merged into; empty when there is none.
	Related string
}

// SyncStatus is what happened to a segment's ID.
type SyncStatus string

// The sync statuses.
const (
	SyncKept    SyncStatus = "kept"    // same text, same ID
	SyncEdited  SyncStatus = "edited"  // similar text, same ID; translations become stale
	SyncNew     SyncStatus = "new"     // new text, new ID
	SyncRetired SyncStatus = "retired" // old ID with no segment; kept in the record with its last text
	// SyncRestored is a retired ID given back to a segment whose text is
	// its last text (its translations are live again) or similar to it
	// (they are stale).
	SyncRestored SyncStatus = "restored"
)

// SyncReport lists what Sync did, segments first in document order, then
// retired IDs in old record order.
type SyncReport struct {
	Changes []Change
	// Old is the number of segments of the old record.
	Old int
}

// RetiresMost reports whether the sync retires more than half of the old
// record's IDs, or all of them: what a truncated or replaced source does,
// which verso sync refuses without --force.
func (r *SyncReport) RetiresMost() bool {
	n := r.Count(SyncRetired)
	return n > 0 && (2*n > r.Old || n == r.Old)
}

// Count returns how many changes have the given status.
func (r *SyncReport) Count(s SyncStatus) int {
	n := 0
	for _, c := range r.Changes {
		if c.Status == s {
			n++
		}
	}
	return n
}

// Sync assigns IDs to the segments of doc, carrying them over from old (nil
// for a document seen for the first time), and returns the new record. The
// rules are in the package documentation.
func Sync(doc *Document, old *Record) (*Record, *SyncReport) {
	if old == nil {
		old = &Record{}
	}
	n, m := len(doc.Segments), len(old.Entries)
	texts := make([]string, n)
	for i := range doc.Segments {
		texts[i] = Normalize(doc.Segments[i].Text)
	}
	if rec, rep, ok := syncUnchanged(doc, texts, old); ok {
		return rec, rep
	}
	match := make([]int, n) // new index -> old index, or -1
	for i := range match {
		match[i] = -1
	}
	taken := make([]bool, m)
	pair := func(i, k int) { match[i], taken[k] = k, true }

	// 1. Texts that occur once on each side are anchors.
	newBy := map[string][]int{}
	for i, t := range texts {
		newBy[t] = append(newBy[t], i)
	}
	oldBy := map[string][]int{}
	for k, e := range old.Entries {
		if _, ok := newBy[e.Text]; ok {
			oldBy[e.Text] = append(oldBy[e.Text], k)
		}
	}
	for i, t := range texts {
		if ks := oldBy[t]; len(ks) == 1 && len(newBy[t]) == 1 {
			pair(i, ks[0])
		}
	}

	// 2. Repeated texts are paired by the anchors around them.
	newPrev, newNext := anchorsAround(n, func(i int) (string, bool) {
		if match[i] < 0 {
			return "", false
		}
		return old.Entries[match[i]].ID, true
	})
	oldPrev, oldNext := anchorsAround(m, func(k int) (string, bool) {
		return old.Entries[k].ID, taken[k]
	})
	for i, t := range texts {
		ks := oldBy[t]
		if match[i] >= 0 || len(ks) == 0 || i != newBy[t][0] {
			continue
		}
		is := newBy[t]
		for _, ctx := range [][2][]string{{newPrev, oldPrev}, {newNext, oldNext}} {
			queue := map[string][]int{}
			for _, k := range ks {
				if !taken[k] {
					queue[ctx[1][k]] = append(queue[ctx[1][k]], k)
				}
			}
			for _, i := range is {
				if q := queue[ctx[0][i]]; match[i] < 0 && len(q) > 0 {
					pair(i, q[0])
					queue[ctx[0][i]] = q[1:]
				}
			}
		}
		j := 0
		for _, i := range is {
			for j < len(ks) && taken[ks[j]] {
				j++
			}
			if match[i] < 0 && j < len(ks) {
				pair(i, ks[j])
			}
		}
	}

	// 3. Edited, split and merged segments are paired by similarity.
	similar, rel := matchSimilar(texts, match, old.Entries, taken)
	for _, e := range similar {
		pair(e.i, e.k)
	}

	// 4. Segments still unpaired get a retired ID back: the one whose last
	// text is theirs, else the most similar one.
	restored, restoredSim := restore(texts, match, old.Retired)

	// 5. New IDs for the rest; unpaired old IDs are retired.
	used := make(map[string]bool, n+m+len(old.Retired))
	for _, e := range old.Entries {
		used[e.ID] = true
	}
	back := make(map[int]bool, len(restored))
	for _, e := range old.Retired {
		used[e.ID] = true
	}
	for _, r := range restored {
		back[r] = true
	}
	rec := &Record{Entries: make([]Entry, n)}
	for r, e := range old.Retired {
		if !back[r] {
			rec.Retired = append(rec.Retired, e)
		}
	}
	rep := &SyncReport{Changes: make([]Change, 0, n), Old: m}
	sims := make(map[int]float64, len(similar))
	for _, e := range similar {
		sims[e.i] = e.sim
	}
	salts := map[string]int{} // per text, the first salt newID has not tried
	for i, t := range texts {
		c := Change{Index: i}
		if k := match[i]; k >= 0 {
			c.ID, c.Status = old.Entries[k].ID, SyncKept
			if old.Entries[k].Text != t {
				c.Status, c.OldText, c.Similarity = SyncEdited, old.Entries[k].Text, sims[i]
			}
		} else if r, ok := restored[i]; ok {
			e := old.Retired[r]
			c.ID, c.Status, c.OldText, c.Similarity = e.ID, SyncRestored, e.Text, restoredSim[i]
		} else {
			c.ID, c.Status = newID(doc.Name, t, used, salts), SyncNew
			used[c.ID] = true
			if k, ok := rel.splitFrom[i]; ok && taken[k] {
				c.Related = old.Entries[k].ID
			}
		}
		doc.Segments[i].ID = c.ID
		rec.Entries[i] = Entry{ID: c.ID, Text: t}
		rep.Changes = append(rep.Changes, c)
	}
	for k, e := range old.Entries {
		if !taken[k] {
			rec.Retired = append(rec.Retired, e)
			c := Change{ID: e.ID, Status: SyncRetired, Index: -1, OldText: e.Text}
			if i, ok := rel.mergedInto[k]; ok {
				c.Related = doc.Segments[i].ID
			}
			rep.Changes = append(rep.Changes, c)
		}
	}
	return rec, rep
}

// restore finds, for the unpaired segments, the retired IDs to give back:
// first those whose last text is the segment's (in record order), then by
// similarity at or above [EditThreshold], most similar first, as for
// edited segments. It returns new index -> retired index and the
// similarities of the similar ones.
func restore(texts []string, match []int, retired []Entry) (map[int]int, map[int]float64) {
	out, sims := map[int]int{}, map[int]float64{}
	if len(retired) == 0 {
		return out, sims
	}
	byText := map[string][]int{}
	for r, e := range retired {
		if e.Text != "" {
			byText[e.Text] = append(byText[e.Text], r)
		}
	}
	if len(byText) == 0 {
		return out, sims
	}
	taken := make([]bool, len(retired))
	open := slices.Clone(match)
	for r, e := range retired {
		taken[r] = e.Text == ""
	}
	for i, t := range texts {
		if open[i] >= 0 {
			continue
		}
		if rs := byText[t]; len(rs) > 0 {
			out[i], open[i], taken[rs[0]] = rs[0], rs[0], true
			byText[t] = rs[1:]
		}
	}
	similar, _ := matchSimilar(texts, open, retired, taken)
	for _, e := range similar {
		out[e.i], sims[e.i] = e.k, e.sim
	}
	return out, sims
}

// syncUnchanged handles the common case of a document whose normalized
// texts are those of the record, in the same order.
func syncUnchanged(doc *Document, texts []string, old *Record) (*Record, *SyncReport, bool) {
	if len(texts) != len(old.Entries) {
		return nil, nil, false
	}
	for i, t := range texts {
		if old.Entries[i].Text != t {
			return nil, nil, false
		}
	}
	rep := &SyncReport{Changes: make([]Change, len(texts)), Old: len(old.Entries)}
	for i := range texts {
		doc.Segments[i].ID = old.Entries[i].ID
		rep.Changes[i] = Change{ID: old.Entries[i].ID, Status: SyncKept, Index: i}
	}
	return &Record{Entries: slices.Clone(old.Entries), Retired: slices.Clone(old.Retired)}, rep, true
}

// anchorsAround returns, for each of n positions, the anchor ID before it and
// after it ("" at the ends). anchor reports the anchor ID at a position.
func anchorsAround(n int, anchor func(int) (string, bool)) (prev, next []string) {
	prev, next = make([]string, n), make([]string, n)
	last := ""
	for i := range n {
		prev[i] = last
		if id, ok := anchor(i); ok {
			last = id
		}
	}
	last = ""
	for i := n - 1; i >= 0; i-- {
		next[i] = last
		if id, ok := anchor(i); ok {
			last = id
		}
	}
	return prev, next
}

// newID derives a fresh ID from the document name and text, salting the
// hash until it is unused. salts remembers, for the texts that needed a
// salt, the first salt not yet tried: every salt below it gave an ID in
// use, and used only grows, so starting there gives the same ID as trying
// from 0 without rehashing for every repeat of a text (a table's "Tier 1"
// cells, a date line in every section).
func newID(doc, text string, used map[string]bool, salts map[string]int) string {
	// Most texts are unique: try salt 0 before looking the text up.
	if id := saltedID(doc, text, 0); !used[id] {
		return id
	}
	for salt := max(1, salts[text]); ; salt++ {
		if id := saltedID(doc, text, salt); !used[id] {
			salts[text] = salt + 1
			return id
		}
	}
}

// saltedID is the ID of a text with a salt: the document name, the text
// and, for a salt above 0, the salt, hashed with SHA-1 and written as a
// letter and five Crockford base-32 characters.
func saltedID(doc, text string, salt int) string {
	h := sha1.New()
	h.Write([]byte(doc))
	h.Write([]byte{0})
	h.Write([]byte(text))
	if salt > 0 {
		h.Write([]byte{0})
		h.Write([]byte(strconv.Itoa(salt)))
	}
	var sum [sha1.Size]byte
	v := binary.BigEndian.Uint64(h.Sum(sum[:0]))
	var id [6]byte
	id[0] = idLetters[v%uint64(len(idLetters))]
	v /= uint64(len(idLetters))
	for k := 1; k < len(id); k++ {
		id[k] = IDAlphabet[v%32]
		v /= 32
	}
	return string(id[:])
}

type edge struct {
	i, k int
	sim  float64
	dist float64
}

// Candidate search limits: how many of a segment's rarest bigrams are looked
// up, and how many best-sharing old segments are compared in full.
const (
	probeGrams = 24
	probeCands = 8
)

// relations remember, among the compared pairs, which new text lies almost
// wholly inside an old one (a part split off) and which old text lies
// almost wholly inside a new one (merged into it), for the sync report.
type relations struct {
	splitFrom  map[int]int // new index -> old index
	mergedInto map[int]int // old index -> new index
}

// containment is the share of a text's bigrams found in the other text at
// which the text counts as split from or merged into it.
const containment = 0.8

// matchSimilar pairs unmatched new and old segments whose texts are similar,
// most similar first.
func matchSimilar(texts []string, match []int, old []Entry, taken []bool) ([]edge, relations) {
	rel := relations{splitFrom: map[int]int{}, mergedInto: map[int]int{}}
	best := map[int]float64{} // old index -> best containment in a new text
	var us, vs []int
	for i := range texts {
		if match[i] < 0 {
			us = append(us, i)
		}
	}
	for k := range old {
		if !taken[k] {
			vs = append(vs, k)
		}
	}
	if len(us) == 0 || len(vs) == 0 {
		return nil, rel
	}
	oldGrams := make(map[int][]uint64, len(vs))
	postings := map[uint64][]int{}
	for _, k := range vs {
		g := bigrams(old[k].Text)
		oldGrams[k] = g
		for j, x := range g {
			if j == 0 || g[j-1] != x {
				postings[x] = append(postings[x], k)
			}
		}
	}
	var edges []edge
	hits := map[int]int{}
	type gram struct {
		x uint64
		n int
	}
	var probe []gram
	var cands []int
	for _, i := range us {
		g := bigrams(texts[i])
		probe = probe[:0]
		for j, x := range g {
			if n := len(postings[x]); n > 0 && (j == 0 || g[j-1] != x) {
				probe = append(probe, gram{x, n})
			}
		}
		slices.SortFunc(probe, func(a, b gram) int { return cmp.Or(cmp.Compare(a.n, b.n), cmp.Compare(a.x, b.x)) })
		clear(hits)
		for _, p := range probe[:min(len(probe), probeGrams)] {
			for _, k := range postings[p.x] {
				hits[k]++
			}
		}
		// Keep the probeCands old segments sharing the most bigrams (ties
		// to the earlier one), by insertion into a short sorted list.
		var top [probeCands]struct{ k, n int }
		size := 0
		for k, n := range hits {
			j := size
			for j > 0 && (top[j-1].n < n || top[j-1].n == n && top[j-1].k > k) {
				j--
			}
			if j == probeCands {
				continue
			}
			if size < probeCands {
				size++
			}
			copy(top[j+1:size], top[j:size-1])
			top[j] = struct{ k, n int }{k, n}
		}
		cands = cands[:0]
		for _, t := range top[:size] {
			cands = append(cands, t.k)
		}
		for _, k := range cands {
			common := SharedCount(g, oldGrams[k])
			if c := float64(common) / float64(len(g)); c >= containment {
				if _, ok := rel.splitFrom[i]; !ok {
					rel.splitFrom[i] = k
				}
			}
			if c := float64(common) / float64(len(oldGrams[k])); c >= containment && c > best[k] {
				best[k], rel.mergedInto[k] = c, i
			}
			if s := 2 * float64(common) / float64(len(g)+len(oldGrams[k])); s >= EditThreshold {
				d := float64(i)/float64(len(texts)) - float64(k)/float64(len(old))
				edges = append(edges, edge{i: i, k: k, sim: s, dist: max(d, -d)})
			}
		}
	}
	slices.SortFunc(edges, func(a, b edge) int {
		return cmp.Or(cmp.Compare(b.sim, a.sim), cmp.Compare(a.dist, b.dist), cmp.Compare(a.i, b.i), cmp.Compare(a.k, b.k))
	})
	usedNew, usedOld := map[int]bool{}, map[int]bool{}
	var out []edge
	for _, e := range edges {
		if !usedNew[e.i] && !usedOld[e.k] {
			usedNew[e.i], usedOld[e.k] = true, true
			out = append(out, e)
		}
	}
	return out, rel
}

// bigrams returns the sorted character bigrams of s (the single character of
// a one-character text).
func bigrams(s string) []uint64 {
	rs := []rune(s)
	if len(rs) == 1 {
		return []uint64{uint64(rs[0])}
	}
	g := make([]uint64, 0, len(rs))
	for j := 1; j < len(rs); j++ {
		g = append(g, uint64(rs[j-1])<<32|uint64(rs[j]))
	}
	slices.Sort(g)
	return g
}

// SharedCount counts the elements two sorted multisets share (the size of
// their intersection), in linear time.
func SharedCount[T cmp.Ordered](a, b []T) int {
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}
