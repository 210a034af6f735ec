// Package tm is verso's translation memory: an index of translated
// segments (every current translation of every document of a locale, and
// pairs imported from TMX files) that finds, for a new or changed segment,
// the most similar translated ones, with a score.
//
// # Matching
//
// Texts are compared normalised ([align.Normalize]) as runes. Candidates
// come from an inverted index of character bigrams, as [align.Sync]
// pairs edited segments: a query looks up its rarer bigrams (those in at
// most MaxPosting entries, and at least its three rarest), counts the
// bigrams each entry shares, and keeps the entries that share the most.
// These are scored by edit distance, the measure translators know from CAT
// tools: score = 1 − Levenshtein(query, source) / max(len(query),
// len(source)), so 1 is an exact match and 0.8 means a fifth of the
// characters differ. The edit distance is computed in a band of the width
// the minimum score allows, so hopeless candidates cost little.
//
// Identical sources are found through a map, whatever their length.
//
// An index of 100,000 segments answers 1,000 queries in well under a
// second (see BenchmarkLookup); it holds the bigram postings as int32
// entry numbers.
package tm

import (
	"slices"
	"strings"

	"verso/align"
)

// Entry is one translated segment of the memory.
type Entry struct {
	Source string // as written; normalised for matching
	Target string
	// Origin says where the pair comes from: "sources/DOC.txt:LINE ID" for
	// a translation of the repository, the file name for an imported one.
	Origin string
	// ID is the segment's ID for a translation of the repository; "" for an
	// imported pair. A query never matches its own segment.
	ID string
}

// Match is a suggestion for a query: an entry and its score.
type Match struct {
	Entry
	Score float64 // 0 to 1; 1 is an exact match of the normalised sources
}

// Memory is an index of entries. Build it with New and Add, then Lookup.
type Memory struct {
	entries []Entry
	runes   [][]rune           // normalised source of each entry
	exact   map[string][]int32 // normalised source -> entries
	post    map[uint64][]int32 // bigram -> entries holding it (once each)
	counts  []uint16           // scratch: shared bigrams per entry during a lookup
	touched []int32            // scratch: entries counted during a lookup
	lev     levRows            // scratch: the rows of the edit distance
}

// MaxPosting is the number of entries above which a bigram is too common
// to find candidates with, unless it is among a query's three rarest.
const MaxPosting = 2000

// candidates is the number of entries per query scored by edit distance.
const candidates = 12

// New returns an empty memory.
func New() *Memory {
	return &Memory{exact: map[string][]int32{}, post: map[uint64][]int32{}}
}

// Len returns the number of entries.
func (m *Memory) Len() int { return len(m.entries) }

// Add adds an entry. Entries with an empty source or target are ignored.
func (m *Memory) Add(e Entry) {
	src := align.Normalize(e.Source)
	if src == "" || strings.TrimSpace(e.Target) == "" {
		return
	}
	n := int32(len(m.entries))
	m.entries = append(m.entries, e)
	rs := []rune(src)
	m.runes = append(m.runes, rs)
	m.exact[src] = append(m.exact[src], n)
	for _, b := range uniqueBigrams(rs) {
		m.post[b] = append(m.post[b], n)
	}
}

