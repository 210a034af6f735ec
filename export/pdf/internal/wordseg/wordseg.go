// Package wordseg finds the words of Chinese text, so that headings and
// running heads break between words (元首 stays whole) rather than between
// any two characters.
//
// It segments as jieba does without its hidden Markov model: of all the
// ways to cut a run of Han characters into words of its dictionary (and
// single characters), it takes the most probable, each word weighing its
// frequency. The dictionary, dict.txt.gz, is derived from jieba's own
// (MIT licence; Debian package python3-jieba, file dict.txt): the words of
// one to four Han characters with a frequency of at least 100, 35,842
// entries, 200 KB compressed. It was made with
//
//	python3 -c 'import gzip; ...'  # keep "word freq" lines as above, sorted
//
// github.com/go-ego/gse would do the same with a larger dictionary, but
// its module is 12 MB and embeds 15 MB of Chinese dictionaries.
package wordseg

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

//go:embed dict.txt.gz
var dictGz []byte

const maxWord = 4 // characters

var (
	once  sync.Once
	freq  map[string]float64 // log frequency
	unset float64            // the log frequency of a character not in the dictionary
)

func load() {
	freq = map[string]float64{}
	zr, err := gzip.NewReader(bytes.NewReader(dictGz))
	if err != nil {
		panic("wordseg: embedded dictionary: " + err.Error()) // built into the program
	}
	total := 0.0
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		w, f, ok := strings.Cut(sc.Text(), " ")
		n, err := strconv.Atoi(f)
		if !ok || err != nil {
			panic("wordseg: embedded dictionary: bad line " + sc.Text())
		}
		freq[w] = float64(n)
		total += float64(n)
	}
	for w, f := range freq {
		freq[w] = math.Log(f / total)
	}
	unset = math.Log(1 / total)
}

// Han reports whether r is a Han character, the script wordseg segments.
func Han(r rune) bool { return unicode.Is(unicode.Han, r) }

// Boundaries returns the byte offsets in s, in increasing order, where a
// word of a run of Han characters ends and another begins (not the ends
// of the run).
func Boundaries(s string) []int {
	once.Do(load)
	var out []int
	start := -1
	for i, r := range s + "\x00" {
		if i < len(s) && Han(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, run(s[start:i], start)...)
			start = -1
		}
	}
	return out
}

// run returns the inner word boundaries of a run of Han characters at
// byte off of its text.
func run(s string, off int) []int {
	var pos []int // byte offset of each character, and the end
	for i := range s {
		pos = append(pos, i)
	}
	pos = append(pos, len(s))
	n := len(pos) - 1
	best := make([]float64, n+1) // best[i]: log probability of s[pos[i]:]
	next := make([]int, n+1)
	for i := n - 1; i >= 0; i-- {
		best[i], next[i] = math.Inf(-1), i+1
		for k := 1; k <= maxWord && i+k <= n; k++ {
			f, ok := freq[s[pos[i]:pos[i+k]]]
			if !ok {
				if k > 1 {
					continue
				}
				f = unset
			}
			if p := f + best[i+k]; p > best[i] {
				best[i], next[i] = p, i+k
			}
		}
	}
	var out []int
	for i := next[0]; i < n; i = next[i] {
		out = append(out, off+pos[i])
	}
	return out
}

// Words splits s at its word boundaries (see [Boundaries]): only runs of
// Han characters are split.
func Words(s string) []string {
	var out []string
	last := 0
	for _, b := range Boundaries(s) {
		out = append(out, s[last:b])
		last = b
	}
	return append(out, s[last:])
}
