// Package hyph hyphenates words with Liang's algorithm (the one of TeX)
// over the pattern files of LibreOffice's libhyphen, which Debian ships in
// /usr/share/hyphen (packages hyphen-en-us, hyphen-en-gb, hyphen-ru...).
// It parses the files it is given ([Parse] takes an io.Reader); finding
// and reading them on the system is the job of verso/internal/installed.
//
// # Pattern files
//
// The first line of a file names its character set (UTF-8, ISO8859-1,
// KOI8-R, microsoft-cp1251...); every other line holds one of:
//
//   - a pattern: letters with hyphenation values (digits) between them, and
//     '.' at either end to anchor it to the start or the end of a word
//     (".ad4der", "a2ch4"). An odd value allows a break, an even one
//     forbids it, and the highest value at a place wins;
//   - LEFTHYPHENMIN n or RIGHTHYPHENMIN n: the fewest letters a break may
//     leave before or after it (defaults 2 and 2), and their
//     COMPOUNDLEFTHYPHENMIN and COMPOUNDRIGHTHYPHENMIN counterparts, kept
//     but not otherwise used;
//   - NEXTLEVEL: the patterns above it are libhyphen's first level (the
//     breaks between the parts of compounds), those below the second (the
//     breaks within words); a word may break where either allows;
//   - NOHYPHEN, comments (% or #) and libhyphen's non-standard patterns
//     (with '/', "c1k/k=k,1,2"), which are ignored;
//   - a TeX exception list, "\hyphenation{" then one word a line with its
//     breaks marked by '-' ("биз-нес-мен", or "бездн" for none), up to "}".
//
// Letters are matched lowercased; a word's breaks are reported as byte
// offsets into it, as it was given.
package hyph

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
)

// Errors wrapped by [ParseError].
var (
	ErrCharset = errors.New("unknown character set")
	ErrSyntax  = errors.New("syntax error")
)

