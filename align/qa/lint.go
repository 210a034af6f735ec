package qa

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"verso/align"
)

// fullWidth maps the ASCII punctuation that Chinese text writes in full
// width to its full-width form.
var fullWidth = map[rune]rune{',': '，', ':': '：', ';': '；', '(': '（', ')': '）'}

// oddSpaces are the space characters source lint reports, with their
// names.
var oddSpaces = map[rune]string{
	'\u00a0': "no-break space (U+00A0)", '\u202f': "narrow no-break space (U+202F)",
	'\u2007': "figure space (U+2007)", '\u2009': "thin space (U+2009)", '\u200a': "hair space (U+200A)",
}

// edit is one lint finding on a line: a rune range and its replacement.
type edit struct {
	start, end int // rune indices in the line
	repl       string
	rule       string // what the message groups by
}

// lintLine finds the problems of one source line. han says the source is
// Chinese (or Japanese); markdown that its format is Markdown; inHeading
// that the line belongs to a title or heading, where a space between CJK
// characters is kept ("第一章 总则"). next is the following line, for
// Markdown hard breaks.
func lintLine(line, next string, han, markdown, inHeading bool) []edit {
	rs := []rune(line)
	masked := maskMarkup(rs, markdown)
	var out []edit
	// Leading and trailing white space (text only: in Markdown indentation
	// and two trailing spaces are syntax).
	space := func(r rune) bool { return r == ' ' || r == '\t' || oddSpaces[r] != "" }
	// kind names a run of white space: "spaces", or the odd ones it holds.
	kind := func(a, b int) string {
		for _, r := range rs[a:b] {
			if n := oddSpaces[r]; n != "" {
				return n + "s"
			}
		}
		return "spaces"
	}
	lead := 0
	for lead < len(rs) && space(rs[lead]) {
		lead++
	}
	if lead == len(rs) {
		if lead > 0 && !markdown {
			out = append(out, edit{0, lead, "", "white space on a blank line"})
		}
		return out
	}
	if lead > 0 && (!markdown || kind(0, lead) != "spaces") {
		out = append(out, edit{0, lead, "", "leading " + kind(0, lead)})
	}
	trail := len(rs)
	for trail > lead && space(rs[trail-1]) {
		trail--
	}
	hardBreak := markdown && len(rs)-trail >= 2 && strings.TrimSpace(next) != "" && kind(trail, len(rs)) == "spaces"
	if trail < len(rs) && !hardBreak {
		out = append(out, edit{trail, len(rs), "", "trailing " + kind(trail, len(rs))})
	}
	isCJK := func(i int) bool { return i >= 0 && i < len(rs) && cjk(rs[i]) }
	// Spaces inside the line.
	for i := lead; i < trail; i++ {
		if name, ok := oddSpaces[rs[i]]; ok && !masked[i] {
			repl := " "
			if isCJK(i-1) && isCJK(i+1) {
				repl = ""
			}
			out = append(out, edit{i, i + 1, repl, name})
			continue
		}
		if rs[i] != ' ' || masked[i] {
			continue
		}
		j := i
		for j < trail && rs[j] == ' ' {
			j++
		}
		switch {
		case j-i >= 2:
			repl := " "
			if isCJK(i-1) && isCJK(j) {
				repl = ""
			}
			out = append(out, edit{i, j, repl, "doubled spaces"})
		case han && !inHeading && isCJK(i-1) && isCJK(j):
			out = append(out, edit{i, j, "", "space between Chinese characters"})
		}
		i = j - 1
	}
	if !han {
		return out
	}
	// ASCII punctuation in Chinese text: next to a CJK character (spaces
	// skipped); parentheses are fixed in pairs.
	near := func(i int) bool {
		p := i - 1
		for p >= 0 && rs[p] == ' ' {
			p--
		}
		n := i + 1
		for n < len(rs) && rs[n] == ' ' {
			n++
		}
		return isCJK(p) || isCJK(n)
	}
	digit := func(i int) bool { return i >= 0 && i < len(rs) && rs[i] >= '0' && rs[i] <= '9' }
	partner := map[int]int{}
	var stack []int
	for i, r := range rs {
		switch {
		case masked[i]:
		case r == '(':
			stack = append(stack, i)
		case r == ')' && len(stack) > 0:
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			partner[o], partner[i] = i, o
		}
	}
	flag := map[int]bool{}
	for i, r := range rs {
		if masked[i] || fullWidth[r] == 0 {
			continue
		}
		if (r == ',' || r == ':') && digit(i-1) && digit(i+1) {
			continue // 1,000 and 10:30
		}
		if near(i) {
			flag[i] = true
			if p, ok := partner[i]; ok {
				flag[p] = true
			}
		}
	}
	keys := make([]int, 0, len(flag))
	for i := range flag {
		keys = append(keys, i)
	}
	sort.Ints(keys)
	for _, i := range keys {
		end := i + 1
		// A space after the ASCII mark goes with it: "，" needs none.
		for end < len(rs) && rs[end] == ' ' && rs[i] != '(' {
			end++
		}
		out = append(out, edit{i, end, string(fullWidth[rs[i]]), fmt.Sprintf("ASCII “%c” in Chinese text; use “%c”", rs[i], fullWidth[rs[i]])})
	}
	return dedupe(out)
}