// bigrams returns the character bigrams of rs as integers, each once,
// sorted; a text of one character gives that character.
func uniqueBigrams(rs []rune) []uint64 {
	if len(rs) == 1 {
		return []uint64{uint64(rs[0])}
	}
	out := make([]uint64, 0, len(rs))
	for i := 0; i+1 < len(rs); i++ {
		out = append(out, uint64(rs[i])<<32|uint64(rs[i+1]))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Lookup returns up to max matches of text scoring at least minScore,
// best first (ties in the order entries were added), leaving out entries
// whose ID is self. Lookup is not safe for concurrent use: it reuses
// scratch space.
func (m *Memory) Lookup(text, self string, minScore float64, max int) []Match {
	q := []rune(align.Normalize(text))
	if len(q) == 0 || max <= 0 {
		return nil
	}
	if m.counts == nil || len(m.counts) < len(m.entries) {
		m.counts = make([]uint16, len(m.entries))
	}
	var out []Match
	seen := map[int32]bool{}
	for _, i := range m.exact[string(q)] {
		if m.entries[i].ID != self || self == "" {
			out = append(out, Match{Entry: m.entries[i], Score: 1})
			seen[i] = true
		}
	}
	// Candidates: the entries sharing the most of the query's rarer
	// bigrams.
	bs := uniqueBigrams(q)
	slices.SortFunc(bs, func(a, b uint64) int { return len(m.post[a]) - len(m.post[b]) })
	m.touched = m.touched[:0]
	for k, b := range bs {
		p := m.post[b]
		if len(p) > MaxPosting && k >= 3 {
			break
		}
		if len(p) > 20*MaxPosting {
			p = p[:20*MaxPosting]
		}
		for _, i := range p {
			if m.counts[i] == 0 {
				m.touched = append(m.touched, i)
			}
			if m.counts[i] < 1<<16-1 {
				m.counts[i]++
			}
		}
	}
	// The entries with the highest counts, by a histogram of the counts
	// (at most the number of the query's bigrams): no sort of every
	// entry touched.
	hist := make([]int, len(bs)+2)
	for _, i := range m.touched {
		hist[min(int(m.counts[i]), len(hist)-1)]++
	}
	floor, n := len(hist)-1, 0
	for ; floor > 1 && n+hist[floor] < candidates; floor-- {
		n += hist[floor]
	}
	var cands []int32
	for _, i := range m.touched {
		if int(m.counts[i]) >= floor {
			cands = append(cands, i)
		}
	}
	slices.SortFunc(cands, func(a, b int32) int {
		if d := int(m.counts[b]) - int(m.counts[a]); d != 0 {
			return d
		}
		return int(a - b)
	})
	for _, i := range m.touched {
		m.counts[i] = 0
	}
	if len(cands) > candidates {
		cands = cands[:candidates]
	}
	for _, i := range cands {
		if seen[i] || self != "" && m.entries[i].ID == self {
			continue
		}
		c := m.runes[i]
		longest := max2(len(q), len(c))
		limit := int(float64(longest) * (1 - minScore))
		d, ok := m.lev.distance(q, c, limit)
		if !ok {
			continue
		}
		if s := 1 - float64(d)/float64(longest); s >= minScore {
			out = append(out, Match{Entry: m.entries[i], Score: s})
		}
	}
	slices.SortStableFunc(out, func(a, b Match) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return 0
	})
	// The same translation from several entries is suggested once.
	var uniq []Match
	for _, mt := range out {
		if !slices.ContainsFunc(uniq, func(u Match) bool { return u.Target == mt.Target }) {
			uniq = append(uniq, mt)
		}
		if len(uniq) == max {
			break
		}
	}
	return uniq
}

func max2(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// levRows is the scratch space of the edit distance.
type levRows struct{ prev, cur []int }

// levenshtein returns the edit distance of a and b if it is at most
// limit, computing only the band of diagonals within limit.
func levenshtein(a, b []rune, limit int) (int, bool) {
	var r levRows
	return r.distance(a, b, limit)
}

// distance is levenshtein with the rows reused.
func (r *levRows) distance(a, b []rune, limit int) (int, bool) {
	if d := len(a) - len(b); d > limit || -d > limit {
		return 0, false
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	// Rows over a, columns over b, band |i-j| <= limit.
	inf := limit + 1
	if cap(r.prev) < len(b)+1 {
		r.prev, r.cur = make([]int, len(b)+1), make([]int, len(b)+1)
	}
	prev, cur := r.prev[:len(b)+1], r.cur[:len(b)+1]
	for j := range prev {
		prev[j] = j
		if j > limit {
			prev[j] = inf
		}
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max2(1, i-limit), min(len(b), i+limit)
		if lo > 1 {
			cur[lo-1] = inf
		} else {
			cur[0] = i
			if i > limit {
				cur[0] = inf
			}
		}
		rowMin := cur[lo-1]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := prev[j-1] + cost
			if w := prev[j] + 1; w < v {
				v = w
			}
			if w := cur[j-1] + 1; w < v {
				v = w
			}
			if v > inf {
				v = inf
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if hi < len(b) {
			cur[hi+1] = inf
		}
		if rowMin > limit {
			return 0, false
		}
		prev, cur = cur, prev
	}
	if prev[len(b)] > limit {
		return 0, false
	}
	return prev[len(b)], true
}
