package qa

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"verso/align"
	"verso/align/bitext"
)

// Check names one kind of check; it is the key of its severity in
// verso.toml's [qa] table.
type Check string

// The checks.
const (
	Numbers      Check = "numbers"      // every number of the source is in the translation
	Dates        Check = "dates"        // every date of the source, in the target's conventions
	Brackets     Check = "brackets"     // brackets and quotes balanced, and carried from the source
	Markup       Check = "markup"       // links, code spans and footnote references as in the source
	Length       Check = "length"       // length ratio outside the pair's length model
	Untranslated Check = "untranslated" // source-script text left in the translation, or a copy of the source
	Terminology  Check = "terminology"  // glossary: required and forbidden target terms
	Consistency  Check = "consistency"  // one source rendered in several ways across the repository
	Source       Check = "source"       // source lint: ASCII punctuation in Chinese, spaces, NBSP
)

// Checks lists every check in report order.
var Checks = []Check{Numbers, Dates, Brackets, Markup, Length, Untranslated, Terminology, Consistency, Source}

// Severity is what a check's problems do: an error fails verso qa and
// verso check --qa, a warning is reported, off silences the check.
type Severity string

// The severities.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Off     Severity = "off"
)

// DefaultSeverity is a check's severity when verso.toml does not set it:
// the checks that find certain mistakes are errors; length, consistency
// and source lint, which point at what deserves a look, are warnings.
func DefaultSeverity(c Check) Severity {
	switch c {
	case Length, Consistency, Source:
		return Warning
	}
	return Error
}

// Severities maps checks to severities; a check absent from it has its
// [DefaultSeverity].
type Severities map[Check]Severity

// Of returns the severity of a check.
func (s Severities) Of(c Check) Severity {
	if v, ok := s[c]; ok {
		return v
	}
	return DefaultSeverity(c)
}

// ParseSeverities reads the [qa] table of verso.toml: check name to
// "error", "warning" or "off".
func ParseSeverities(m map[string]string) (Severities, error) {
	out := Severities{}
	for k, v := range m {
		if !slices.Contains(Checks, Check(k)) {
			return nil, fmt.Errorf("unknown check %q; checks: %s", k, checkList())
		}
		switch Severity(v) {
		case Error, Warning, Off:
			out[Check(k)] = Severity(v)
		default:
			return nil, fmt.Errorf("check %s: severity %q: use \"error\", \"warning\" or \"off\"", k, v)
		}
	}
	return out, nil
}

func checkList() string {
	names := make([]string, len(Checks))
	for i, c := range Checks {
		names[i] = string(c)
	}
	return strings.Join(names, ", ")
}

// Problem is one finding, placed at the source segment it concerns (for
// source lint, at the line and column of the source file).
type Problem struct {
	Path     string // the source file, slash-separated
	Line     int
	Column   int    // source lint: 1-based, in characters; 0 for the checks of translations
	Locale   string // the translation's locale; the source language for source lint
	Check    Check
	ID       string // the segment
	Message  string
	Severity Severity
}

// String formats the problem as verso prints it:
// sources/FILE:LINE: LOCALE: CHECK ID: WHAT.
func (p Problem) String() string {
	return fmt.Sprintf("%s:%d: %s: %s %s: %s", p.Path, p.Line, p.Locale, p.Check, p.ID, p.Message)
}

// Pair is a source segment and its current translation.
type Pair struct {
	Doc    string // document name
	Path   string // source file
	Format align.Format
	// Document is the source document, for its reference-link
	// definitions; nil is fine.
	Document *align.Document
	Seg      align.Segment
	Target   string
}

// Input is what [Run] checks: the current translations of one locale,
// across every document of the repository.
type Input struct {
	SourceLang string
	Locale     string
	Pairs      []Pair
	Glossary   *Glossary // nil without a glossary for the locale
	// Memory holds further translated pairs of the language pair that the
	// length model may learn from (other locales' pairs are not used);
	// nil is fine.
	Memory []Pair
}

// Run runs every check whose severity is not off on the input and returns
// the problems, sorted by file, line, column and check.
func Run(in Input, sev Severities) []Problem {
	c := newChecker(in, sev)
	per := make([][]Problem, len(in.Pairs))
	parallel(len(in.Pairs), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			per[i] = c.pair(i, &in.Pairs[i])
		}
	})
	var out []Problem
	for _, ps := range per {
		out = append(out, ps...)
	}
	if sev.Of(Consistency) != Off {
		out = append(out, c.consistency()...)
	}
	Sort(out)
	return out
}

