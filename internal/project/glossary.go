package project

import (
	"errors"
	"os"
	"path"
	"path/filepath"

	"verso/align/qa"
)

// Glossaries and translation memories are translation data, so they live
// in the translations directory, in subdirectories of their own that the
// loader of message files does not read: glossary/LOCALE.toml and
// memory/NAME.tmx.
const (
	glossaryDir = "glossary"
	memoryDir   = "memory"
)

// GlossaryPath is the slash-separated path of a locale's glossary:
// translations/glossary/LOCALE.toml.
func (p *Project) GlossaryPath(locale string) string {
	return path.Join(p.Config.Translations, glossaryDir, locale+".toml")
}

// MemoryDir is the slash-separated path of the directory of translation
// memories (TMX files) that verso tmx import fills and verso suggest
// reads: translations/memory, reviewed and versioned with the project.
func (p *Project) MemoryDir() string { return path.Join(p.Config.Translations, memoryDir) }

// Glossary reads a locale's glossary; it returns nil and no error when the
// locale has none.
func (p *Project) Glossary(locale string) (*qa.Glossary, error) {
	rel := p.GlossaryPath(locale)
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
