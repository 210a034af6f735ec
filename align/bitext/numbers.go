package bitext

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Numbers returns the numeric anchors of a text, normalised so that the same
// number or date written in Chinese, English or Russian gives the same
// tokens, sorted:
//
//   - a full date (2018年6月10日, 10 June 2018, June 10, 2018,
//     10 июня 2018 года) gives the year and the day and month: "2018", "10.6";
//   - a day and month without a year (11月10日, 10 November, 10 ноября)
//     gives "10.11";
//   - a month and year (2018年6月, June 2018, в июне 2018 года) gives
//     "2018" and "m6";
//   - a year in Chinese digits (一九七一年) gives "1971";
//   - an anniversary or ordinal (75周年, 75th, 75-летия) gives "75";
//   - any other run of digits gives its value, with thousands separators
//     dropped ("1,000" and "1 000" give "1000").
//
// Digits glued to Latin letters (COVID-19, G20, 5G) are names, not numbers,
// and are left out.
func Numbers(text string) []string {
	digits := strings.ContainsAny(text, "0123456789")
	if !digits && !strings.ContainsAny(text, "〇零一二三四五六七八九十两") {
		return nil
	}
	var out []string
	if cnUnit(text) {
		text = cnNumbers(text, &out)
	}
	if !digits {
		slices.Sort(out)
		return out
	}
	text = monthDates(text, &out)
	out = plainNumbers(text, out)
	slices.Sort(out)
	return out
}

// plainNumbers appends the runs of ASCII digits of text, with the
// thousands separators and decimal points between digits, except those
// glued to a Latin letter (COVID-19, G20).
func plainNumbers(text string, out []string) []string {
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' }
	isLatin := func(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }
	for i := 0; i < len(text); {
		if !isDigit(text[i]) {
			i++
			continue
		}
		start := i
		var b strings.Builder
		for i < len(text) {
			switch c := text[i]; {
			case isDigit(c):
				b.WriteByte(c)
				i++
				continue
			case (c == ',' || c == '.') && i+1 < len(text) && isDigit(text[i+1]):
				if c == '.' {
					b.WriteByte(c)
				}
				i++
				continue
			case strings.HasPrefix(text[i:], "\u00a0") && i+2 < len(text) && isDigit(text[i+2]):
				i += 2
				continue
			case strings.HasPrefix(text[i:], "\u202f") && i+3 < len(text) && isDigit(text[i+3]):
				i += 3
				continue
			}
			break
		}
		glued := start > 0 && isLatin(text[start-1]) ||
			start > 1 && text[start-1] == '-' && isLatin(text[start-2])
		if !glued {
			out = append(out, trimZero(b.String()))
		}
	}
	return out
}

// cnUnit reports whether a digit (Arabic or Chinese) stands before 年, 月
// or 周 somewhere in text: a quick test that spares the Chinese date
// expression most paragraphs.
func cnUnit(text string) bool {
	prev := rune(0)
	for _, r := range text {
		if (r == '年' || r == '月' || r == '周' || r == '週') && (prev >= '0' && prev <= '9' || strings.ContainsRune("〇零一二三四五六七八九十两", prev)) {
			return true
		}
		prev = r
	}
	return false
}

// cnNumbers replaces Chinese dates and anniversaries by spaces, adding
// their tokens to out.
func cnNumbers(text string, out *[]string) string {
	text = cnDateRE.ReplaceAllStringFunc(text, func(m string) string {
		g := cnDateRE.FindStringSubmatch(m)
		y, mo, d := cnNum(g[1]), cnNum(g[2]), cnNum(g[3])
		if g[1] == "" {
			mo, d = cnNum(g[4]), cnNum(g[5])
		}
		switch {
		case y != "" && mo != "" && d != "":
			*out = append(*out, y, d+"."+mo)
		case y != "" && mo != "":
			*out = append(*out, y, "m"+mo)
		case y != "":
			*out = append(*out, y)
		case mo != "" && d != "":
			*out = append(*out, d+"."+mo)
		default:
			return m
		}
		return " "
	})
	text = cnOrdinalRE.ReplaceAllStringFunc(text, func(m string) string {
		g := cnOrdinalRE.FindStringSubmatch(m)
		if n := cnNum(g[1]); n != "" {
			*out = append(*out, n)
			return " "
		}
		return m
	})
	return text
}

