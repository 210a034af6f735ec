package bitext

import (
	"hash/fnv"
	"runtime"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"verso/align"
)

// features are what the cost model knows of one paragraph.
type features struct {
	kind      align.Kind
	level     int      // a heading's level, 0 when unknown; -1 for the title
	length    float64  // letters and digits: Han characters count one each
	numbers   []uint32 // hashes of Numbers, sorted
	quotes    int      // quoted titles and terms: 《…》, “…”, «…», „…“, *…*
	sentences int
}

// extract computes the features of every segment, spread over the
// available processors for large documents.
func extract(segs []align.Segment) []features {
	out := make([]features, len(segs))
	defer rankLevels(out)
	workers := runtime.GOMAXPROCS(0)
	if len(segs) < 1000 || workers == 1 {
		for i, s := range segs {
			out[i] = featuresOf(s)
		}
		return out
	}
	var wg sync.WaitGroup
	chunk := (len(segs) + workers - 1) / workers
	for lo := 0; lo < len(segs); lo += chunk {
		hi := min(lo+chunk, len(segs))
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				out[i] = featuresOf(segs[i])
			}
		})
	}
	wg.Wait()
	return out
}

// rankLevels replaces the heading levels of a document by their ranks
// among the levels it uses (1 for its top level): documents number their
// levels differently (a Markdown document under a "#" title starts at
// "##", level 2; a plain-text one at 第一章, level 1), and a translation
// keeps the shape, not the numbers.
func rankLevels(fs []features) {
	var used [8]bool
	for _, f := range fs {
		if f.level > 0 && f.level < len(used) {
			used[f.level] = true
		}
	}
	var rank [8]int
	r := 0
	for l := 1; l < len(used); l++ {
		if used[l] {
			r++
		}
		rank[l] = r
	}
	for i := range fs {
		if l := fs[i].level; l > 0 && l < len(rank) {
			fs[i].level = rank[l]
		}
	}
}

func featuresOf(s align.Segment) features {
	f := features{kind: s.Kind, level: s.Level, sentences: sentenceCount(s.Text)}
	if s.Kind == align.KindTitle {
		f.level = -1
	}
	if s.Kind == align.KindParagraph && f.sentences == 1 && headingLike(s.Text) {
		// Translated headings run longer than the segmenter's limit for
		// headings: a one-line, one-sentence block that reads as a heading
		// counts as one.
		f.kind = align.KindHeading
	}
	f.length = Units(s.Text)
	if mayHaveNumbers(s.Text) {
		for _, n := range Numbers(s.Text) {
			h := fnv.New32a()
			h.Write([]byte(n))
			f.numbers = append(f.numbers, h.Sum32())
		}
		sortU32(f.numbers)
	}
	f.quotes = strings.Count(s.Text, "《") + strings.Count(s.Text, "“") + strings.Count(s.Text, "«") + strings.Count(s.Text, "„")
	if f.quotes == 0 {
		// Straight double quotes and Markdown emphasis come in pairs.
		f.quotes = strings.Count(s.Text, `"`)/2 + strings.Count(s.Text, "*")/2 + strings.Count(s.Text, "_")/2
	}
	return f
}

// mayHaveNumbers reports whether text has a digit or a character of a
// Chinese number or date (年月日周〇零一二三四五六七八九十): a quick test
// that spares Numbers most texts.
func mayHaveNumbers(text string) bool {
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c >= '0' && c <= '9' {
			return true
		}
		if c < utf8.RuneSelf {
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n - 1
		switch r {
		case '年', '月', '日', '周', '〇', '零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十':
			return true
		}
	}
	return false
}

// maxHeadingRunes bounds the length of a translated heading.
const maxHeadingRunes = 300

