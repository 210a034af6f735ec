// Package apparatus holds the words verso itself puts into an edition or a
// workbook, as opposed to the text it publishes: page footers, draft marks,
// placeholders, instructions. They live in go-i18n message files, one per
// language under locales/ (embedded in the binary), with CLDR plural rules,
// so a new language is a new file, translated like any other go-i18n
// catalogue.
//
// English is the fallback: a language verso has no file for gets English
// (message by message where a file lacks a message), and [Words.Known]
// tells the caller, which says so to the user.
package apparatus

import (
	"embed"
	"sync"

	"verso/align/msgfile"
)

//go:embed locales/*.toml
var files embed.FS

// Fallback is the language of the words used when a language has none.
const Fallback = "en"

var (
	once    sync.Once
	catalog *msgfile.Catalog
	loadErr error
)

func load() (*msgfile.Catalog, error) {
	once.Do(func() { catalog, loadErr = msgfile.LoadCatalog(files, "locales", Fallback) })
	return catalog, loadErr
}

// Words are verso's words in one language.
type Words struct {
	lang  string
	known bool
	loc   *msgfile.Localizer
}

// For returns the words in lang. The embedded files are checked by the
// package's tests, so For fails only on a broken build.
func For(lang string) *Words {
	c, err := load()
	if err != nil {
		panic("apparatus: embedded message files: " + err.Error())
	}
	return &Words{lang: lang, known: c.Has(lang), loc: c.Localizer(lang)}
}

// Languages lists the languages verso has words in.
func Languages() []string {
	c, err := load()
	if err != nil {
		return nil
	}
	return c.Languages()
}

// Lang is the language the words were asked for.
func (w *Words) Lang() string { return w.lang }

// Known reports whether verso has words in the language; when not, they
// are English.
func (w *Words) Known() bool { return w.known }

// PageOf is the page footer: "page 3 of 15".
func (w *Words) PageOf(page, pages int) string {
	return w.loc.T("PageOf", nil, map[string]any{"Page": page, "Pages": pages})
}

// Draft is the running mark of a reviewer's draft.
func (w *Words) Draft() string { return w.loc.T("Draft", nil, nil) }

// Missing is the placeholder of a segment without translation; a draft
// shows the segment's ID.
func (w *Words) Missing(id string) string {
	if id == "" {
		return w.loc.T("MissingTranslation", nil, nil)
	}
	return w.loc.T("MissingTranslationID", nil, map[string]any{"ID": id})
}

// Outdated is the placeholder of a translation whose source changed; a
// draft shows the segment's ID, before the outdated translation.
func (w *Words) Outdated(id string) string {
	if id == "" {
		return w.loc.T("OutdatedTranslation", nil, nil)
	}
	return w.loc.T("OutdatedTranslationID", nil, map[string]any{"ID": id})
}

// Placeholders counts placeholders: "1 placeholder", "5 placeholders".
func (w *Words) Placeholders(n int) string { return w.loc.T("Placeholders", n, nil) }

// Say returns message id filled from data, for the words that have no
// method of their own (the workbook's instructions and column guide: see
// locales/en.toml for the IDs).
func (w *Words) Say(id string, data map[string]any) string { return w.loc.T(id, nil, data) }