// monthDates replaces dates with month names (10 June 2018, June 10,
// 2018, 10 июня 2018 года, June 2018, 10 November) by spaces, adding their
// tokens to out. It works on words, not expressions: most paragraphs have
// digits and month-like words far apart.
func monthDates(text string, out *[]string) string {
	type word struct {
		s, e int
		w    string // without surrounding punctuation
	}
	var ws []word
	for i := 0; i < len(text); {
		for i < len(text) && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t') {
			i++
		}
		j := i
		for j < len(text) && text[j] != ' ' && text[j] != '\n' && text[j] != '\t' {
			j++
		}
		if j > i {
			ws = append(ws, word{i, j, strings.Trim(text[i:j], ",.;:()[]«»“”\"'")})
		}
		i = j
	}
	b := []byte(text)
	blank := func(k int) {
		for i := ws[k].s; i < ws[k].e; i++ {
			b[i] = ' '
		}
	}
	number := func(k, lo, hi int) string {
		if k < 0 || k >= len(ws) {
			return ""
		}
		w := ws[k].w
		for _, suf := range []string{"st", "nd", "rd", "th", "-го", "-е"} {
			w = strings.TrimSuffix(w, suf)
		}
		n, err := strconv.Atoi(w)
		if err != nil || n < lo || n > hi {
			return ""
		}
		return strconv.Itoa(n)
	}
	for k := range ws {
		mo := monthWords[strings.ToLower(strings.TrimSuffix(ws[k].w, "."))]
		if mo == "" {
			continue
		}
		if d := number(k-1, 1, 31); d != "" { // 10 June [2018]
			*out = append(*out, d+"."+mo)
			blank(k - 1)
			blank(k)
			if y := number(k+1, 1000, 2999); y != "" {
				*out = append(*out, y)
				blank(k + 1)
			}
			continue
		}
		if d := number(k+1, 1, 31); d != "" { // June 10[, 2018]
			*out = append(*out, d+"."+mo)
			blank(k)
			blank(k + 1)
			if y := number(k+2, 1000, 2999); y != "" {
				*out = append(*out, y)
				blank(k + 2)
			}
			continue
		}
		if y := number(k+1, 1000, 2999); y != "" { // June 2018
			*out = append(*out, y, "m"+mo)
			blank(k)
			blank(k + 1)
		}
	}
	return string(b)
}

// monthWords maps the English and Russian month names, their
// abbreviations and case forms, in lower case, to month numbers.
var monthWords = func() map[string]string {
	m := map[string]string{}
	en := []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
	for i, name := range en {
		n := strconv.Itoa(i + 1)
		m[name] = n
		m[name[:3]] = n
	}
	m["sept"] = "9"
	ru := []string{"январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"}
	for i, stem := range ru {
		n := strconv.Itoa(i + 1)
		var ends []string
		switch stem {
		case "март", "август":
			ends = []string{"", "а", "е", "у"}
		case "ма":
			ends = []string{"й", "я", "е", "ю"}
		default:
			ends = []string{"ь", "я", "е", "ю"}
		}
		for _, e := range ends {
			m[stem+e] = n
		}
	}
	return m
}()

const cnDigits = `[0-9〇零一二三四五六七八九十两]`

var (
	cnDateRE = regexp.MustCompile(`(` + cnDigits + `{4})\s*年(?:\s*(` + cnDigits + `{1,2})\s*月(?:\s*(` + cnDigits + `{1,3})\s*[日号])?)?` +
		`|(` + cnDigits + `{1,2})\s*月\s*(` + cnDigits + `{1,3})\s*[日号]`)
	cnOrdinalRE = regexp.MustCompile(`(` + cnDigits + `{1,4})\s*(?:周年|週年)`)
)

// cnNum converts digits written in Arabic or Chinese numerals, positional
// (一九七一) or with 十 (二十三), to an Arabic number; "" if s is empty or
// not a number.
func cnNum(s string) string {
	if s == "" {
		return ""
	}
	if n, err := strconv.Atoi(s); err == nil {
		return strconv.Itoa(n)
	}
	digit := map[rune]int{'〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	if !strings.ContainsRune(s, '十') {
		n := 0
		for _, c := range s {
			d, ok := digit[c]
			if !ok {
				if c >= '0' && c <= '9' {
					d = int(c - '0')
				} else {
					return ""
				}
			}
			n = n*10 + d
		}
		return strconv.Itoa(n)
	}
	tens, ones := 1, 0
	before, after, _ := strings.Cut(s, "十")
	if before != "" {
		d, ok := digit[[]rune(before)[0]]
		if !ok || len([]rune(before)) != 1 {
			return ""
		}
		tens = d
	}
	if after != "" {
		d, ok := digit[[]rune(after)[0]]
		if !ok || len([]rune(after)) != 1 {
			return ""
		}
		ones = d
	}
	return strconv.Itoa(tens*10 + ones)
}

func trimZero(s string) string {
	if n, err := strconv.Atoi(s); err == nil {
		return strconv.Itoa(n)
	}
	return s
}
