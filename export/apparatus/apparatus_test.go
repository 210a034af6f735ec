package apparatus

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestEveryLanguageHasEveryMessage reads the embedded files and checks that
// each language translates every English message, with the same template
// fields, and the plural forms its CLDR rules need.
func TestEveryLanguageHasEveryMessage(t *testing.T) {
	read := func(lang string) map[string]map[string]string {
		data, err := fs.ReadFile(files, "locales/"+lang+".toml")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]map[string]string
		if err := toml.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s.toml: %v", lang, err)
		}
		return m
	}
	field := regexp.MustCompile(`\{\{\.(\w+)\}\}`)
	fields := func(s string) string {
		var out []string
		for _, m := range field.FindAllStringSubmatch(s, -1) {
			out = append(out, m[1])
		}
		return strings.Join(out, ",")
	}
	en := read(Fallback)
	langs := Languages()
	for _, want := range []string{"en", "zh-Hans", "ru", "fr", "es"} {
		if !strings.Contains(" "+strings.Join(langs, " ")+" ", " "+want+" ") {
			t.Errorf("no words in %s: have %v", want, langs)
		}
	}
	for _, lang := range langs {
		m := read(lang)
		for id, msg := range en {
			got, ok := m[id]
			if !ok || got["other"] == "" {
				t.Errorf("%s.toml lacks %s", lang, id)
				continue
			}
			var enFields string
			for _, v := range msg {
				if f := fields(v); f != "" {
					enFields = f
				}
			}
			for form, v := range got {
				if form == "description" || form == "hash" {
					continue
				}
				if f := fields(v); f != "" && f != enFields && f != "Count" {
					t.Errorf("%s.toml %s.%s uses fields %s, English %s", lang, id, form, f, enFields)
				}
			}
		}
		for id := range m {
			if _, ok := en[id]; !ok {
				t.Errorf("%s.toml has %s, which English lacks", lang, id)
			}
		}
	}
}

func TestWords(t *testing.T) {
	for _, c := range []struct{ lang, got, want string }{
		{"en", For("en").PageOf(3, 15), "page 3 of 15"},
		{"zh-Hans", For("zh-Hans").PageOf(3, 15), "第 3 页，共 15 页"},
		{"ru", For("ru").PageOf(3, 15), "страница 3 из 15"},
		{"fr", For("fr").PageOf(3, 15), "page 3 sur 15"},
		{"es", For("es").PageOf(3, 15), "página 3 de 15"},
		{"ru 1", For("ru").Placeholders(1), "1 заполнитель"},
		{"ru 3", For("ru").Placeholders(3), "3 заполнителя"},
		{"ru 5", For("ru").Placeholders(5), "5 заполнителей"},
		{"ru 21", For("ru").Placeholders(21), "21 заполнитель"},
		{"en 1", For("en").Placeholders(1), "1 placeholder"},
		{"fr 0", For("fr").Placeholders(0), "0 espace réservé"},
		{"draft id", For("en").Missing("g5c219"), "[missing translation g5c219]"},
		{"region", For("zh-Hans-CN").Draft(), "草稿"},
		{"unknown", For("de").PageOf(1, 2), "page 1 of 2"},
	} {
		if c.got != c.want {
			t.Errorf("%s: %q, want %q", c.lang, c.got, c.want)
		}
	}
	if For("de").Known() || !For("fr-CA").Known() || !For("zh-Hans").Known() {
		t.Errorf("Known: de %v, fr-CA %v, zh-Hans %v", For("de").Known(), For("fr-CA").Known(), For("zh-Hans").Known())
	}
}

func TestWorkbookWords(t *testing.T) {
	if got, want := For("fr").Say("WorkbookTitle", map[string]any{"Source": "chinois", "Target": "français"}), "Classeur de révision verso : traduction du chinois vers le français"; got != want {
		t.Errorf("fr title %q, want %q", got, want)
	}
	if got := For("zh-Hans").Say("ColumnTranslation", nil); got != "译文" {
		t.Errorf("zh-Hans Translation column %q", got)
	}
	if got := For("de").Say("ColumnTranslation", nil); got != "Translation" {
		t.Errorf("de falls back to %q, want English", got)
	}
}