// headingLike reports whether a block reads as a heading: one line, no
// closing punctuation, not too long, starting with a capital, a digit or a
// non-cased letter (CJK), and not ending in a word that continues a
// sentence, as preamble clauses do ("…; и", "…, y", "… and").
func headingLike(t string) bool {
	t = strings.TrimSpace(t)
	if t == "" || strings.Contains(t, "\n") || endsSentence(t) || utf8.RuneCountInString(t) > maxHeadingRunes {
		return false
	}
	first, _ := utf8.DecodeRuneInString(t)
	if unicode.IsLower(first) {
		return false
	}
	words := strings.Fields(t)
	switch strings.ToLower(strings.Trim(words[len(words)-1], "\"'»”")) {
	case "и", "или", "а", "но", "в", "на", "с", "по", "и/или",
		"and", "or", "but", "of", "the", "to", "in", "for", "with",
		"et", "ou", "de", "des", "du", "la", "le", "les", "à", "en",
		"y", "e", "o", "u", "del", "el", "los", "las", "con", "por", "para":
		return false
	}
	return true
}

// endsSentence reports whether text ends with sentence or clause
// punctuation, looking through closing quotes and brackets.
func endsSentence(t string) bool {
	t = strings.TrimRightFunc(t, func(r rune) bool { return strings.ContainsRune("”’\"'）)」』》】]» ", r) })
	r, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune("。．.!！?？；;：:，,、…", r)
}

func sortU32(a []uint32) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// Sentences splits text into sentences after 。！？ and after . ! ? … (with
// any closing quotes or brackets) followed by white space and a capital
// letter, a digit or an opening quote or bracket. The sentences keep their
// punctuation and are trimmed; joining them with one space gives back the
// normalized text of a text written in one line with single spaces.
func Sentences(text string) []string {
	var out []string
	eachSentence(align.Normalize(text), func(s string) { out = append(out, s) })
	return out
}

// sentenceCount is len(Sentences(text)).
func sentenceCount(text string) int {
	n := 0
	eachSentence(align.Normalize(text), func(string) { n++ })
	return n
}

// eachSentence calls emit with each sentence of a normalized text.
func eachSentence(text string, emit func(string)) {
	start := 0
	for i := 0; i < len(text); {
		// Only . ! ? and the first bytes of 。！？… (E3, EF, E2) can end a
		// sentence; other bytes, continuation bytes included, are skipped.
		if c := text[i]; c != '.' && c != '!' && c != '?' && c != 0xe2 && c != 0xe3 && c != 0xef {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		switch r {
		case '。', '！', '？':
			j := skipClosers(text, i)
			if j < len(text) {
				emit(strings.TrimSpace(text[start:j]))
				start, i = j, j
			}
		case '.', '!', '?', '…':
			j := skipClosers(text, i)
			if j >= len(text) || text[j] != ' ' {
				continue
			}
			next, _ := utf8.DecodeRuneInString(text[j+1:])
			if !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune("“«„\"'(（[—–", next)) {
				continue
			}
			if r == '.' && abbreviation(text[start:i-1]) {
				continue
			}
			emit(strings.TrimSpace(text[start:j]))
			start, i = j+1, j+1
		}
	}
	if rest := strings.TrimSpace(text[start:]); rest != "" {
		emit(rest)
	}
}

func skipClosers(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !strings.ContainsRune("”’\"'）)」』》】]»", r) {
			break
		}
		i += n
	}
	return i
}

// abbreviation reports whether the text before a full stop ends in a
// single letter or a common abbreviation (U.N., Mr., etc., г., т.д.).
func abbreviation(before string) bool {
	k := strings.LastIndexAny(before, " (")
	w := before[k+1:]
	if utf8.RuneCountInString(w) == 1 {
		return true
	}
	switch strings.ToLower(w) {
	case "mr", "mrs", "ms", "dr", "st", "no", "art", "para", "paras", "vol", "p", "pp", "e.g", "i.e", "etc", "vs", "cf", "u.s", "u.n",
		"г", "гг", "т", "т.е", "т.д", "т.п", "им", "ст", "п", "см", "др", "пр", "млн", "млрд", "тыс":
		return true
	}
	return false
}
