package msgfile

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Catalog holds a program's own user-interface messages in several
// languages, read from go-i18n message files named <lang>.toml, with
// go-i18n's plural rules (CLDR) and templates. Unlike translation files,
// whose text is never run as a template, a catalog's messages are
// templates: "page {{.Page}} of {{.Pages}}".
type Catalog struct {
	bundle *i18n.Bundle
	langs  []string // the languages of the files read, sorted
}

// LoadCatalog reads every <lang>.toml file of dir in fsys into a catalog
// whose fallback language is fallback (one of the files). A file that does
// not parse is an error naming it.
func LoadCatalog(fsys fs.FS, dir, fallback string) (*Catalog, error) {
	b := i18n.NewBundle(language.Make(fallback))
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	c := &Catalog{bundle: b}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), Ext) {
			continue
		}
		p := path.Join(dir, e.Name())
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, err
		}
		if _, err := b.ParseMessageFileBytes(data, p); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		c.langs = append(c.langs, strings.TrimSuffix(e.Name(), Ext))
	}
	if !slices.Contains(c.langs, fallback) {
		return nil, fmt.Errorf("%s: no %s%s for the fallback language", dir, fallback, Ext)
	}
	slices.Sort(c.langs)
	return c, nil
}

// Languages lists the languages the catalog has files for.
func (c *Catalog) Languages() []string { return slices.Clone(c.langs) }

// Has reports whether the catalog has messages in lang or in a language
// lang falls back to by go-i18n's matching (zh-Hans-CN to zh-Hans, fr-CA to
// fr), as opposed to the fallback language.
func (c *Catalog) Has(lang string) bool {
	tags := make([]language.Tag, len(c.langs))
	for i, l := range c.langs {
		tags[i] = language.Make(l)
	}
	_, _, conf := language.NewMatcher(tags).Match(language.Make(lang))
	return conf >= language.High
}

// Localizer returns the messages in lang, falling back to the catalog's
// fallback language message by message.
func (c *Catalog) Localizer(lang string) *Localizer {
	return &Localizer{l: i18n.NewLocalizer(c.bundle, lang)}
}

// Localizer gives a catalog's messages in one language.
type Localizer struct{ l *i18n.Localizer }

// T returns message id with its template filled from data; count, when not
// nil, chooses the plural form and is available as {{.Count}}. A message
// missing from every language is returned as its ID in brackets, so that a
// gap shows and nothing panics.
func (l *Localizer) T(id string, count any, data map[string]any) string {
	cfg := &i18n.LocalizeConfig{MessageID: id, TemplateData: data}
	if count != nil {
		cfg.PluralCount = count
		if data == nil {
			cfg.TemplateData = map[string]any{"Count": count}
		} else if _, ok := data["Count"]; !ok {
			data["Count"] = count
		}
	}
	s, err := l.l.Localize(cfg)
	if err != nil && s == "" {
		return "[" + id + "]"
	}
	return s
}