// ParseError is a problem at a line of a pattern file.
type ParseError struct {
	Name string // the file's name, as given to [Parse]
	Line int    // 1-based
	Err  error
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("%s:%d: %v", e.Name, e.Line, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// Where returns the error's place, for diagnostics.
func (e *ParseError) Where() (file string, line, col int, cell string) { return e.Name, e.Line, 0, "" }

// Code names the kind of error for diagnostics.
func (e *ParseError) Code() string { return "hyphenation-patterns" }

// Patterns hyphenate the words of one language. They are read-only once
// parsed and safe for concurrent use.
type Patterns struct {
	// LeftMin and RightMin are the fewest letters a break leaves before
	// and after it: the file's LEFTHYPHENMIN and RIGHTHYPHENMIN, 2 when
	// it gives none.
	LeftMin, RightMin int
	// CompoundLeftMin and CompoundRightMin are the file's
	// COMPOUNDLEFTHYPHENMIN and COMPOUNDRIGHTHYPHENMIN (0 when absent).
	CompoundLeftMin, CompoundRightMin int
	levels                            []*level
	exceptions                        map[string][]int // lowercased word -> breaks, in letters
}

// level is one set of patterns: letters -> values, one more than letters
// (the value before each letter and after the last).
type level struct {
	pats    map[string][]uint8
	vals    []uint8 // the values of all patterns, which pats slice
	longest int     // letters of the longest pattern, anchors included
}

// Parse reads a pattern file; name is used in errors.
func Parse(r io.Reader, name string) (*Patterns, error) {
	br := bufio.NewReader(r)
	first, err := br.ReadString('\n')
	if err != nil && err != io.EOF {
		return nil, err
	}
	charset := strings.TrimSpace(strings.TrimPrefix(first, "\ufeff"))
	enc, err := charsetOf(charset)
	if err != nil {
		return nil, &ParseError{Name: name, Line: 1, Err: fmt.Errorf("%w %q", ErrCharset, charset)}
	}
	var body io.Reader = br
	if enc != nil {
		body = enc.NewDecoder().Reader(br)
	}
	p := &Patterns{LeftMin: 2, RightMin: 2}
	lv := &level{pats: map[string][]uint8{}}
	p.levels = []*level{lv}
	sc := bufio.NewScanner(body)
	sc.Buffer(nil, 1<<20)
	n := 1
	inExceptions := false
	for sc.Scan() {
		n++
		ln := strings.TrimSpace(sc.Text())
		if ln == "" || ln[0] == '%' || ln[0] == '#' {
			continue
		}
		if inExceptions {
			for _, w := range strings.Fields(ln) {
				if strings.HasPrefix(w, "}") {
					inExceptions = false
					break
				}
				p.addException(w)
			}
			continue
		}
		key, arg, _ := strings.Cut(ln, " ")
		switch key {
		case "LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN", "COMPOUNDRIGHTHYPHENMIN":
			v, err := strconv.Atoi(strings.TrimSpace(arg))
			if err != nil || v < 0 || v > 64 {
				return nil, &ParseError{Name: name, Line: n, Err: fmt.Errorf("%w: %s wants a small number, not %q", ErrSyntax, key, strings.TrimSpace(arg))}
			}
			*map[string]*int{"LEFTHYPHENMIN": &p.LeftMin, "RIGHTHYPHENMIN": &p.RightMin,
				"COMPOUNDLEFTHYPHENMIN": &p.CompoundLeftMin, "COMPOUNDRIGHTHYPHENMIN": &p.CompoundRightMin}[key] = v
			continue
		case "NEXTLEVEL":
			if len(lv.pats) > 0 {
				lv = &level{pats: map[string][]uint8{}}
				p.levels = append(p.levels, lv)
			}
			continue
		case "NOHYPHEN":
			continue
		}
		switch {
		case strings.HasPrefix(ln, `\hyphenation{`):
			inExceptions = true
			if rest := strings.TrimPrefix(ln, `\hyphenation{`); rest != "" {
				for _, w := range strings.Fields(rest) {
					if strings.HasPrefix(w, "}") {
						inExceptions = false
						break
					}
					p.addException(w)
				}
			}
			continue
		case ln[0] == '\\' || ln[0] == '}' || ln[0] == '{' || strings.ContainsRune(ln, '/'):
			continue // TeX commands; libhyphen's replacement patterns
		}
		if i := strings.IndexAny(ln, " \t"); i >= 0 {
			ln = ln[:i]
		}
		lv.add(ln)
	}
	if err := sc.Err(); err != nil {
		return nil, &ParseError{Name: name, Line: n + 1, Err: err}
	}
	if len(p.levels) > 1 && len(lv.pats) == 0 {
		p.levels = p.levels[:len(p.levels)-1]
	}
	return p, nil
}

// charsetOf returns the decoder of a libhyphen charset name, nil for UTF-8.
func charsetOf(name string) (encoding.Encoding, error) {
	n := strings.ToLower(name)
	switch n {
	case "utf-8", "utf8":
		return nil, nil
	}
	n = strings.TrimPrefix(n, "microsoft-")
	if e, err := htmlindex.Get(n); err == nil {
		return e, nil
	}
	if e, err := ianaindex.IANA.Encoding(name); err == nil && e != nil {
		return e, nil
	}
	return nil, ErrCharset
}

// add records one pattern such as ".ad4der".
func (lv *level) add(pat string) {
	var buf [64]byte
	letters := buf[:0]
	start := len(lv.vals)
	lv.vals = append(lv.vals, 0)
	for _, r := range pat {
		if r >= '0' && r <= '9' {
			lv.vals[len(lv.vals)-1] = uint8(r - '0')
			continue
		}
		letters = utf8.AppendRune(letters, unicode.ToLower(r))
		lv.vals = append(lv.vals, 0)
	}
	if len(letters) == 0 {
		lv.vals = lv.vals[:start]
		return
	}
	vals := lv.vals[start:len(lv.vals):len(lv.vals)]
	lv.pats[string(letters)] = vals
	lv.longest = max(lv.longest, len(vals)-1)
}

// addException records a word of an exception list, "биз-нес-мен".
func (p *Patterns) addException(w string) {
	var letters strings.Builder
	var breaks []int
	k := 0
	for _, r := range w {
		if r == '-' {
			if k > 0 {
				breaks = append(breaks, k)
			}
			continue
		}
		letters.WriteRune(unicode.ToLower(r))
		k++
	}
	if k == 0 {
		return
	}
	if p.exceptions == nil {
		p.exceptions = map[string][]int{}
	}
	p.exceptions[letters.String()] = breaks
}

// Hyphenate returns the byte offsets in word before which it may break
// (with a hyphen added), in increasing order, at least LeftMin letters
// from its start and RightMin from its end. The word is taken as given:
// punctuation around it should be cut off by the caller.
func (p *Patterns) Hyphenate(word string) []int {
	return p.AppendHyphens(nil, word)
}

// AppendHyphens appends the breaks of word (see [Patterns.Hyphenate]) to
// dst and returns it.
func (p *Patterns) AppendHyphens(dst []int, word string) []int {
	if p == nil {
		return dst
	}
	n := utf8.RuneCountInString(word)
	left, right := max(p.LeftMin, 1), max(p.RightMin, 1)
	if n < left+right {
		return dst
	}
	var buf [64]byte
	low := append(buf[:0], '.')
	var offs [48]int // byte offset in word of each letter
	if n > len(offs)-1 {
		return dst // no one hyphenates a word of 48 letters
	}
	i := 0
	for o, r := range word {
		offs[i] = o
		i++
		low = utf8.AppendRune(low, unicode.ToLower(r))
	}
	offs[n] = len(word)
	low = append(low, '.')
	if ex, ok := p.exceptions[string(low[1:len(low)-1])]; ok {
		for _, k := range ex {
			if k >= left && n-k >= right {
				dst = append(dst, offs[k])
			}
		}
		return dst
	}
	// starts[k] is the byte offset in low of its k-th rune.
	var starts [50]int
	k := 0
	for o := range string(low) {
		starts[k] = o
		k++
	}
	starts[n+2] = len(low)
	var vals [50]uint8 // vals[k]: the value of the gap before rune k of low
	var best [50]uint8
	for _, lv := range p.levels {
		clear(vals[:])
		for i := 0; i < n+2; i++ {
			for j := i + 1; j <= n+2 && j-i <= lv.longest; j++ {
				v, ok := lv.pats[string(low[starts[i]:starts[j]])]
				if !ok {
					continue
				}
				for m, x := range v {
					vals[i+m] = max(vals[i+m], x)
				}
			}
		}
		for k := range vals {
			best[k] |= vals[k] & 1
		}
	}
	// A break after m letters is the gap before rune m+1 of low.
	for m := left; m <= n-right; m++ {
		if best[m+1] == 1 {
			dst = append(dst, offs[m])
		}
	}
	return dst
}
