package project

import (
	"errors"
	"os"
	"path"
	"path/filepath"

	"verso/align/qa"
)

// GlossaryDir is the directory of the glossaries: glossary/LOCALE.toml.
const GlossaryDir = "glossary"

// GlossaryPath is the slash-separated path of a locale's glossary.
func GlossaryPath(locale string) string { return path.Join(GlossaryDir, locale+".toml") }

// Glossary reads a locale's glossary; it returns nil and no error when the
// locale has none.
func (p *Project) Glossary(locale string) (*qa.Glossary, error) {
	rel := GlossaryPath(locale)
	data, err := os.ReadFile(filepath.Join(p.Root, filepath.FromSlash(rel)))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return qa.ParseGlossary(rel, data)
}

// Source returns the bytes of a document's source file as they are on
// disk.
func (p *Project) Source(d *Doc) ([]byte, error) {
	return os.ReadFile(filepath.Join(p.Root, filepath.FromSlash(d.Path)))
}
