package qa

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"verso/align"
)

// Glossary is the terminology of one target locale: translations/glossary/LOCALE.toml.
//
//	# translations/glossary/en.toml
//	[[term]]
//	source = "上海合作组织"
//	required = ["Shanghai Cooperation Organisation"]
//	forbidden = ["Shanghai Cooperation Organization"]
//	note = "the Organisation's own spelling"
//
// When a segment's source contains a term's source, its translation must
// contain one of the required renderings (if any are given) and none of
// the forbidden ones. Target terms match whole words, case-sensitively
// except that a word written with a lower-case initial also matches it
// capitalised, as in titles ("digital economy" matches "Digital Economy";
// "SCO" matches only "SCO"); a "*" matches the rest of a word, for
// inflected languages
// ("государств* – член*"). When a term has several required renderings and
// the repository uses more than one, the minority uses are reported as
// inconsistent.
type Glossary struct {
	Path  string
	Terms []Term
}

// Term is one glossary entry.
type Term struct {
	Source    string   `toml:"source"`
	Required  []string `toml:"required"`
	Forbidden []string `toml:"forbidden"`
	Note      string   `toml:"note"`
	Line      int      `toml:"-"` // line of its [[term]] header
}

// ParseGlossary reads a glossary file. Errors name the file and the line.
func ParseGlossary(path string, data []byte) (*Glossary, error) {
	if !utf8.Valid(data) {
		return nil, align.Errorf(path, 0, "not UTF-8; save the file as UTF-8")
	}
	var doc struct {
		Term []Term `toml:"term"`
	}
	md, err := toml.Decode(string(data), &doc)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, align.Errorf(path, align.LineAt(data, pe.Position.Start), "%s; fix the TOML syntax", pe.Message)
		}
		return nil, align.Errorf(path, 0, "%v; see the glossary format in README.md", err)
	}
	lines := termLines(data)
	g := &Glossary{Path: path}
	var errs align.ErrorList
	for _, k := range md.Undecoded() {
		errs.Add(align.Errorf(path, 0, "unknown key %q; a [[term]] has source, required, forbidden and note", k.String()))
	}
	seen := map[string]int{}
	for i, t := range doc.Term {
		if i < len(lines) {
			t.Line = lines[i]
		}
		t.Source = strings.TrimSpace(t.Source)
		switch {
		case t.Source == "":
			errs.Add(align.Errorf(path, t.Line, "term without a source; set source = \"…\""))
			continue
		case len(t.Required) == 0 && len(t.Forbidden) == 0:
			errs.Add(align.Errorf(path, t.Line, "term %q has neither required nor forbidden renderings", t.Source))
			continue
		}
		if l, ok := seen[t.Source]; ok {
			errs.Add(align.Errorf(path, t.Line, "term %q is already defined on line %d; merge the two", t.Source, l))
			continue
		}
		seen[t.Source] = t.Line
		for _, r := range slices.Concat(t.Required, t.Forbidden) {
			if strings.TrimSpace(r) == "" || strings.Trim(r, "* ") == "" {
				errs.Add(align.Errorf(path, t.Line, "term %q has an empty rendering", t.Source))
			}
		}
		for _, r := range t.Forbidden {
			if slices.Contains(t.Required, r) {
				errs.Add(align.Errorf(path, t.Line, "term %q: %q is both required and forbidden", t.Source, r))
			}
		}
		g.Terms = append(g.Terms, t)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return g, nil
}

// termLines returns the line of every [[term]] header.
func termLines(data []byte) []int {
	var out []int
	for i, ln := range bytes.Split(data, []byte("\n")) {
		if t := bytes.TrimSpace(ln); bytes.HasPrefix(t, []byte("[[")) && bytes.Contains(t, []byte("term")) {
			out = append(out, i+1)
		}
	}
	return out
}

