package qa

import (
	"os"
	"slices"
	"strings"
	"testing"

	"verso/align"
)

// run checks one pair in a repository of the seed's English translation
// (which gives the length model something to learn from) and returns the
// messages of the problems of that pair, as "check: message".
func run(t *testing.T, locale string, f align.Format, src, tgt string, g *Glossary) []string {
	t.Helper()
	in := Input{SourceLang: "zh-Hans", Locale: locale, Glossary: g, Memory: seedPairs(t)}
	in.Pairs = []Pair{{Doc: "t", Path: "sources/t.txt", Format: f, Seg: align.Segment{ID: "abcdef", Kind: align.KindParagraph, Line: 1, Text: src}, Target: tgt}}
	if locale != "en" {
		in.Memory = nil
	}
	var out []string
	for _, p := range Run(in, nil) {
		out = append(out, string(p.Check)+": "+p.Message)
	}
	return out
}

var seedCache []Pair

// seedPairs returns the seed document's segments with their committed
// English translations.
func seedPairs(t *testing.T) []Pair {
	t.Helper()
	if seedCache != nil {
		return seedCache
	}
	data, err := os.ReadFile("../../sources/sco-2020-statements.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := align.Parse("sources/sco-2020-statements.txt", "zh-Hans", data)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := os.ReadFile("../../translations/sco-2020-statements.en.toml")
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, ln := range strings.Split(string(tr), "\n") {
		if v, ok := strings.CutPrefix(ln, "other = "); ok {
			texts = append(texts, strings.Trim(v, `"`))
		}
	}
	if len(texts) != len(doc.Segments) {
		t.Fatalf("%d translations for %d segments", len(texts), len(doc.Segments))
	}
	for i, s := range doc.Segments {
		seedCache = append(seedCache, Pair{Doc: doc.Name, Path: doc.Path, Seg: s, Target: texts[i]})
	}
	return seedCache
}

func TestChecksOfOnePair(t *testing.T) {
	tests := []struct {
		name, locale string
		format       align.Format
		src, tgt     string
		want         []string // check names of the problems; nil for none
	}{
		{"numbers kept", "en", "", "呼吁有序履行联合国安理会第1624号和2354号决议。", "We call for the implementation of resolutions 1624 and 2354.", nil},
		{"number changed", "en", "", "呼吁有序履行联合国安理会第1624号和2354号决议。", "We call for the implementation of resolutions 1642 and 2354.", []string{"numbers"}},
		{"number dropped", "en", "", "呼吁有序履行联合国安理会第1624号和2354号决议。", "We call for the orderly implementation of United Nations Security Council resolution 2354.", []string{"numbers"}},
		{"Chinese year", "en", "", "二〇二〇年的报告。", "The report of 2020.", nil},
		{"Chinese anniversary", "en", "", "联合国成立七十五周年。", "The 75th anniversary of the United Nations.", nil},
		{"Chinese percentage", "en", "", "增长百分之五。", "Growth of 5 per cent.", nil},
		{"full-width digits", "en", "", "１０个国家参加。", "10 countries took part.", nil},
		{"thousands", "ru", "", "共有10,000人。", "Всего 10 000 человек.", nil},
		{"date kept", "en", "", "根据2018年6月10日通过的声明。", "Under the statement adopted on 10 June 2018.", nil},
		{"date kept, American order", "en", "", "根据2018年6月10日通过的声明。", "Under the statement adopted on June 10, 2018.", nil},
		{"date kept, Russian", "ru", "", "根据2018年6月10日通过的声明。", "В соответствии с заявлением, принятым 10 июня 2018 года.", nil},
		{"date off by a day", "en", "", "根据2018年6月10日通过的声明。", "Under the statement adopted on 11 June 2018.", []string{"dates"}},
		{"date in English in a Russian text", "ru", "", "2020年11月10日", "10 November 2020", []string{"dates"}},
		{"bracket dropped", "en", "", "(新华社莫斯科11月10日电)", "(Xinhua, Moscow, 10 November", []string{"brackets"}},
		{"parenthesis not carried", "en", "", "(新华社莫斯科11月10日电)", "Xinhua, Moscow, 10 November", []string{"brackets"}},
		{"quotation not carried", "en", "", "弘扬“上海精神”。", "Upholding the Shanghai Spirit.", []string{"brackets"}},
		{"quotation carried, Russian", "ru", "", "弘扬“上海精神”。", "Следуя «Шанхайскому духу».", nil},
		{"Russian inner quotes", "ru", "", "“上海精神”", "«„Шанхайский дух“»", nil},
		{"titles need no quotes", "en", "", "《国际卫生条例》", "the International Health Regulations", nil},
		{"added parenthesis is fine", "en", "", "信息通信技术", "information and communication technologies (ICTs)", nil},
		{"closer without opener", "en", "", "标题", "Title)", []string{"brackets"}},
		{"list marker", "en", "", "一、总则", "1) General provisions", nil},
		{"link kept", "en", align.FormatMarkdown, "见[网站](https://example.org/a)。", "See the [website](https://example.org/a).", nil},
		{"link removed", "en", align.FormatMarkdown, "见[网站](https://example.org/a)。", "See the website.", []string{"markup"}},
		{"link changed", "en", align.FormatMarkdown, "见[网站](https://example.org/a)。", "See the [website](https://example.org/b).", []string{"markup"}},
		{"code span lost", "en", align.FormatMarkdown, "运行`verso qa`。", "Run verso qa.", []string{"markup"}},
		{"footnote reference lost", "en", align.FormatMarkdown, "见附件。[^1]", "See the annex.", []string{"markup"}},
		{"bare URL in plain text", "en", align.FormatText, "见https://example.org/a。", "See example.org.", []string{"markup"}},
		{"digits in URLs are no numbers", "en", align.FormatMarkdown, "见[网站](https://example.org/2020)。", "See the [website](https://example.org/2020).", nil},
		{"left in Chinese", "en", "", "我们呼吁国际社会加强合作。", "我们呼吁国际社会加强合作。", []string{"untranslated"}},
		{"Chinese run left", "en", "", "我们呼吁国际社会加强合作。", "We call on the 国际社会 to strengthen cooperation.", []string{"untranslated"}},
		{"copy of a Latin source", "en", "", "Memorandum of Cooperation between the Parties", "Memorandum of Cooperation between the Parties", []string{"untranslated"}},
		{"truncated", "en", "", "我们认为,重大传染性疾病是全人类的敌人,是各国面临的共同挑战。在新冠肺炎疫情继续蔓延形势下,上合组织成员国弘扬上海精神,相互有效支持,在保障公民医疗、社会等需求方面相互协助。", "We believe that major infectious diseases.", []string{"length"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := run(t, tt.locale, tt.format, tt.src, tt.tgt, nil)
			var checks []string
			for _, g := range got {
				checks = append(checks, strings.SplitN(g, ":", 2)[0])
			}
			if !slices.Equal(checks, tt.want) {
				t.Errorf("problems %q, want checks %q", got, tt.want)
			}
		})
	}
}

func TestSeedTranslationsPass(t *testing.T) {
	in := Input{SourceLang: "zh-Hans", Locale: "en", Pairs: seedPairs(t)}
	if ps := Run(in, nil); len(ps) > 0 {
		t.Errorf("problems in the committed English translation: %v", ps)
	}
}

func TestGlossary(t *testing.T) {
	g, err := ParseGlossary("glossary/en.toml", []byte(`
[[term]]
source = "上海合作组织"
required = ["Shanghai Cooperation Organisation"]
forbidden = ["Shanghai Cooperation Organization"]

[[term]]
source = "数字经济"
required = ["digital economy"]
`))
	if err != nil {
		t.Fatal(err)
	}
	ru, err := ParseGlossary("glossary/ru.toml", []byte(`
[[term]]
source = "成员国"
required = ["государств* – член*"]
`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		locale, src, tgt string
		want             int
	}{
		{"en", "上海合作组织成员国", "the Member States of the Shanghai Cooperation Organisation", 0},
		{"en", "上海合作组织成员国", "the Member States of the Shanghai Cooperation Organization", 1},
		{"en", "上海合作组织成员国", "the Member States of the Organisation", 1},
		{"en", "关于数字经济领域合作的声明", "Statement on Cooperation in the Field of the Digital Economy", 0},
		{"en", "数字经济", "the digital economies", 1}, // whole words: "economies" is another word
		{"ru", "成员国", "руководители государств – членов", 0},
		{"ru", "成员国", "руководители стран", 1},
	}
	for _, tt := range tests {
		var n int
		gl := g
		if tt.locale == "ru" {
			gl = ru
		}
		for _, p := range run(t, tt.locale, "", tt.src, tt.tgt, gl) {
			if strings.HasPrefix(p, "terminology") {
				n++
			}
		}
		if n != tt.want {
			t.Errorf("%s → %s: %d terminology problems, want %d", tt.src, tt.tgt, n, tt.want)
		}
	}
}

func TestGlossaryErrorsNameTheLine(t *testing.T) {
	tests := []struct{ data, want string }{
		{"[[term]]\nsource = \"a\"\nrequired = [\"b\"\n", "g.toml:3:"},
		{"[[term]]\nsource = \"\"\nrequired = [\"b\"]\n", "g.toml:1: term without a source"},
		{"\n[[term]]\nsource = \"a\"\n", "g.toml:2: term \"a\" has neither"},
		{"[[term]]\nsource = \"a\"\nrequired = [\"b\"]\n[[term]]\nsource = \"a\"\nrequired = [\"c\"]\n", "g.toml:4: term \"a\" is already defined on line 1"},
		{"[[term]]\nsource = \"a\"\nrequired = [\"b\"]\nforbidden = [\"b\"]\n", "both required and forbidden"},
		{"[[term]]\nsource = \"a\"\nwanted = [\"b\"]\n", "unknown key"},
	}
	for _, tt := range tests {
		_, err := ParseGlossary("g.toml", []byte(tt.data))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want %q", tt.data, err, tt.want)
		}
	}
}

func TestGlossaryFormatRoundTrip(t *testing.T) {
	g := &Glossary{Terms: []Term{
		{Source: "联合国", Required: []string{"United Nations"}, Forbidden: []string{"UN"}, Note: `say "United Nations"`},
		{Source: "上合组织", Required: []string{"SCO"}},
	}}
	data := g.Format()
	back, err := ParseGlossary("g.toml", data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if string(back.Format()) != string(data) || len(back.Terms) != 2 || back.Terms[1].Note != `say "United Nations"` {
		t.Errorf("round trip changed the glossary:\n%s", back.Format())
	}
}

func TestConsistency(t *testing.T) {
	p := func(id string, line int, src, tgt string) Pair {
		return Pair{Path: "sources/t.txt", Seg: align.Segment{ID: id, Line: line, Kind: align.KindDate, Text: src}, Target: tgt}
	}
	in := Input{SourceLang: "zh-Hans", Locale: "en", Pairs: []Pair{
		p("aaaaaa", 1, "2020年11月10日", "10 November 2020"),
		p("bbbbbb", 3, "2020年11月10日", "10 November 2020"),
		p("cccccc", 5, "2020年11月10日", "November 10, 2020"),
	}}
	ps := Run(in, nil)
	if len(ps) != 1 || ps[0].ID != "cccccc" || ps[0].Check != Consistency || !strings.Contains(ps[0].Message, "sources/t.txt:1 aaaaaa") {
		t.Errorf("problems %v", ps)
	}
	g := &Glossary{Path: "g.toml", Terms: []Term{{Source: "信息通信技术", Required: []string{"ICT*", "information and communication technologies"}}}}
	in = Input{SourceLang: "zh-Hans", Locale: "en", Glossary: g, Pairs: []Pair{
		p("aaaaaa", 1, "信息通信技术的发展", "the development of ICTs"),
		p("bbbbbb", 3, "利用信息通信技术", "the use of ICTs"),
		p("cccccc", 5, "信息通信技术合作", "cooperation on information and communication technologies"),
	}}
	ps = Run(in, nil)
	if len(ps) != 1 || ps[0].ID != "cccccc" || !strings.Contains(ps[0].Message, "2 other segments use “ICT*”") {
		t.Errorf("problems %v", ps)
	}
}

func TestSeveritiesFromTheConfiguration(t *testing.T) {
	sev, err := ParseSeverities(map[string]string{"numbers": "warning", "length": "off"})
	if err != nil {
		t.Fatal(err)
	}
	if sev.Of(Numbers) != Warning || sev.Of(Length) != Off || sev.Of(Dates) != Error || sev.Of(Source) != Warning {
		t.Errorf("severities %v", sev)
	}
	in := Input{SourceLang: "zh-Hans", Locale: "en", Pairs: []Pair{{Path: "p", Seg: align.Segment{ID: "a", Text: "第1624号决议"}, Target: "resolution 1642"}}}
	if ps := Run(in, sev); len(ps) != 1 || ps[0].Severity != Warning {
		t.Errorf("problems %v", ps)
	}
	if ps := Run(in, Severities{Numbers: Off}); len(ps) != 0 {
		t.Errorf("numbers off: %v", ps)
	}
	for _, bad := range []map[string]string{{"nosuch": "error"}, {"numbers": "fatal"}} {
		if _, err := ParseSeverities(bad); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}
