package qa

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"verso/align"
	"verso/internal/testenv"
)

func TestParseTBX(t *testing.T) {
	data, err := os.ReadFile("testdata/sco.tbx")
	if err != nil {
		t.Fatal(err)
	}
	res, err := ParseTBX("sco.tbx", data, "zh-Hans", "en-GB")
	if err != nil {
		t.Fatal(err)
	}
	g := res.Glossary
	if res.Entries != 3 || res.Skipped != 1 || len(g.Terms) != 2 {
		t.Fatalf("%s: %+v", res, g.Terms)
	}
	sco := g.Terms[0]
	if sco.Source != "上海合作组织" || !slices.Equal(sco.Required, []string{"Shanghai Cooperation Organisation"}) ||
		!slices.Equal(sco.Forbidden, []string{"Shanghai Cooperation Organization"}) {
		t.Errorf("term %+v", sco)
	}
	if abbr := g.Terms[1]; abbr.Source != "上合组织" || !slices.Equal(abbr.Required, []string{"SCO"}) || abbr.Note != "the abbreviation, after the first mention" {
		t.Errorf("term %+v", abbr)
	}
	// en-US is not en-GB; ru has only the first entry.
	if res, _ := ParseTBX("sco.tbx", data, "zh", "en-US"); len(res.Glossary.Terms) != 1 || res.Glossary.Terms[0].Source != "上合组织" {
		t.Errorf("en-US: %+v", res.Glossary.Terms)
	}
	if res, _ := ParseTBX("sco.tbx", data, "zh", "ru"); len(res.Glossary.Terms) != 1 {
		t.Errorf("ru: %+v", res.Glossary.Terms)
	}
	// The glossary it makes is one verso reads back.
	if _, err := ParseGlossary("glossary/en.toml", g.Format()); err != nil {
		t.Errorf("%v\n%s", err, g.Format())
	}
}

func TestParseTBX3(t *testing.T) {
	data, err := os.ReadFile("testdata/sco-v3.tbx")
	if err != nil {
		t.Fatal(err)
	}
	res, err := ParseTBX("sco-v3.tbx", data, "zh-Hans", "en")
	if err != nil {
		t.Fatal(err)
	}
	if g := res.Glossary; len(g.Terms) != 1 || !slices.Equal(g.Terms[0].Forbidden, []string{"World Health Organisation"}) {
		t.Errorf("%+v", res.Glossary.Terms)
	}
}

// TestParseTBXFromTranslateToolkit reads the TBX that translate-toolkit's
// csv2tbx writes (source terms as "en", target terms as "xx").
func TestParseTBXFromTranslateToolkit(t *testing.T) {
	csv2tbx := testenv.Command(t, "csv2tbx", "translate-toolkit")
	dir := t.TempDir()
	csv := filepath.Join(dir, "terms.csv")
	os.WriteFile(csv, []byte("\"source\",\"target\"\n\"上海合作组织\",\"Shanghai Cooperation Organisation\"\n\"联合国\",\"United Nations\"\n"), 0o644)
	out := filepath.Join(dir, "terms.tbx")
	if b, err := exec.Command(csv2tbx, csv, out).CombinedOutput(); err != nil {
		t.Fatalf("csv2tbx: %v\n%s", err, b)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	res, err := ParseTBX("terms.tbx", data, "en", "xx")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Glossary.Terms) != 2 || res.Glossary.Terms[1].Source != "联合国" || res.Glossary.Terms[1].Required[0] != "United Nations" {
		t.Errorf("%+v", res.Glossary.Terms)
	}
}

func TestParseTBXRefusesBadInput(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"not XML", "<martif><text>", "t.tbx:1: not a readable TBX file"},
		{"not TBX", "<html></html>", "root element <html>"},
		{"empty", "", "empty file"},
		{"external entity", `<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]><martif><text><body><termEntry><langSet xml:lang="zh"><tig><term>&x;</term></tig></langSet></termEntry></body></text></martif>`, "declares entities"},
		{"billion laughs", `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><martif>&lol2;</martif>`, "declares entities"},
		{"undeclared entity", `<martif><text>&nbsp;</text></martif>`, "not a readable TBX file"},
		{"truncated", "<martif><text><body><termEntry><langSet xml:lang=\"zh\"><tig><term>上海", "not a readable TBX file"},
	}
	for _, tt := range tests {
		_, err := ParseTBX("t.tbx", []byte(tt.data), "zh", "en")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
}

func FuzzParseTBX(f *testing.F) {
	for _, p := range []string{"testdata/sco.tbx", "testdata/sco-v3.tbx"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`<martif><text><body><termEntry><langSet lang="zh"><term>a</term></langSet><langSet lang="en"><term>b</term></langSet></termEntry></body></text></martif>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := ParseTBX("f.tbx", data, "zh", "en")
		if err != nil {
			return
		}
		// What it reads, verso can write and read back, unless a term is
		// one the glossary refuses (empty, or both required and forbidden).
		if g, err := ParseGlossary("g.toml", res.Glossary.Format()); err == nil && len(g.Terms) > len(res.Glossary.Terms) {
			t.Errorf("%d terms read back from %d", len(g.Terms), len(res.Glossary.Terms))
		}
	})
}

func FuzzParseGlossary(f *testing.F) {
	f.Add([]byte("[[term]]\nsource = \"上合组织\"\nrequired = [\"SCO\"]\nforbidden = [\"S.C.O.\"]\n"))
	f.Add([]byte("[[term]]\nsource = \"a\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := ParseGlossary("g.toml", data)
		if err != nil {
			return
		}
		back, err := ParseGlossary("g.toml", g.Format())
		if err != nil || len(back.Terms) != len(g.Terms) {
			t.Fatalf("formatted glossary does not read back: %v\n%s", err, g.Format())
		}
		// Matching never panics on any text.
		x := newGlossIndex(g)
		x.check("上合组织 a b", "SCO a b", func(Check, string, ...any) {})
	})
}

func FuzzLint(f *testing.F) {
	f.Add("我们,上海合作组织成员国领导人,强调:", ".txt")
	f.Add("(新华社莫斯科11月10日电)\u00a0 ", ".txt")
	f.Add("见[网站](https://example.org/a,b)。`a, b`", ".md")
	f.Fuzz(func(t *testing.T, text, ext string) {
		if ext != ".md" {
			ext = ".txt"
		}
		doc, err := align.Parse("f"+ext, "zh-Hans", []byte(text))
		if err != nil {
			return
		}
		Lint(doc, []byte(text))
		fixed, _ := Fix(doc, []byte(text))
		// A fix never adds or removes a blank line.
		if strings.Count(string(fixed), "\n") != strings.Count(text, "\n") {
			t.Errorf("lines changed: %q -> %q", text, fixed)
		}
	})
}