// dedupe drops edits overlapping an earlier one and sorts them by start.
func dedupe(es []edit) []edit {
	slices.SortStableFunc(es, func(a, b edit) int { return a.start - b.start })
	var out []edit
	end := -1
	for _, e := range es {
		if e.start < end {
			continue
		}
		out = append(out, e)
		end = e.end
	}
	return out
}

// maskMarkup marks the runes of URLs and, in Markdown, of code spans and
// link destinations, which lint leaves alone.
// mdMarkerRE matches the markers of footnote definitions and ordered list
// items, which are Markdown syntax, not text: "[^1]: …", "3) …".
var mdMarkerRE = regexp.MustCompile(`^ {0,3}(?:\[\^[^\]\s]+\]:|\d{1,9}[.)](?:\s|$))`)

func maskMarkup(rs []rune, markdown bool) []bool {
	m := make([]bool, len(rs))
	s := string(rs)
	mark := func(locs [][]int) {
		for _, l := range locs {
			a, b := len([]rune(s[:l[0]])), len([]rune(s[:l[1]]))
			for i := a; i < b; i++ {
				m[i] = true
			}
		}
	}
	mark(urlRE.FindAllStringIndex(s, -1))
	if markdown {
		mark(mdCodeRE.FindAllStringIndex(s, -1))
		mark(mdLinkRE.FindAllStringIndex(s, -1))
		mark(mdAutoRE.FindAllStringIndex(s, -1))
		mark(mdMarkerRE.FindAllStringIndex(s, -1))
	}
	return m
}

// Lint checks a source file: ASCII ,:;() inside Chinese text, doubled,
// leading, trailing and stray spaces, no-break and other odd spaces. data
// is the file as read; doc the document parsed from it, to name the
// segment of each line. Problems are grouped by line and rule.
func Lint(doc *align.Document, data []byte) []Problem {
	han := align.ExpectedScript(doc.Lang) == "Hani" || align.ExpectedScript(doc.Lang) == "Kana"
	md := doc.Format == align.FormatMarkdown
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	var out []Problem
	for n, ln := range lines {
		next := ""
		if n+1 < len(lines) {
			next = lines[n+1]
		}
		seg := segmentAt(doc, n+1)
		heading := seg != nil && (seg.Kind == align.KindHeading || seg.Kind == align.KindTitle)
		es := lintLine(ln, next, han, md, heading)
		if len(es) == 0 {
			continue
		}
		id := "-"
		if seg != nil {
			id = seg.ID
		}
		type group struct {
			cols []int
		}
		byRule := map[string]*group{}
		var rules []string
		for _, e := range es {
			g := byRule[e.rule]
			if g == nil {
				g = &group{}
				byRule[e.rule] = g
				rules = append(rules, e.rule)
			}
			g.cols = append(g.cols, e.start+1)
		}
		for _, r := range rules {
			g := byRule[r]
			at := fmt.Sprintf("column %d", g.cols[0])
			if len(g.cols) > 1 {
				at = fmt.Sprintf("%d times, from column %d", len(g.cols), g.cols[0])
			}
			out = append(out, Problem{Path: doc.Path, Line: n + 1, Column: g.cols[0], Locale: doc.Lang, Check: Source, ID: id,
				Message: fmt.Sprintf("%s (%s); verso fmt --source fixes it", r, at)})
		}
	}
	return out
}

// segmentAt returns the segment whose block holds line n, or nil.
func segmentAt(doc *align.Document, n int) *align.Segment {
	i := sort.Search(len(doc.Segments), func(i int) bool { return doc.Segments[i].Line > n }) - 1
	if i < 0 {
		return nil
	}
	s := &doc.Segments[i]
	if n-s.Line > strings.Count(s.Text, "\n") {
		return nil
	}
	return s
}

// Fix applies every lint fix to a source file and returns the fixed file
// and the number of fixes. Line endings are kept.
func Fix(doc *align.Document, data []byte) ([]byte, int) {
	han := align.ExpectedScript(doc.Lang) == "Hani" || align.ExpectedScript(doc.Lang) == "Kana"
	md := doc.Format == align.FormatMarkdown
	crlf := strings.Contains(string(data), "\r\n")
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	n := 0
	for k, ln := range lines {
		next := ""
		if k+1 < len(lines) {
			next = lines[k+1]
		}
		seg := segmentAt(doc, k+1)
		heading := seg != nil && (seg.Kind == align.KindHeading || seg.Kind == align.KindTitle)
		es := lintLine(ln, next, han, md, heading)
		if len(es) == 0 {
			continue
		}
		rs := []rune(ln)
		var b strings.Builder
		at := 0
		for _, e := range es {
			b.WriteString(string(rs[at:e.start]))
			b.WriteString(e.repl)
			at = e.end
		}
		b.WriteString(string(rs[at:]))
		lines[k] = b.String()
		n += len(es)
	}
	sep := "\n"
	if crlf {
		sep = "\r\n"
	}
	return []byte(strings.Join(lines, sep)), n
}
