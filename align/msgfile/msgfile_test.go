package msgfile

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"verso/align"
)

var sample = []align.Translation{
	{ID: "k3fz9q", Hash: align.Hash("上海合作组织"), Text: "Shanghai Cooperation Organisation"},
	{ID: "a00000", Hash: align.Hash("二"), Text: "Hello, {{.Name}}: a \"quoted\" \\ back\\slash\tand tab"},
	{ID: "b11111", Hash: align.Hash("三"), Text: "line one\nline two with \"\"\" triple quotes\n"},
	{ID: "c22222", Hash: "", Text: "control \x01 char and emoji 𠮷"},
}

func TestMarshalLoadsWithGoI18nBundle(t *testing.T) {
	data := Marshal("sco-2020-statements → en", sample)
	bundle := i18n.NewBundle(language.Chinese)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	mf, err := bundle.ParseMessageFileBytes(data, "translations/sco-2020-statements.en.toml")
	if err != nil {
		t.Fatalf("go-i18n rejects the file: %v\n%s", err, data)
	}
	if mf.Tag != language.English {
		t.Errorf("go-i18n reads the locale as %v, want en", mf.Tag)
	}
	got := map[string]*i18n.Message{}
	for _, m := range mf.Messages {
		got[m.ID] = m
	}
	for _, want := range sample {
		m := got[want.ID]
		if m == nil || m.Other != want.Text || m.Hash != want.Hash {
			t.Errorf("%s: go-i18n read %+v, want other %q hash %q", want.ID, m, want.Text, want.Hash)
		}
	}
}

func TestParseRoundTripBothPaths(t *testing.T) {
	data := Marshal("header", sample)
	fast, ok := parseCanonical(string(data))
	if !ok {
		t.Fatal("the canonical reader does not accept Marshal's output")
	}
	slow, err := parseI18n("x.en.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("readers disagree:\nfast %+v\nslow %+v", fast, slow)
	}
	for i, tr := range fast {
		if tr.ID != sample[i].ID || tr.Text != sample[i].Text || tr.Hash != sample[i].Hash || tr.Line == 0 {
			t.Errorf("message %d: got %+v, want %+v", i, tr, sample[i])
		}
	}
	// Multi-line text stays readable: one source line per text line.
	if !strings.Contains(string(data), "other = \"\"\"\nline one\nline two") {
		t.Errorf("multi-line text is not written as a multi-line string:\n%s", data)
	}
}

func TestParseHandWrittenFile(t *testing.T) {
	src := "# a translator's file\n\"k3fz9q\" = \"short form\"\n\n[a00000]\nother = 'literal {{x}}'\nhash = \"sha1-1\"\n"
	trs, err := Parse("t/doc.en.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []align.Translation{
		{ID: "k3fz9q", Text: "short form", Line: 2},
		{ID: "a00000", Hash: "sha1-1", Text: "literal {{x}}", Line: 4},
	}
	if !reflect.DeepEqual(trs, want) {
		t.Errorf("got %+v, want %+v", trs, want)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"bad TOML", "[a00000]\nother = \"unterminated\n", "t/d.en.toml:2: invalid TOML"},
		{"duplicate table", "[a00000]\nother = \"x\"\n\n[a00000]\nother = \"y\"\n", "t/d.en.toml:4: invalid TOML"},
		{"unclosed table header", "[a00000\nother = \"x\"\n", "t/d.en.toml:1: invalid TOML"},
		{"bad ID", "[not-an-id]\nother = \"x\"\n", `t/d.en.toml:1: "not-an-id" is not a segment ID`},
		{"plural", "[a00000]\none = \"x\"\nother = \"y\"\n", "t/d.en.toml:1: message a00000 has plural forms"},
		{"unknown key", "[a00000]\nother = \"x\"\nreviewed = \"yes\"\n", `t/d.en.toml:3: unknown key "reviewed" in message a00000`},
		{"not UTF-8", "[a00000]\nother = \"\xff\"\n", "t/d.en.toml:2:10: not valid UTF-8"},
	}
	for _, c := range cases {
		_, err := Parse("t/d.en.toml", []byte(c.src))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}
}

func TestSplitName(t *testing.T) {
	doc, loc, err := SplitName("translations/sco-2020-statements.zh-Hant.toml")
	if err != nil || doc != "sco-2020-statements" || loc != "zh-Hant" {
		t.Errorf("got %q %q %v", doc, loc, err)
	}
	for _, bad := range []string{"x.toml", "x.en.json", "x.not_a_tag!.toml", ".en.toml"} {
		if _, _, err := SplitName(bad); !errors.Is(err, ErrName) {
			t.Errorf("SplitName(%q): got %v, want ErrName", bad, err)
		}
	}
}

// FuzzCanonicalMatchesGoI18n checks that the fast reader and go-i18n read
// every file Marshal writes alike, and that any input either parses or fails
// cleanly.
func FuzzCanonicalMatchesGoI18n(f *testing.F) {
	f.Add("Hello", "sha1-x", []byte("[a00000]\nother = \"x\"\n"))
	f.Add("a\nb\\\"c\"\"\"", "", []byte("x = 1"))
	f.Fuzz(func(t *testing.T, text, hash string, raw []byte) {
		Parse("f.en.toml", raw) // must not panic
		if align.Normalize(text) == "" || !utf8.ValidString(text) || !utf8.ValidString(hash) {
			return
		}
		data := Marshal("", []align.Translation{{ID: "a00000", Hash: hash, Text: text}})
		fast, ok := parseCanonical(string(data))
		slow, err := parseI18n("f.en.toml", data)
		if err != nil {
			t.Fatalf("go-i18n rejects Marshal's output: %v\n%q", err, data)
		}
		if ok && !reflect.DeepEqual(fast, slow) {
			t.Fatalf("readers disagree on %q:\nfast %+v\nslow %+v", data, fast, slow)
		}
		if slow[0].Text != text {
			t.Fatalf("text %q came back as %q", text, slow[0].Text)
		}
	})
}

// TestRepositoryFilesLoadWithGoI18nBundle loads this repository's own
// translation files the way a go-i18n application would.
func TestRepositoryFilesLoadWithGoI18nBundle(t *testing.T) {
	files, _ := filepath.Glob("../../translations/*.toml")
	if len(files) == 0 {
		t.Fatal("no translation files found")
	}
	bundle := i18n.NewBundle(language.Chinese)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	for _, f := range files {
		mf, err := bundle.LoadMessageFile(f)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		_, locale, _ := SplitName(f)
		if mf.Tag.String() != locale || len(mf.Messages) == 0 {
			t.Errorf("%s: go-i18n read locale %v with %d messages", f, mf.Tag, len(mf.Messages))
		}
	}
}
