package qa

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"verso/align"
	"verso/align/bitext"
)

// numberedRE is a list marker with a number at the start of a text ("1.",
// "2)", "(3)"): Chinese numbers its items 一、 and (一), which are not read
// as numbers, so the marker is left out on both sides.
var numberedRE = regexp.MustCompile(`^\s*\(?[0-9]{1,3}[.)]\)?\s+`)

// unnumbered returns text without a leading numbered list marker.
func unnumbered(text string) string {
	t := strings.TrimLeft(text, " ")
	if t == "" || (t[0] < '0' || t[0] > '9') && t[0] != '(' {
		return text
	}
	if loc := numberedRE.FindStringIndex(text); loc != nil {
		return text[loc[1]:]
	}
	return text
}

// adder records a problem of the pair being checked.
type adder func(ch Check, format string, args ...any)

// numbers compares the numbers and the dates of source and translation.
func (c *checker) numbers(src, tgt string, nums, dates bool, add adder) {
	sn, sd := bitext.Anchors(unnumbered(src))
	tn, td := bitext.Anchors(unnumbered(tgt))
	if nums {
		miss, extra := diff(sn, tn)
		switch {
		case len(miss) > 0 && len(extra) > 0:
			add(Numbers, "%s in the source, %s in the translation", join(miss), join(extra))
		case len(miss) > 0:
			add(Numbers, "%s of the source not in the translation", join(miss))
		case len(extra) > 0:
			add(Numbers, "%s in the translation but not in the source", join(extra))
		}
	}
	if !dates {
		return
	}
	ds, dt := dateStrings(sd), dateStrings(td)
	miss, extra := diff(ds, dt)
	switch {
	case len(miss) > 0 && len(extra) > 0:
		add(Dates, "date %s in the source, %s in the translation", join(miss), join(extra))
	case len(miss) > 0:
		add(Dates, "date %s of the source not in the translation", join(miss))
	case len(extra) > 0:
		add(Dates, "date %s in the translation but not in the source", join(extra))
	}
	if c.script == "" || c.script == "Hani" {
		return
	}
	for _, d := range td {
		if d.Script != c.script {
			add(Dates, "date %s is written with %s months; write it as %s does", d, scriptName(d.Script), c.in.Locale)
		}
	}
}

func dateStrings(ds []bitext.Date) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.String()
	}
	slices.Sort(out)
	return out
}

func scriptName(s string) string {
	switch s {
	case "Hani":
		return "Chinese"
	case "Latn":
		return "English"
	case "Cyrl":
		return "Russian"
	}
	return s
}

// diff returns the elements of the sorted multiset a missing from the
// sorted multiset b, and those of b missing from a.
func diff(a, b []string) (miss, extra []string) {
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i] < b[j]:
			miss = append(miss, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			extra = append(extra, b[j])
			j++
		default:
			i++
			j++
		}
	}
	return miss, extra
}

func join(s []string) string { return strings.Join(s, ", ") }

// bracketPairs are the brackets and quotation marks matched in a text.
// “ ” pair in every locale but Russian, where „ opens and “ closes.
var bracketPairs = map[rune]rune{
	'(': ')', '（': '）', '[': ']', '【': '】', '《': '》', '〈': '〉',
	'「': '」', '『': '』', '«': '»', '“': '”', '{': '}', '｛': '｝',
}

var closers = func() map[rune]rune {
	m := map[rune]rune{}
	for o, c := range bracketPairs {
		m[c] = o
	}
	return m
}()

// brackety reports whether r may be a bracket or quotation mark: a quick
// test that spares the map lookups for most characters.
func brackety(r rune) bool {
	switch {
	case r < 0x80:
		return r == '(' || r == ')' || r == '[' || r == ']' || r == '{' || r == '}' || r == '"'
	case r < 0xab:
		return false
	}
	return bracketPairs[r] != 0 || closers[r] != 0 || r == '„'
}

// listMarkerRE is a list marker such as "1)" or "a)" at the start of a
// text: its parenthesis closes nothing.
var listMarkerRE = regexp.MustCompile(`^\s*[0-9A-Za-zА-Яа-я]{1,3}\)`)

