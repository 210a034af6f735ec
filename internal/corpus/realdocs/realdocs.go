// Package realdocs is a corpus of real Markdown documents that nobody on
// the project wrote, for tests: README files from npm packages and one
// document from a Debian package, in Chinese
// and English, with heading levels, inline markup, lists, nested lists,
// tables, footnotes, block quotes, code, HTML and link definitions. Each
// sits in docs/<name>/ with its licence (all are MIT) and a SOURCE file
// naming the package, version and file it was taken from.
package realdocs

import (
	"path/filepath"
	"runtime"
)

// Doc is one document of the corpus.
type Doc struct {
	Name string // document name: the file is Name + ".md"
	Lang string // BCP 47 language of the document
	Path string // absolute path of the Markdown file
}

// docs lists the corpus with the language of each document.
var docs = []struct{ name, lang string }{
	{"egg-zh", "zh-Hans"},     // egg: headings, lists, links, code, HTML
	{"g2-zh", "zh-Hans"},      // @antv/g2: HTML blocks, badges, images, bold items, code
	{"pinyin-pro", "zh-Hans"}, // pinyin-pro: Chinese prose, code, nested lists, badges
	{"vant", "en"},            // vant: tables with links, HTML, emoji headings
	{"remark-gfm", "en"},      // remark-gfm: tables, task lists, footnotes, reference links
	{"node-building", "en"},   // Node.js BUILDING.md (Debian's nodejs): tables with footnote references, footnote definitions
	{"gfm-footnote", "en"},    // micromark-extension-gfm-footnote: footnote definitions, nested blocks
}

// All returns the documents of the corpus, in a fixed order. The paths
// point into the module's source tree, so they exist wherever the tests
// run.
func All() []Doc {
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "docs")
	out := make([]Doc, len(docs))
	for i, d := range docs {
		out[i] = Doc{Name: d.name, Lang: d.lang, Path: filepath.Join(dir, d.name, d.name+".md")}
	}
	return out
}
