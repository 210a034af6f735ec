package project

import (
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
	if err == nil || !strings.HasPrefix(err.Error(), `verso.toml:3: required: incompatible types`) {
		t.Errorf("got %v", err)
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