// balance reports the first unbalanced bracket or quotation mark of text:
// its column (1-based, in characters) and a description; col 0 when the
// text is balanced.
func balance(text, locale string) (col int, what string) {
	type open struct {
		r   rune
		col int
	}
	var stack []open
	lowQuote := strings.ContainsRune(text, '„') // „…“: “ closes
	start := 0
	if m := listMarkerRE.FindStringIndex(text); m != nil {
		start = m[1]
	}
	n := utf8.RuneCountInString(text[:start])
	straight := 0
	firstStraight := 0
	for _, r := range text[start:] {
		n++
		if !brackety(r) {
			continue
		}
		switch {
		case r == '"':
			straight++
			if firstStraight == 0 {
				firstStraight = n
			}
		case r == '„':
			stack = append(stack, open{r, n})
		case r == '“' && lowQuote && len(stack) > 0 && stack[len(stack)-1].r == '„':
			stack = stack[:len(stack)-1]
		case bracketPairs[r] != 0:
			stack = append(stack, open{r, n})
		case closers[r] != 0:
			if len(stack) == 0 || stack[len(stack)-1].r != closers[r] {
				return n, fmt.Sprintf("“%c” closes nothing that was opened", r)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		o := stack[len(stack)-1]
		want := bracketPairs[o.r]
		if o.r == '„' {
			want = '“'
		}
		return o.col, fmt.Sprintf("“%c” is never closed (no “%c”)", o.r, want)
	}
	if straight%2 == 1 {
		return firstStraight, "odd number of straight quotation marks (\")"
	}
	return 0, ""
}

// groups counts the parenthesised parts and the quotations of a text.
func groups(text string) (parens, quotes int) {
	for _, r := range text {
		switch r {
		case '(', '（':
			parens++
		case '“', '«', '„', '「', '『':
			quotes++
		}
	}
	// “ closes „ in Russian: count the pair once.
	if strings.ContainsRune(text, '„') {
		quotes -= min(strings.Count(text, "„"), strings.Count(text, "“"))
	}
	return parens, quotes + strings.Count(text, `"`)/2
}

// brackets checks that the translation's brackets and quotation marks are
// balanced and that it has as many parenthesised parts and quotations as
// the source. Titles in 《》 are not required to be quoted: English and
// Russian write most document titles without quotation marks.
func brackets(src, tgt, locale string, add adder) {
	if col, what := balance(tgt, locale); col > 0 {
		add(Brackets, "%s (character %d of the translation)", what, col)
		return
	}
	sp, sq := groups(src)
	tp, tq := groups(tgt)
	if tp < sp {
		add(Brackets, "the source has %s, the translation %d", plural(sp, "parenthesised part"), tp)
	}
	if tq < sq {
		add(Brackets, "the source has %s, the translation %d", plural(sq, "quotation"), tq)
	}
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// urlRE is a bare URL; lint leaves URLs alone, and plain-text segments
// must carry theirs.
var urlRE = regexp.MustCompile(`https?://[^\s<>()\[\]"'“”«»（）《》，。；：]+`)

// Markdown syntax that source lint leaves alone: code spans, inline link
// destinations and autolinks.
var (
	mdCodeRE = regexp.MustCompile("(`+)([^`]|[^`].*?[^`])(`+)")
	mdLinkRE = regexp.MustCompile(`\]\(\s*<?([^)\s>]+)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)`)
	mdAutoRE = regexp.MustCompile(`<(https?://[^>\s]+)>`)
)

// bareURLs returns the URLs of a text, sorted.
func bareURLs(text string) []string {
	if !strings.Contains(text, "://") {
		return nil
	}
	var out []string
	for _, u := range urlRE.FindAllString(text, -1) {
		out = append(out, strings.TrimRight(u, ".,;:!?)"))
	}
	slices.Sort(out)
	return out
}

// plainText returns a segment's text as it prints: for Markdown without
// its inline syntax ([align.ParseInline]: link text without the target,
// code spans without backticks, no footnote references); in every format
// without bare URLs.
func plainText(f align.Format, text string) string {
	if f == align.FormatMarkdown && strings.ContainsAny(text, "[`<*_~\\") {
		text = align.ParseInline(f, text).Plain
	}
	if strings.Contains(text, "://") {
		text = urlRE.ReplaceAllString(text, " ")
	}
	return text
}

// markup checks that the translation has the source's links, images, code
// spans and footnote references ([align.Document.MarkupDiff], reference
// links resolved by the document's definitions), and in plain text its
// bare URLs.
func markup(p *Pair, src, tgt string, add adder) {
	var diffs []string
	if p.Document != nil {
		diffs = p.Document.MarkupDiff(src, tgt)
	} else {
		diffs = align.MarkupDiff(p.Format, src, tgt)
	}
	if len(diffs) > 0 {
		add(Markup, "%s", strings.Join(diffs, "; "))
	}
	if p.Format == align.FormatMarkdown {
		return
	}
	su := bareURLs(src)
	if len(su) == 0 {
		return
	}
	miss, extra := diff(su, bareURLs(tgt))
	switch {
	case len(miss) > 0 && len(extra) > 0:
		add(Markup, "URL %s in the source, %s in the translation", join(miss), join(extra))
	case len(miss) > 0:
		add(Markup, "URL %s of the source not in the translation", join(miss))
	}
}

// untranslated reports Chinese, Japanese or Korean text left in a
// translation into another script, and a translation that copies its
// source.
func (c *checker) untranslated(src, tgt string, add adder) {
	if c.srcHan && c.script != "" && c.script != "Hani" && c.script != "Kana" {
		col, run := 0, ""
		n := 0
		for i, r := range tgt {
			n++
			if cjk(r) && unicode.IsLetter(r) {
				col = n
				end := i
				for _, q := range tgt[i:] {
					if !cjk(q) {
						break
					}
					end += utf8.RuneLen(q)
				}
				run = tgt[i:end]
				break
			}
		}
		if col > 0 {
			add(Untranslated, "%s text left in the translation: “%s”", cjkName(run), align.Excerpt(run, 20))
			return
		}
	}
	if c.srcHan && c.script != "Hani" && strings.ContainsFunc(src, cjk) {
		return // a copy of a Chinese source would have been found above
	}
	s, t := align.Normalize(src), align.Normalize(tgt)
	if s == t && strings.ContainsFunc(s, unicode.IsLetter) && bitext.Units(s) >= 3 {
		add(Untranslated, "the translation is a copy of the source")
	}
}

// mostlySource reports whether most letters of a translation are in the
// source's CJK script, or the translation copies its source.
func (c *checker) mostlySource(tgt string) bool {
	n, k := 0, 0
	for _, r := range tgt {
		if unicode.IsLetter(r) {
			n++
			if cjk(r) {
				k++
			}
		}
	}
	return n == 0 || 2*k >= n
}

// cjk reports whether r is a Han, kana or Hangul character or CJK
// punctuation.
func cjk(r rune) bool {
	if r < 0x1100 {
		return false
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		unicode.Is(unicode.Hangul, r) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xff0f || r >= 0xff1a && r <= 0xff20
}

func cjkName(run string) string {
	for _, r := range run {
		switch {
		case unicode.Is(unicode.Hangul, r):
			return "Korean"
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			return "Japanese"
		}
	}
	return "Chinese"
}

// MaxDeviation is the length check's threshold, in standard deviations of
// the pair's length model: a two-sided normal tail of about 1 in 100,000,
// so that a repository of thousands of honest translations raises few
// alarms while a paragraph cut in half or left half-translated stands out.
const MaxDeviation = 4.4

// length reports a translation much longer or shorter than the pair's
// length model expects.
func (c *checker) length(ls, lt float64, add adder) {
	if ls < 10 {
		return
	}
	z := c.lm.Deviation(ls, lt)
	if z <= MaxDeviation {
		return
	}
	ratio := lt / (ls * c.lm.Ratio)
	how := "longer"
	if ratio < 1 {
		how, ratio = "shorter", 1/ratio
	}
	add(Length, "the translation is %.1f times %s than expected (%.1f standard deviations off this repository's %s→%s length ratio, %.2f)",
		ratio, how, z, c.in.SourceLang, c.in.Locale, c.lm.Ratio)
}

// consistency reports the same source text translated in several ways,
// and glossary terms rendered with several of their allowed variants.
func (c *checker) consistency() []Problem {
	var out []Problem
	bySrc := map[string][]int{}
	var order []string
	for i, p := range c.in.Pairs {
		k := align.Normalize(p.Seg.Text)
		if _, ok := bySrc[k]; !ok {
			order = append(order, k)
		}
		bySrc[k] = append(bySrc[k], i)
	}
	for _, k := range order {
		idx := bySrc[k]
		if len(idx) < 2 {
			continue
		}
		count := map[string]int{}
		var renderings []string
		for _, i := range idx {
			t := align.Normalize(c.in.Pairs[i].Target)
			if count[t] == 0 {
				renderings = append(renderings, t)
			}
			count[t]++
		}
		if len(renderings) < 2 {
			continue
		}
		best := renderings[0]
		for _, r := range renderings {
			if count[r] > count[best] {
				best = r
			}
		}
		var ref *Pair
		for _, i := range idx {
			if align.Normalize(c.in.Pairs[i].Target) == best {
				ref = &c.in.Pairs[i]
				break
			}
		}
		for _, i := range idx {
			p := &c.in.Pairs[i]
			if align.Normalize(p.Target) == best {
				continue
			}
			out = append(out, Problem{Path: p.Path, Line: p.Seg.Line, Locale: c.in.Locale, Check: Consistency, ID: p.Seg.ID,
				Severity: c.sev.Of(Consistency),
				Message: fmt.Sprintf("translated “%s”; the same source is “%s” in %s (%s:%d %s)",
					align.Excerpt(p.Target, 40), align.Excerpt(best, 40), plural(count[best], "other segment"), ref.Path, ref.Seg.Line, ref.Seg.ID)})
		}
	}
	if c.glossix != nil {
		out = append(out, c.glossix.variants(c.in.Pairs, c.in.Locale, c.sev.Of(Consistency))...)
	}
	return out
}
