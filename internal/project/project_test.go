package project

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestDefaultConfigWithoutFile(t *testing.T) {
	cfg, err := LoadConfig(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cfg, DefaultConfig()) {
		t.Errorf("got %+v, want the defaults", cfg)
	}
}

func TestConfigKeysAndLines(t *testing.T) {
	dir := t.TempDir()
	src := "source_language = \"zh-Hans\"\nlocales = [\"en\", \"ru\"]\nrequired = [\"en\"]\n\n[publish]\npaper = \"Letter\"\n\n[publish.fonts]\ncjk = \"fonts/x.ttc\"\nemoji = \"y.ttf\"\n"
	if err := os.WriteFile(filepath.Join(dir, ConfigFile), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadConfig(dir)
	if err == nil || err.Error() != `verso.toml:10: font script "emoji": use cjk or latin` {
		t.Fatalf("got %v", err)
	}
	os.WriteFile(filepath.Join(dir, ConfigFile), []byte(strings.Replace(src, "emoji = \"y.ttf\"\n", "", 1)), 0o644)
	cfg, err := LoadConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.IsRequired("en") || cfg.IsRequired("ru") || cfg.Publish.Paper != "Letter" || cfg.Publish.Fonts["cjk"] != "fonts/x.ttc" || cfg.Sources != "sources" {
		t.Errorf("got %+v", cfg)
	}
}

func TestConfigRefusesNonCanonicalTags(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ConfigFile), []byte("source_language = \"zh_Hans\"\nlocales = [\"en\", \"pt-br\", \"xx-!\"]\n"), 0o644)
	_, err := LoadConfig(dir)
	want := "verso.toml:1: source_language \"zh_Hans\": write it as \"zh-Hans\", such as zh or zh-Hans\n" +
		"verso.toml:2: locale \"pt-br\": write it as \"pt-BR\", such as en or pt-BR\n" +
		"verso.toml:2: locale \"xx-!\" is not a BCP 47 language tag, such as en or pt-BR"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want\n%s", err, want)
	}
}

func TestConfigTypeErrorHasLine(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ConfigFile), []byte("source_language = \"zh\"\n\nrequired = \"en\"\n"), 0o644)
	_, err := LoadConfig(dir)
	if err == nil || err.Error() != `verso.toml:3: required must be a list of locales from locales, like ["en"]` {
		t.Errorf("got %v", err)
	}
}

// A syntax error at the end of a line is on that line, not the next
// (BurntSushi/toml's Position.Line counts the newline's line).
func TestConfigSyntaxErrorLine(t *testing.T) {
	for _, c := range []struct {
		data string
		line int
	}{
		{"source_language = \"zh\"\n[publish\nnew_page = \"auto\"\n", 2},
		{"source_language = \"zh\"\nlocales = \n", 2},
	} {
		_, err := ParseConfig([]byte(c.data))
		if want := fmt.Sprintf("verso.toml:%d: ", c.line); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: got %v, want %s...", c.data, err, want)
		}
	}
}

func TestWriteFilesReplacesAndLeavesNoTemporaries(t *testing.T) {
	dir := t.TempDir()
	files := []File{{Path: "translations/a.en.toml", Data: []byte("one")}, {Path: "sources/a.ids", Data: []byte("two")}}
	if err := WriteFiles(dir, files); err != nil {
		t.Fatal(err)
	}
	files[0].Data = []byte("three")
	if err := WriteFiles(dir, files[:1]); err != nil {
		t.Fatal(err)
	}
	// A target that cannot be replaced (a directory) fails before any
	// file is renamed: the other file keeps its old content.
	os.MkdirAll(filepath.Join(dir, "sources", "b.ids"), 0o755)
	err := WriteFiles(dir, []File{{Path: "translations/a.en.toml", Data: []byte("four")}, {Path: "sources/b.ids", Data: []byte("x")}})
	if err == nil {
		t.Fatal("writing over a directory succeeded")
	}
	got := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && d.Name() == ".verso" {
			return filepath.SkipDir // the lock
		}
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			got[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	want := map[string]string{"translations/a.en.toml": "three", "sources/a.ids": "two"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("files after the failed write: %v, want %v (no temporary files)", got, want)
	}
}

// TestConfigMessages is issue 10, case 11: type errors in the user's
// terms, an unclosed list on its own line, and a translations directory
// that is the sources directory.
func TestConfigMessages(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"source_language = \"zh\"\n\nlocales = \"en\"\n", `verso.toml:3: locales must be a list of language tags, like ["en", "ru"]`},
		{"required = 1\n", `verso.toml:1: required must be a list of locales from locales, like ["en"]`},
		{"[publish]\nauthor = 5\n", `verso.toml:2: publish.author must be text in quotes, like "Jane Doe"`},
		{"[publish]\nfonts = 3\n", `verso.toml:2: publish.fonts must be a table: a [publish.fonts] line followed by cjk = "/path/to/font.ttc" or latin = "…"`},
		{"publish = \"x\"\n", "verso.toml:1: publish must be a table: a [publish] line followed by its keys"},
		{"qa = 3\n", `verso.toml:1: qa must be a table: a [qa] line followed by check = "error", "warning" or "off"`},
		{"[qa]\nnumbers = 2\n", `verso.toml:2: qa.numbers must be "error", "warning" or "off"`},
		{"source_language = \"zh\"\n# a\n# b\n# c\nlocales = [\"en\",\n\n\nrequired = [\"en\"]\n", `verso.toml:5: the list of locales is not closed; end it with ], like locales = ["a", "b"]`},
		{"a = \"[\"\nlocales = [\"en\", # [\n  \"ru\"\n\nrequired = 3\n", `verso.toml:2: the list of locales is not closed; end it with ], like locales = ["a", "b"]`},
		{"translations = \"sources\"\n", `verso.toml:1: translations "sources" is the sources directory; keep translations in a directory of their own, like "translations"`},
		{"translations = \"./sources/tr\"\n", `verso.toml:1: translations "./sources/tr" is inside the sources directory "sources"; keep them apart, like sources = "sources" and translations = "translations"`},
		{"sources = \"translations/src\"\n", `verso.toml:1: sources "translations/src" is inside the translations directory "translations"; keep them apart, like sources = "sources" and translations = "translations"`},
	} {
		_, err := ParseConfig([]byte(c.src))
		if err == nil || err.Error() != c.want {
			t.Errorf("%q:\ngot  %v\nwant %s", c.src, err, c.want)
		}
	}
	if _, err := ParseConfig([]byte("sources = \"src\"\ntranslations = \"src-tr\"\n")); err != nil {
		t.Errorf("src and src-tr are apart: %v", err)
	}
}

func FuzzParseConfig(f *testing.F) {
	f.Add([]byte("locales = [\"en\",\n\nrequired = [\"en\"]\n"))
	f.Add([]byte("source_language = \"zh-Hans\"\n[publish]\npaper = 'A4'\n[publish.fonts]\ncjk = \"x\"\n"))
	f.Add([]byte("a = \"x\\\"[\"\nlocales = [[\"en\"]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := ParseConfig(data)
		if err == nil && (cfg.Sources == "" || cfg.Translations == "") {
			t.Fatalf("accepted empty directories: %+v", cfg)
		}
	})
}
