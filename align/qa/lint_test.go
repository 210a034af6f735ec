package qa

import (
	"os"
	"strings"
	"testing"

	"verso/align"
)

func parseDoc(t testing.TB, path string, data []byte) *align.Document {
	t.Helper()
	doc, err := align.Parse(path, "zh-Hans", data)
	if err != nil {
		t.Fatal(err)
	}
	for i := range doc.Segments {
		doc.Segments[i].ID = "s" + strings.Repeat("0", 4) + string(rune('a'+i%26))
	}
	return doc
}

func TestLintLines(t *testing.T) {
	tests := []struct {
		path, text string
		want       []string // rules found, in order
		fixed      string
	}{
		{"a.txt", "我们,上海合作组织成员国领导人,强调:", []string{"ASCII “,”", "ASCII “:”"}, "我们，上海合作组织成员国领导人，强调："},
		{"a.txt", "(新华社莫斯科11月10日电)", []string{"ASCII “(”", "ASCII “)”"}, "（新华社莫斯科11月10日电）"},
		{"a.txt", "(新华社莫斯科11月10日电)\u00a0\u00a0", []string{"ASCII “(”", "ASCII “)”", "trailing no-break space"}, "（新华社莫斯科11月10日电）"},
		{"a.txt", "重大\u00a0传染性疾病, Co.\u00a0Ltd", []string{"no-break space (U+00A0) (2 times", "ASCII “,”"}, "重大传染性疾病，Co. Ltd"},
		{"a.txt", "  上海合作组织", []string{"leading spaces"}, "上海合作组织"},
		{"a.txt", "上海合作组织。  ", []string{"trailing spaces"}, "上海合作组织。"},
		{"a.txt", "重大  传染性疾病。", []string{"doubled spaces"}, "重大传染性疾病。"},
		{"a.txt", "重大 传染性疾病。", []string{"space between Chinese"}, "重大传染性疾病。"},
		{"a.txt", "共有1,000人,10:30开会。", []string{"ASCII “,”"}, "共有1,000人，10:30开会。"},
		{"a.txt", "The parties, in 2020 (today), agree.", nil, "The parties, in 2020 (today), agree."},
		{"a.md", "见[网站](https://example.org/a,b)。", nil, "见[网站](https://example.org/a,b)。"},
		{"a.md", "运行`a, b`,然后", []string{"ASCII “,”"}, "运行`a, b`，然后"},
		{"a.md", "[^1]: 本注释说明来源。", nil, "[^1]: 本注释说明来源。"},
		{"a.md", "3) 双方同意(见附件)。", []string{"ASCII “(”", "ASCII “)”"}, "3) 双方同意（见附件）。"},
	}
	for _, tt := range tests {
		doc := parseDoc(t, tt.path, []byte(tt.text+"\n"))
		ps := Lint(doc, []byte(tt.text+"\n"))
		var got []string
		for _, p := range ps {
			got = append(got, p.Message)
		}
		if len(got) != len(tt.want) {
			t.Errorf("%q: %q, want %q", tt.text, got, tt.want)
			continue
		}
		for i := range got {
			if !strings.HasPrefix(got[i], tt.want[i]) {
				t.Errorf("%q: %q, want %q", tt.text, got, tt.want)
			}
		}
		fixed, _ := Fix(doc, []byte(tt.text+"\n"))
		if string(fixed) != tt.fixed+"\n" {
			t.Errorf("Fix(%q) = %q, want %q", tt.text, fixed, tt.fixed)
		}
	}
}

// TestFixTheSeed: fixing the seed leaves nothing to lint, changes no
// segmentation, and a second fix changes nothing.
func TestFixTheSeed(t *testing.T) {
	data, err := os.ReadFile("../../sources/sco-2020-statements.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc := parseDoc(t, "sources/sco-2020-statements.txt", data)
	if len(Lint(doc, data)) == 0 {
		t.Fatal("the seed has ASCII commas in Chinese text; lint found none")
	}
	fixed, n := Fix(doc, data)
	if n == 0 {
		t.Fatal("no fixes")
	}
	doc2 := parseDoc(t, doc.Path, fixed)
	if len(doc2.Segments) != len(doc.Segments) {
		t.Fatalf("%d segments after the fix, %d before", len(doc2.Segments), len(doc.Segments))
	}
	for i, s := range doc2.Segments {
		if s.Kind != doc.Segments[i].Kind || s.Line != doc.Segments[i].Line {
			t.Errorf("segment %d: %s at %d, was %s at %d", i, s.Kind, s.Line, doc.Segments[i].Kind, doc.Segments[i].Line)
		}
	}
	if ps := Lint(doc2, fixed); len(ps) > 0 {
		t.Errorf("problems left after the fix: %v", ps)
	}
	if again, n := Fix(doc2, fixed); n != 0 || string(again) != string(fixed) {
		t.Errorf("a second fix made %d changes", n)
	}
}