// Sort orders problems by file, line, column, locale, check and ID.
func Sort(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		if a.Column != b.Column {
			return a.Column - b.Column
		}
		if c := strings.Compare(a.Locale, b.Locale); c != 0 {
			return c
		}
		if c := slices.Index(Checks, a.Check) - slices.Index(Checks, b.Check); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// checker holds what the checks of one input share.
type checker struct {
	in      Input
	sev     Severities
	lm      bitext.LengthModel
	lmOK    bool
	script  string // the target's script, "" when unknown
	srcHan  bool   // the source is written in Han
	glossix *glossIndex
	units   [][2]float64 // source and target length of each pair, for the length check
}

func newChecker(in Input, sev Severities) *checker {
	c := &checker{in: in, sev: sev, script: align.ExpectedScript(in.Locale),
		srcHan: align.ExpectedScript(in.SourceLang) == "Hani"}
	if sev.Of(Length) != Off {
		c.units = make([][2]float64, len(in.Pairs))
		parallel(len(in.Pairs), func(lo, hi int) {
			for i := lo; i < hi; i++ {
				if p := &in.Pairs[i]; lengthKind(p.Seg.Kind) {
					c.units[i] = [2]float64{bitext.Units(plainText(p.Format, p.Seg.Text)), bitext.Units(plainText(p.Format, p.Target))}
				}
			}
		})
		var src, tgt []float64
		for _, u := range c.units {
			if u[0] > 0 {
				src, tgt = append(src, u[0]), append(tgt, u[1])
			}
		}
		for _, p := range in.Memory {
			if lengthKind(p.Seg.Kind) {
				src, tgt = append(src, bitext.Units(plainText(p.Format, p.Seg.Text))), append(tgt, bitext.Units(plainText(p.Format, p.Target)))
			}
		}
		c.lm, c.lmOK = bitext.FitLengthUnits(src, tgt)
	}
	if in.Glossary != nil {
		c.glossix = newGlossIndex(in.Glossary)
	}
	return c
}

// lengthKind reports whether the length check applies to a kind: running
// text, not headings, dates or notes, which translate in set forms.
func lengthKind(k align.Kind) bool { return k == align.KindParagraph || k == align.KindItem }

// pair runs the per-pair checks of pair i.
func (c *checker) pair(i int, p *Pair) []Problem {
	var out []Problem
	add := func(ch Check, format string, args ...any) {
		out = append(out, Problem{Path: p.Path, Line: p.Seg.Line, Locale: c.in.Locale, Check: ch,
			ID: p.Seg.ID, Message: fmt.Sprintf(format, args...), Severity: c.sev.Of(ch)})
	}
	on := func(ch Check) bool { return c.sev.Of(ch) != Off }
	src, tgt := p.Seg.Text, p.Target
	if on(Untranslated) {
		c.untranslated(src, tgt, add)
		if len(out) > 0 && (c.mostlySource(tgt) || align.Normalize(src) == align.Normalize(tgt)) {
			// Left in the source language: the other checks would only
			// repeat it.
			return out
		}
	}
	if on(Markup) {
		markup(p, src, tgt, add)
	}
	// The other checks read the text as it prints: without link targets,
	// code spans, footnote references and bare URLs.
	src, tgt = plainText(p.Format, src), plainText(p.Format, tgt)
	if on(Numbers) || on(Dates) {
		c.numbers(src, tgt, on(Numbers), on(Dates), add)
	}
	if on(Brackets) {
		brackets(src, tgt, c.in.Locale, add)
	}
	if on(Length) && c.lmOK && lengthKind(p.Seg.Kind) {
		c.length(c.units[i][0], c.units[i][1], add)
	}
	if on(Terminology) && c.glossix != nil {
		c.glossix.check(src, tgt, add)
	}
	return out
}

// parallel runs f over [0, n) in chunks, on the available processors for
// large inputs.
func parallel(n int, f func(lo, hi int)) {
	workers := runtime.GOMAXPROCS(0)
	if n < 2000 || workers == 1 {
		f(0, n)
		return
	}
	var wg sync.WaitGroup
	chunk := (n + workers - 1) / workers
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		wg.Go(func() { f(lo, hi) })
	}
	wg.Wait()
}
