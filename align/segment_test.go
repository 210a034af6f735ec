package align

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// parseSeed parses the seed source.
func parseSeed(t *testing.T) *Document {
	t.Helper()
	src, err := os.ReadFile("../sources/sco-2020-statements.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse("sources/sco-2020-statements.txt", "zh-Hans", src)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestParseSeedKinds(t *testing.T) {
	src, err := os.ReadFile("../sources/sco-2020-statements.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc := parseSeed(t)
	got := map[Kind]int{}
	for _, s := range doc.Segments {
		got[s.Kind]++
	}
	want := map[Kind]int{KindTitle: 1, KindHeading: 6, KindParagraph: 64, KindItem: 3, KindDate: 6, KindNote: 6}
	for k := range want {
		if got[k] != want[k] {
			t.Errorf("%s: got %d segments, want %d", k, got[k], want[k])
		}
	}
	if n := len(doc.Sections()); n != 7 {
		t.Errorf("got %d sections, want front matter and 6 statements", n)
	}
	// The seed has an NBSP-indented title and trailing NBSPs after a note:
	// texts are trimmed of both.
	for _, s := range doc.Segments {
		if s.Text != trim(s.Text) {
			t.Errorf("line %d: text %q is not trimmed", s.Line, s.Text)
		}
		if !strings.Contains(string(src), s.Text) {
			t.Errorf("line %d: text %q is not as written in the source", s.Line, s.Text)
		}
	}
	if s := doc.Segments[len(doc.Segments)-1]; s.Kind != KindNote || s.Line != 171 {
		t.Errorf("last segment: %s on line %d, want the note on line 171", s.Kind, s.Line)
	}
}

func TestParseTextClassifies(t *testing.T) {
	src := "Annual Report\n\nIntroduction\n\nThis is a paragraph\nwrapped over two lines.\n\n" +
		"We propose:\n- one\n- two\n  continued\n\n1. first\n2. second\n\n10 November 2020\n\n(Reuters, London)\n\n" +
		"一九七一年二月十日\n\n November 10, 2020 \n\n10 ноября 2020 года\n\n•要点\n\n（注释）\n"
	doc, err := Parse("x.txt", "en", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	checkSegments(t, doc, []wantSegment{
		{KindTitle, 1, "Annual Report"},
		{KindHeading, 3, "Introduction"},
		{KindParagraph, 5, "This is a paragraph\nwrapped over two lines."},
		{KindParagraph, 8, "We propose:"},
		{KindItem, 9, "- one"},
		{KindItem, 10, "- two\n  continued"},
		{KindItem, 13, "1. first"},
		{KindItem, 14, "2. second"},
		{KindDate, 16, "10 November 2020"},
		{KindNote, 18, "(Reuters, London)"},
		{KindDate, 20, "一九七一年二月十日"},
		{KindDate, 22, "November 10, 2020"},
		{KindDate, 24, "10 ноября 2020 года"},
		{KindItem, 26, "•要点"},
		{KindNote, 28, "（注释）"},
	})
}

type wantSegment struct {
	kind Kind
	line int
	text string
}

// checkSegments compares a document's segments with the expected ones.
func checkSegments(t *testing.T, doc *Document, want []wantSegment) {
	t.Helper()
	if len(doc.Segments) != len(want) {
		for _, s := range doc.Segments {
			t.Logf("%d %s %q", s.Line, s.Kind, s.Text)
		}
		t.Fatalf("got %d segments, want %d", len(doc.Segments), len(want))
	}
	for i, w := range want {
		s := doc.Segments[i]
		if s.Kind != w.kind || s.Line != w.line || s.Text != w.text {
			t.Errorf("segment %d: got %s line %d %q, want %s line %d %q", i, s.Kind, s.Line, s.Text, w.kind, w.line, w.text)
		}
	}
}

func TestParseMarkdown(t *testing.T) {
	src := "# 标题\n\n## 第一节\n\n第一段，\n跨两行。\n\n- 条目一\n- 条目二\n\n> 引文段落。\n\n```\ncode is skipped\n```\n\n2020年11月10日\n\n(新华社)\n\n1. 编号条目\n"
	doc, err := Parse("x.md", "zh", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	checkSegments(t, doc, []wantSegment{
		{KindTitle, 1, "标题"},
		{KindHeading, 3, "第一节"},
		{KindParagraph, 5, "第一段，\n跨两行。"},
		{KindItem, 8, "条目一"},
		{KindItem, 9, "条目二"},
		{KindParagraph, 11, "引文段落。"},
		{KindDate, 17, "2020年11月10日"},
		{KindNote, 19, "(新华社)"},
		{KindItem, 21, "编号条目"},
	})
}

func TestParseRejects(t *testing.T) {
	_, err := Parse("sources/gbk.txt", "zh", []byte("第一行\n\n\xb5\xda\xd2\xbb\n"))
	var pe *PosError
	if !errors.As(err, &pe) || !errors.Is(err, ErrNotUTF8) || pe.Line != 3 {
		t.Fatalf("non-UTF-8 source: got %v, want ErrNotUTF8 at line 3", err)
	}
	if !strings.Contains(err.Error(), "sources/gbk.txt:3:1:") || !strings.Contains(err.Error(), "iconv") {
		t.Errorf("error %q does not name the place and the fix", err)
	}
	if _, err := Parse("notes.docx", "zh", []byte("x")); !errors.Is(err, ErrFormat) {
		t.Errorf("unknown extension: got %v, want ErrFormat", err)
	}
}

func TestNormalizeAndHash(t *testing.T) {
	a := "\u00a0\u00a0上海 合作\r\n组织\u3000 "
	b := "上海 合作组织"
	if Normalize(a) != b {
		t.Errorf("Normalize(%q) = %q, want %q", a, Normalize(a), b)
	}
	if Hash(a) != Hash(b) {
		t.Error("whitespace-only difference changed the hash")
	}
	// Chinese wrapped over lines joins without spaces; Latin text gets one.
	for in, want := range map[string]string{
		"我们向所有奋斗在抗击\n新冠肺炎疫情一线的各国":    "我们向所有奋斗在抗击新冠肺炎疫情一线的各国",
		"我们,\r\n  上海合作组织":            "我们,上海合作组织",
		"2020年\n11月":                 "2020年11月",
		"the leaders\nof the States": "the leaders of the States",
		"中文 English":                 "中文 English",
	} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
	// The goi18n merge hash of a message with empty description and this text.
	if got, want := Hash("hello"), "sha1-aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d"; got != want {
		t.Errorf("Hash(hello) = %s, want %s", got, want)
	}
}

func FuzzParseText(f *testing.F) {
	f.Add([]byte("标题\n\n——条目\n\n2020年11月10日\n\n(注)\n"))
	f.Add([]byte("\ufeffa\r\nb\r\n\r\n- c\n1. d"))
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := Parse("f.txt", "zh", src)
		if err != nil {
			return
		}
		for _, s := range doc.Segments {
			if s.Text == "" || s.Line < 1 || trim(s.Text) != s.Text {
				t.Fatalf("bad segment %+v", s)
			}
		}
	})
}

func FuzzParseMarkdown(f *testing.F) {
	f.Add([]byte("# t\n\n## h\n\npara\n\n- a\n- b\n\n> q\n"))
	f.Add([]byte(structuredMarkdown))
	f.Add([]byte("---\na: b\n---\n| a |\n|---|\n| b |\n\n[^1]: n\n\n```\nx\n```\n- [ ] t\n3) x\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := Parse("f.md", "zh", src)
		if err != nil {
			return
		}
		lines := strings.Count(strings.ReplaceAll(strings.ReplaceAll(string(src), "\r\n", "\n"), "\r", "\n"), "\n") + 1
		for i, s := range doc.Segments {
			if s.Text == "" || s.Line < 1 || s.Line > lines || (i > 0 && s.Line < doc.Segments[i-1].Line) {
				t.Fatalf("bad segment %+v", s)
			}
			if s.Kind == KindHeading && (s.Level < 1 || s.Level > 6) || s.Kind == KindCell && s.Cell == nil {
				t.Fatalf("bad structure %+v", s)
			}
			s.Context()
		}
		for _, k := range doc.Skipped {
			if k.Line < 1 || k.End < k.Line || k.End > lines || k.What == "" || k.Why == "" {
				t.Fatalf("bad skip %+v", k)
			}
		}
		doc.Outline()
	})
}

func TestScript(t *testing.T) {
	cases := []struct{ text, lang, want string }{
		{"We, the leaders (2020)", "en", "Latn"},
		{"Мы, руководители государств", "ru", "Cyrl"},
		{"我们,上海合作组织成员国领导人", "zh-Hans", "Hani"},
		{"上海協力機構の首脳", "ja", "Hani"},
		{"2020 — 11", "en", ""},
	}
	for _, c := range cases {
		got := Script([]Segment{{Text: c.text}})
		if got != c.want {
			t.Errorf("Script(%q) = %q, want %q", c.text, got, c.want)
		}
		if c.want != "" && ExpectedScript(c.lang) != c.want {
			t.Errorf("ExpectedScript(%s) = %q, want %q", c.lang, ExpectedScript(c.lang), c.want)
		}
	}
}

// A link's URL is no evidence of the script a translation is written in:
// only the text that prints counts.
func TestTextScriptMismatchIgnoresURLs(t *testing.T) {
	text := "См. [заявление](https://www.example.org/documents/statements/the-council-of-heads-of-state-on-countering-the-drug-threat-2020)."
	if got, _ := ScriptMismatch("ru", []Segment{{Text: text}}); got != "Latn" {
		t.Fatalf("the raw text reads as %q; the test needs a URL that outweighs the words", got)
	}
	if got, want := TextScriptMismatch("ru", FormatMarkdown, text); got != "" {
		t.Errorf("TextScriptMismatch = %q, %q; want no mismatch", got, want)
	}
	if got, _ := TextScriptMismatch("ru", FormatMarkdown, "See [the statement](https://example.org/s)."); got != "Latn" {
		t.Errorf("an English text in the Russian file: %q, want Latn", got)
	}
}

// TestParseRefusesHugeSegment is issue 10, case 10: a block over
// MaxSegmentBytes is refused at its line, with the limit; one at the limit
// is a segment.
func TestParseRefusesHugeSegment(t *testing.T) {
	para := strings.Repeat("我们强调加强合作。", MaxSegmentBytes/27+1) // 27 bytes each
	_, err := Parse("sources/big.txt", "zh", []byte("标题\n\n第一段。\n\n"+para+"\n"))
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 1 || list[0].Line != 5 || !errors.Is(err, ErrTooLong) ||
		!strings.Contains(err.Error(), "more than verso's limit of 1048576 (1 MiB)") {
		t.Fatalf("got %v", err)
	}
	doc, err := Parse("sources/big.md", "zh", []byte("# 标题\n\n"+para[:MaxSegmentBytes/27*27]+"\n"))
	if err != nil || len(doc.Segments) != 2 {
		t.Fatalf("a segment at the limit: %v", err)
	}
}

// HasText agrees with Normalize on blank and non-blank texts, its fast
// path included.
func TestHasText(t *testing.T) {
	for _, s := range []string{"", " ", "\u3000\n\t", "\u00a0", "a", " a", "\u3000中", "中", "\x7f", "—", "1", "\u200b"} {
		if got, want := HasText(s), Normalize(s) != ""; got != want {
			t.Errorf("HasText(%q) = %v, Normalize gives %q", s, got, Normalize(s))
		}
	}
}