// Format writes the glossary as a file, terms sorted by source: the
// same glossary gives the same bytes.
func (g *Glossary) Format() []byte {
	var b strings.Builder
	b.WriteString("# verso glossary: for each source term, the renderings a translation must use\n")
	b.WriteString("# (required: one of them) and must not use (forbidden). See README.md, \"Glossary\".\n")
	terms := slices.Clone(g.Terms)
	slices.SortFunc(terms, func(a, b Term) int { return strings.Compare(a.Source, b.Source) })
	list := func(xs []string) string {
		q := make([]string, len(xs))
		for i, x := range xs {
			q[i] = tomlString(x)
		}
		return "[" + strings.Join(q, ", ") + "]"
	}
	for _, t := range terms {
		fmt.Fprintf(&b, "\n[[term]]\nsource = %s\n", tomlString(t.Source))
		if len(t.Required) > 0 {
			fmt.Fprintf(&b, "required = %s\n", list(t.Required))
		}
		if len(t.Forbidden) > 0 {
			fmt.Fprintf(&b, "forbidden = %s\n", list(t.Forbidden))
		}
		if t.Note != "" {
			fmt.Fprintf(&b, "note = %s\n", tomlString(t.Note))
		}
	}
	return []byte(b.String())
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Merge adds the terms of o to g: a term new to g is added; for a source
// term g already has, the renderings of o are added to its own. It
// returns the number of terms added and changed.
func (g *Glossary) Merge(o *Glossary) (added, changed int) {
	idx := map[string]int{}
	for i, t := range g.Terms {
		idx[t.Source] = i
	}
	for _, t := range o.Terms {
		i, ok := idx[t.Source]
		if !ok {
			idx[t.Source] = len(g.Terms)
			g.Terms = append(g.Terms, t)
			added++
			continue
		}
		cur := &g.Terms[i]
		before := len(cur.Required) + len(cur.Forbidden)
		for _, r := range t.Required {
			if !slices.Contains(cur.Required, r) && !slices.Contains(cur.Forbidden, r) {
				cur.Required = append(cur.Required, r)
			}
		}
		for _, r := range t.Forbidden {
			if !slices.Contains(cur.Forbidden, r) && !slices.Contains(cur.Required, r) {
				cur.Forbidden = append(cur.Forbidden, r)
			}
		}
		if cur.Note == "" {
			cur.Note = t.Note
		}
		if len(cur.Required)+len(cur.Forbidden) != before {
			changed++
		}
	}
	return added, changed
}

// glossIndex finds a glossary's terms in source texts and checks their
// renderings.
type glossIndex struct {
	g       *Glossary
	byFirst map[rune][]int // terms by the first character of their source
	first   [1 << 16]bool  // the first characters of the sources, in the BMP
	req     [][]termMatcher
	forb    [][]termMatcher
}

func newGlossIndex(g *Glossary) *glossIndex {
	x := &glossIndex{g: g, byFirst: map[rune][]int{}}
	for i, t := range g.Terms {
		r, _ := utf8.DecodeRuneInString(t.Source)
		x.byFirst[r] = append(x.byFirst[r], i)
		if r < 1<<16 {
			x.first[r] = true
		}
		x.req = append(x.req, compileTerms(t.Required))
		x.forb = append(x.forb, compileTerms(t.Forbidden))
	}
	return x
}

func compileTerms(ts []string) []termMatcher {
	out := make([]termMatcher, len(ts))
	for i, t := range ts {
		out[i] = newTermMatcher(t)
	}
	return out
}

// termMatcher finds a target term in a text: whole words; "*" matches the
// rest of a word; a word with a lower-case initial matches it capitalised
// too (titles: "digital economy" matches "Digital Economy"); a space
// matches any run of white space.
type termMatcher struct {
	term  []rune
	upper []rune    // for each rune, its capital when it is a lower-case word initial; 0 otherwise
	lits  [2]string // the longest word as written and capitalised: a quick test
	first [2]string // the literal start of the term, as written and capitalised
}

func newTermMatcher(t string) termMatcher {
	m := termMatcher{term: []rune(strings.Join(strings.Fields(t), " "))}
	m.upper = make([]rune, len(m.term))
	initial := true
	for i, r := range m.term {
		if initial && unicode.IsLower(r) {
			m.upper[i] = unicode.ToUpper(r)
		}
		initial = !alnum(r) && r != '*'
	}
	lit := ""
	for _, w := range strings.FieldsFunc(t, func(r rune) bool { return r == '*' || unicode.IsSpace(r) }) {
		if len(w) > len(lit) {
			lit = w
		}
	}
	m.lits = capitals(lit)
	first, _, _ := strings.Cut(string(m.term), " ")
	first, _, _ = strings.Cut(first, "*")
	m.first = capitals(first)
	return m
}

// capitals returns s and s with its first letter capitalised.
func capitals(s string) [2]string {
	out := [2]string{s, s}
	if r, n := utf8.DecodeRuneInString(s); unicode.IsLower(r) {
		out[1] = string(unicode.ToUpper(r)) + s[n:]
	}
	return out
}

func alnum(r rune) bool {
	if r < 0x80 {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

func space(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' }

// in reports whether the term is in text.
func (m termMatcher) in(text string) bool {
	if !strings.Contains(text, m.lits[0]) && !strings.Contains(text, m.lits[1]) {
		return false
	}
	try := func(j int) bool {
		if prev, _ := utf8.DecodeLastRuneInString(text[:j]); j > 0 && alnum(prev) {
			return false
		}
		end, ok := m.at(text, j)
		next, _ := utf8.DecodeRuneInString(text[end:])
		return ok && (end == len(text) || !alnum(next))
	}
	if m.first[0] == "" {
		for j := range text {
			if try(j) {
				return true
			}
		}
		return false
	}
	for _, f := range m.first[:1+btoi(m.first[1] != m.first[0])] {
		for off := 0; ; {
			k := strings.Index(text[off:], f)
			if k < 0 {
				break
			}
			if try(off + k) {
				return true
			}
			off += k + len(f)
		}
	}
	return false
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// at matches the term at text[j:] and returns where the match ends.
func (m termMatcher) at(text string, j int) (int, bool) {
	for i, r := range m.term {
		if j == len(text) {
			if r == '*' {
				continue
			}
			return 0, false
		}
		c, n := utf8.DecodeRuneInString(text[j:])
		switch {
		case r == '*':
			for j < len(text) && alnum(c) {
				j += n
				c, n = utf8.DecodeRuneInString(text[j:])
			}
			continue
		case r == ' ':
			if !space(c) {
				return 0, false
			}
			for j < len(text) && space(c) {
				j += n
				c, n = utf8.DecodeRuneInString(text[j:])
			}
			continue
		case c == r || m.upper[i] != 0 && c == m.upper[i]:
			j += n
		default:
			return 0, false
		}
	}
	return j, true
}

// found returns the terms whose source occurs in src, in glossary order.
func (x *glossIndex) found(src string) []int {
	var hits []int
	for i, r := range src {
		if r < 1<<16 && !x.first[r] {
			continue
		}
		for _, k := range x.byFirst[r] {
			s := x.g.Terms[k].Source
			if strings.HasPrefix(src[i:], s) && wordAt(src, i, len(s)) && !slices.Contains(hits, k) {
				hits = append(hits, k)
			}
		}
	}
	slices.Sort(hits)
	return hits
}

// wordAt reports whether src[i:i+n] stands as a word: always in Chinese,
// where words are not spaced; elsewhere not glued to a letter or digit.
func wordAt(src string, i, n int) bool {
	first, _ := utf8.DecodeRuneInString(src[i:])
	if unicode.Is(unicode.Han, first) {
		return true
	}
	before, _ := utf8.DecodeLastRuneInString(src[:i])
	after, _ := utf8.DecodeRuneInString(src[i+n:])
	alnum := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }
	return (i == 0 || !alnum(before)) && (i+n == len(src) || !alnum(after))
}

// check reports present forbidden renderings, and missing required ones
// when no forbidden one explains their absence.
func (x *glossIndex) check(src, tgt string, add adder) {
	hits := x.found(src)
	if len(hits) == 0 {
		return
	}
	for _, k := range hits {
		t := &x.g.Terms[k]
		forbidden := false
		for i, m := range x.forb[k] {
			if m.in(tgt) {
				use := ""
				if len(t.Required) > 0 {
					use = "; use " + quoteAll(t.Required)
				}
				add(Terminology, "%s: “%s” is forbidden%s (%s:%d)", t.Source, t.Forbidden[i], use, x.g.Path, t.Line)
				forbidden = true
			}
		}
		if !forbidden && len(x.req[k]) > 0 && !slices.ContainsFunc(x.req[k], func(m termMatcher) bool { return m.in(tgt) }) {
			add(Terminology, "%s: the translation has none of %s (%s:%d)", t.Source, quoteAll(t.Required), x.g.Path, t.Line)
		}
	}
}

func quoteAll(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = "“" + x + "”"
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// variants reports, for terms with several required renderings, the pairs
// that use a rendering other than the repository's most common one.
func (x *glossIndex) variants(pairs []Pair, locale string, sev Severity) []Problem {
	var out []Problem
	for k, t := range x.g.Terms {
		if len(t.Required) < 2 {
			continue
		}
		use := make([][]int, len(t.Required)) // pair indices per rendering
		for i := range pairs {
			p := &pairs[i]
			if !strings.Contains(p.Seg.Text, t.Source) || !slices.Contains(x.found(p.Seg.Text), k) {
				continue
			}
			for v, m := range x.req[k] {
				if m.in(p.Target) {
					use[v] = append(use[v], i)
					break
				}
			}
		}
		best, used := 0, 0
		for v := range use {
			if len(use[v]) > 0 {
				used++
			}
			if len(use[v]) > len(use[best]) {
				best = v
			}
		}
		if used < 2 {
			continue
		}
		for v := range use {
			if v == best {
				continue
			}
			for _, i := range use[v] {
				p := &pairs[i]
				out = append(out, Problem{Path: p.Path, Line: p.Seg.Line, Locale: locale, Check: Consistency, ID: p.Seg.ID, Severity: sev,
					Message: fmt.Sprintf("%s rendered “%s”; %s use “%s”", t.Source, t.Required[v], plural(len(use[best]), "other segment"), t.Required[best])})
			}
		}
	}
	return out
}
