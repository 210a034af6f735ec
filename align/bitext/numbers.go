package bitext

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
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
//   - a year in Chinese digits (一九七一年, 二〇二〇) gives "1971";
//   - an anniversary or ordinal (75周年, 七十五周年, 75th, 75-летия) gives "75";
//   - a percentage in Chinese (百分之五) gives "5";
//   - any other run of digits gives its value, full-width digits (１０)
//     read as ASCII and thousands separators dropped ("1,000", "1 000" and
//     "1 000" give "1000").
//
// Digits glued to Latin letters (COVID-19, G20, 5G) are names, not numbers,
// and are left out.
func Numbers(text string) []string {
	a := scan(text, false)
	out := append(a.nums, a.dateToks...)
	slices.Sort(out)
	return out
}

// Date is a date found in a text: Year, Month and Day are 0 when the text
// leaves them out (11月10日, June 2018).
type Date struct {
	Year, Month, Day int
	// Script is the script of the month: "Hani" for 月, "Latn" or "Cyrl" for
	// a month name.
	Script string
}

// String writes the date as ISO 8601 does, with "--" for a missing year
// (--11-10) and without a missing day (2018-06).
func (d Date) String() string {
	switch {
	case d.Year == 0:
		return fmt.Sprintf("--%02d-%02d", d.Month, d.Day)
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Anchors returns the numbers and the dates of a text, read as [Numbers]
// reads them, apart: nums holds the numbers that are not part of a date,
// sorted; dates the dates in the order of the text's date expressions
// (Chinese first, then those with month names).
func Anchors(text string) (nums []string, dates []Date) {
	a := scan(text, true)
	slices.Sort(a.nums)
	return a.nums, a.dates
}

// anchors collects what scan finds.
type anchors struct {
	nums     []string // numbers outside dates
	dateToks []string // the tokens of dates (Numbers)
	dates    []Date   // the dates themselves, when asked for
	keep     bool     // collect dates
}

func (a *anchors) date(y, mo, d, script string) {
	if !a.keep {
		return
	}
	n := func(s string) int { v, _ := strconv.Atoi(s); return v }
	a.dates = append(a.dates, Date{Year: n(y), Month: n(mo), Day: n(d), Script: script})
}

// numerals reads, in one pass, what scan needs to know of a text: whether
// it has ASCII digits, full-width digits, and a Chinese numeric
// expression (a digit or Chinese numeral before 年, 月 or 周, 〇, 百分之).
func numerals(text string) (digits, fullWidth, cn bool) {
	prevNum := false
	for i, r := range text {
		num := false
		switch {
		case r >= '0' && r <= '9':
			digits, num = true, true
		case r < 0x3007:
		case r >= '０' && r <= '９':
			fullWidth, num = true, true
		case r == '〇':
			cn, num = true, true
		case r == '零' || r == '一' || r == '二' || r == '三' || r == '四' || r == '五' ||
			r == '六' || r == '七' || r == '八' || r == '九' || r == '十' || r == '两':
			num = true
		case r == '年' || r == '月' || r == '周' || r == '週':
			cn = cn || prevNum
		case r == '百':
			cn = cn || strings.HasPrefix(text[i:], "百分之")
		}
		prevNum = num
	}
	return digits, fullWidth, cn
}

func scan(text string, keep bool) *anchors {
	a := &anchors{keep: keep}
	digits, fullWidth, cn := numerals(text)
	if fullWidth {
		text = strings.Map(func(r rune) rune {
			if r >= '０' && r <= '９' {
				return '0' + (r - '０')
			}
			return r
		}, text)
		digits = true
	}
	if cn {
		text = cnNumbers(text, a)
	}
	if !digits {
		return a
	}
	text = monthDates(text, a)
	a.nums = plainNumbers(text, a.nums)
	return a
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
		run := 0 // digits since the last separator
		for i < len(text) {
			switch c := text[i]; {
			case isDigit(c):
				b.WriteByte(c)
				run++
				i++
				continue
			case (c == ',' || c == '.') && i+1 < len(text) && isDigit(text[i+1]):
				if c == '.' {
					b.WriteByte(c)
				}
				run = 0
				i++
				continue
			case strings.HasPrefix(text[i:], "\u00a0") && i+2 < len(text) && isDigit(text[i+2]):
				run = 0
				i += 2
				continue
			case strings.HasPrefix(text[i:], "\u202f") && i+3 < len(text) && isDigit(text[i+3]):
				run = 0
				i += 3
				continue
			case c == ' ' && run <= 3 && group(text, i+1):
				// 10 000: a space before a group of exactly three digits
				// after at most three.
				run = 0
				i++
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

// group reports whether text[i:] starts with exactly three digits.
func group(text string, i int) bool {
	if i+3 > len(text) {
		return false
	}
	for k := i; k < i+3; k++ {
		if text[k] < '0' || text[k] > '9' {
			return false
		}
	}
	return i+3 == len(text) || text[i+3] < '0' || text[i+3] > '9'
}

// cnNumbers replaces Chinese dates, anniversaries, percentages and years
// in Chinese digits by spaces, adding their tokens to a.
func cnNumbers(text string, a *anchors) string {
	out := &a.dateToks
	// Each expression is looked for only in texts that have what it cannot
	// match without: the regular expressions are slow on long paragraphs.
	if !strings.Contains(text, "年") && !strings.Contains(text, "月") {
		return cnOthers(text, a)
	}
	text = cnDateRE.ReplaceAllStringFunc(text, func(m string) string {
		g := cnDateRE.FindStringSubmatch(m)
		y, mo, d := cnNum(g[1]), cnNum(g[2]), cnNum(g[3])
		if g[1] == "" {
			mo, d = cnNum(g[4]), cnNum(g[5])
		}
		switch {
		case y != "" && mo != "" && d != "":
			*out = append(*out, y, d+"."+mo)
			a.date(y, mo, d, "Hani")
		case y != "" && mo != "":
			*out = append(*out, y, "m"+mo)
			a.date(y, mo, "", "Hani")
		case y != "":
			// A year alone (一九七一年) is a number, not a date.
			a.nums = append(a.nums, y)
		case mo != "" && d != "":
			*out = append(*out, d+"."+mo)
			a.date("", mo, d, "Hani")
		default:
			return m
		}
		return " "
	})
	return cnOthers(text, a)
}

// cnOthers replaces Chinese anniversaries, percentages and years in
// Chinese digits by spaces, adding their numbers to a.
func cnOthers(text string, a *anchors) string {
	for _, x := range cnOtherREs {
		if !x.may(text) {
			continue
		}
		text = x.re.ReplaceAllStringFunc(text, func(m string) string {
			g := x.re.FindStringSubmatch(m)
			if n := cnNum(g[1]); n != "" {
				a.nums = append(a.nums, n)
				return " "
			}
			return m
		})
	}
	return text
}

// cnOtherREs are the expressions of cnOthers, in order, each with a quick
// test that is false when it cannot match.
var cnOtherREs = []struct {
	re  *regexp.Regexp
	may func(string) bool
}{
	{cnOrdinalRE, func(t string) bool { return strings.Contains(t, "周年") || strings.Contains(t, "週年") }},
	{cnPercentRE, func(t string) bool { return strings.Contains(t, "百分之") }},
	{cnYearRE, hasCnYear},
}

// monthDates replaces dates with month names (10 June 2018, June 10,
// 2018, 10 июня 2018 года, June 2018, 10 November) by spaces, adding their
// tokens to a. It works on words, not expressions: most paragraphs have
// digits and month-like words far apart.
func monthDates(text string, a *anchors) string {
	if !hasMonth(text) {
		return text
	}
	out := &a.dateToks
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
		script := "Latn"
		if r, _ := utf8.DecodeRuneInString(ws[k].w); r >= 0x400 && r <= 0x4ff {
			script = "Cyrl"
		}
		if d := number(k-1, 1, 31); d != "" { // 10 June [2018]
			*out = append(*out, d+"."+mo)
			blank(k - 1)
			blank(k)
			y := number(k+1, 1000, 2999)
			if y != "" {
				*out = append(*out, y)
				blank(k + 1)
			}
			a.date(y, mo, d, script)
			continue
		}
		if d := number(k+1, 1, 31); d != "" { // June 10[, 2018]
			*out = append(*out, d+"."+mo)
			blank(k)
			blank(k + 1)
			y := number(k+2, 1000, 2999)
			if y != "" {
				*out = append(*out, y)
				blank(k + 2)
			}
			a.date(y, mo, d, script)
			continue
		}
		if y := number(k+1, 1000, 2999); y != "" { // June 2018
			*out = append(*out, y, "m"+mo)
			blank(k)
			blank(k + 1)
			a.date(y, mo, "", script)
		}
	}
	return string(b)
}

// hasMonth reports whether a word of text is a month name: a test without
// allocation that spares monthDates most texts.
func hasMonth(text string) bool {
	var buf [24]byte
	for i := 0; i < len(text); {
		for i < len(text) && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t') {
			i++
		}
		j := i
		for j < len(text) && text[j] != ' ' && text[j] != '\n' && text[j] != '\t' {
			j++
		}
		if j-i < 3 || text[i] >= 'a' && text[i] <= 'z' && !strings.ContainsRune("jfmasond", rune(text[i])) {
			i = j
			continue // no English month starts with this letter
		}
		w := strings.Trim(text[i:j], ",.;:()[]«»“”\"'")
		i = j
		if len(w) < 3 || len(w) > len(buf) {
			continue
		}
		if c := w[0]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			if c < 0x80 {
				n := copy(buf[:], w)
				buf[0] = c + 'a' - 'A'
				if _, ok := monthWords[string(buf[:n])]; ok {
					return true
				}
				continue
			}
			if _, ok := monthWords[strings.ToLower(w)]; ok {
				return true
			}
			continue
		}
		if _, ok := monthWords[w]; ok {
			return true
		}
	}
	return false
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
	cnPercentRE = regexp.MustCompile(`百分之(` + cnDigits + `{1,3})`)
	cnYearRE    = regexp.MustCompile(`([〇零一二三四五六七八九]{4})`)
)

// hasCnYear reports whether text has four Chinese digits in a row, which
// cnYearRE needs.
func hasCnYear(text string) bool {
	run := 0
	for _, r := range text {
		switch r {
		case '〇', '零', '一', '二', '三', '四', '五', '六', '七', '八', '九':
			if run++; run == 4 {
				return true
			}
		default:
			run = 0
		}
	}
	return false
}

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
