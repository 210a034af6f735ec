package cli

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"verso/internal/corpus/corpusrepo"
)

const benchSegments = 100000

func benchRepo(b *testing.B, edit bool) string {
	dir := b.TempDir()
	if err := corpusrepo.Write(dir, benchSegments, edit); err != nil {
		b.Fatal(err)
	}
	return dir
}

func benchRun(b *testing.B, dir string, want int, args ...string) {
	b.Helper()
	if code := Main(append([]string{"-C", dir}, args...), strings.NewReader(""), io.Discard, io.Discard); code != want {
		b.Fatalf("verso %v: exit %d, want %d", args, code, want)
	}
}

// BenchmarkSyncFresh numbers a new 100k-segment document and writes its
// record.
func BenchmarkSyncFresh(b *testing.B) {
	dir := benchRepo(b, false)
	rec := filepath.Join(dir, "sources", "big.ids")
	for b.Loop() {
		b.StopTimer()
		os.Remove(rec)
		b.StartTimer()
		benchRun(b, dir, ExitOK, "sync")
	}
}

// BenchmarkSyncEdited re-syncs after 1% of the paragraphs were edited,
// carrying their IDs.
func BenchmarkSyncEdited(b *testing.B) {
	dir := benchRepo(b, true)
	rec := filepath.Join(dir, "sources", "big.ids")
	old, err := os.ReadFile(rec)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		b.StopTimer()
		os.WriteFile(rec, old, 0o644)
		b.StartTimer()
		benchRun(b, dir, ExitOK, "sync")
	}
}

// BenchmarkCheck checks one complete locale of a 100k-segment document.
func BenchmarkCheck(b *testing.B) {
	dir := benchRepo(b, false)
	for b.Loop() {
		benchRun(b, dir, ExitOK, "check")
	}
}

// BenchmarkQA runs verso qa over one complete locale of a 100k-segment
// document with a glossary: loading, every check, source lint, output.
func BenchmarkQA(b *testing.B) {
	dir := benchRepo(b, false)
	os.MkdirAll(filepath.Join(dir, "glossary"), 0o755)
	glossary, err := os.ReadFile(filepath.Join("..", "..", "glossary", "en.toml"))
	if err != nil {
		b.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "glossary", "en.toml"), glossary, 0o644)
	for b.Loop() {
		benchRun(b, dir, ExitProblems, "qa")
	}
}

// BenchmarkSyncMarkdown numbers a new Markdown document of about 100k
// segments (heading levels, lists, tables, footnotes, inline markup) and
// writes its record.
func BenchmarkSyncMarkdown(b *testing.B) {
	dir := b.TempDir()
	if err := corpusrepo.WriteMarkdown(dir, benchSegments); err != nil {
		b.Fatal(err)
	}
	rec := filepath.Join(dir, "sources", "big.ids")
	for b.Loop() {
		b.StopTimer()
		os.Remove(rec)
		b.StartTimer()
		benchRun(b, dir, ExitOK, "sync")
	}
}

// BenchmarkCheckMarkdown checks the complete translation of the Markdown
// document, markup included.
func BenchmarkCheckMarkdown(b *testing.B) {
	dir := b.TempDir()
	if err := corpusrepo.WriteMarkdown(dir, benchSegments); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		benchRun(b, dir, ExitOK, "check")
	}
}
