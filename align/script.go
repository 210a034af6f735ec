package align

import (
	"strings"
	"unicode"

	"golang.org/x/text/language"
)

// scripts are the writing systems Script tells apart, with their ISO 15924
// codes; Han covers the Chinese and Japanese codes.
var scripts = []struct {
	code  string
	table *unicode.RangeTable
}{
	{"Latn", unicode.Latin}, {"Cyrl", unicode.Cyrillic}, {"Hani", unicode.Han}, {"Grek", unicode.Greek},
	{"Arab", unicode.Arabic}, {"Hang", unicode.Hangul}, {"Hebr", unicode.Hebrew}, {"Deva", unicode.Devanagari},
	{"Thai", unicode.Thai}, {"Kana", unicode.Katakana}, {"Kana", unicode.Hiragana},
}

// Script returns the ISO 15924 code of the script most letters of the
// segments are written in ("Hani" for Han, "Kana" for kana), or "" when they
// hold no letters.
func Script(segs []Segment) string {
	count := map[string]int{}
	for _, s := range segs {
		for _, r := range s.Text {
			if !unicode.IsLetter(r) {
				continue
			}
			for _, sc := range scripts {
				if unicode.Is(sc.table, r) {
					count[sc.code]++
					break
				}
			}
		}
	}
	best := ""
	for _, sc := range scripts {
		if count[sc.code] > count[best] {
			best = sc.code
		}
	}
	return best
}

// ExpectedScript returns the ISO 15924 code Script gives for text in the
// language, or "" when it cannot say. Chinese and Japanese give "Hani"
// (Japanese text mixes Han and kana).
func ExpectedScript(lang string) string {
	tag, err := language.Parse(lang)
	if err != nil {
		return ""
	}
	sc, conf := tag.Script()
	if conf == language.No {
		return ""
	}
	switch code := sc.String(); code {
	case "Hans", "Hant", "Jpan":
		return "Hani"
	case "Kore":
		return "Hang"
	default:
		return code
	}
}

// ScriptMismatch returns the script the segments are written in and the
// one the language is written in when they differ, for a clear refusal;
// both are "" when they agree or either cannot be told. Kana counts as
// Han, as Japanese mixes them.
func ScriptMismatch(lang string, segs []Segment) (got, want string) {
	got, want = Script(segs), ExpectedScript(lang)
	return mismatch(got, want)
}

// TextScriptMismatch is ScriptMismatch for one text in a format: only the
// text that prints counts (a link's URL or a code span is no evidence of a
// Russian translation being written in Latin).
func TextScriptMismatch(lang string, f Format, text string) (got, want string) {
	return ScriptMismatch(lang, []Segment{{Text: ParseInline(f, text).Plain}})
}

func mismatch(got, want string) (string, string) {
	if got == "" || want == "" || got == want || want == "Hani" && got == "Kana" {
		return "", ""
	}
	return got, want
}

// SameLanguage reports whether a language tag of an exchange file (TBX,
// TMX) names lang: the same primary subtag, and the same script or region
// when both give one, with zh-CN and zh-SG read as zh-Hans and zh-TW,
// zh-HK and zh-MO as zh-Hant (zh-CN matches zh and zh-Hans; en-GB does not
// match en-US). Case and "_" for "-" do not matter.
func SameLanguage(tag, lang string) bool {
	a := strings.Split(strings.ToLower(strings.ReplaceAll(tag, "_", "-")), "-")
	b := strings.Split(strings.ToLower(strings.ReplaceAll(lang, "_", "-")), "-")
	if a[0] == "" || a[0] != b[0] {
		return false
	}
	if len(a) > 1 && len(b) > 1 {
		x, y := a[1], b[1]
		script := map[string]string{"cn": "hans", "sg": "hans", "tw": "hant", "hk": "hant", "mo": "hant"}
		if s, ok := script[x]; ok {
			x = s
		}
		if s, ok := script[y]; ok {
			y = s
		}
		return x == y
	}
	return true
}
