package cli

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"verso/internal/corpus"
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

// BenchmarkSyncRepeated syncs a new 200k-segment document in which every
// tenth segment is the same date line, writing its record (issue 10,
// case 8).
func BenchmarkSyncRepeated(b *testing.B) {
	dir := b.TempDir()
	if err := corpusrepo.WriteShape(dir, corpusrepo.Shape{Segments: 200000, Repeated: true}); err != nil {
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

// BenchmarkResyncAddedRepeats re-syncs that document after 10,000 more
// date lines were added.
func BenchmarkResyncAddedRepeats(b *testing.B) {
	dir := b.TempDir()
	if err := corpusrepo.WriteShape(dir, corpusrepo.Shape{Segments: 200000, Repeated: true}); err != nil {
		b.Fatal(err)
	}
	src := filepath.Join(dir, "sources", "big.txt")
	data, _ := os.ReadFile(src)
	os.WriteFile(src, corpus.AddRepeats(data, 10000), 0o644)
	rec := filepath.Join(dir, "sources", "big.ids")
	old, _ := os.ReadFile(rec)
	for b.Loop() {
		b.StopTimer()
		os.WriteFile(rec, old, 0o644)
		b.StartTimer()
		benchRun(b, dir, ExitOK, "sync")
	}
}

// BenchmarkCheckManyDocuments checks 1,000 documents with 5 complete
// locales each (issue 10, case 8).
func BenchmarkCheckManyDocuments(b *testing.B) {
	dir := b.TempDir()
	if err := corpusrepo.WriteShape(dir, corpusrepo.Shape{Segments: 20, Docs: 1000, Locales: 5}); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		benchRun(b, dir, ExitOK, "check")
	}
}

// BenchmarkHugeParagraph runs the reading commands and a draft edition
// on a document with one paragraph of 1,000,000 bytes, just under
// align.MaxSegmentBytes (issue 10, case 10; -benchmem shows the memory).
func BenchmarkHugeParagraph(b *testing.B) {
	dir := b.TempDir()
	if err := corpusrepo.WriteShape(dir, corpusrepo.Shape{Segments: 20, HugeParagraph: 1000000}); err != nil {
		b.Fatal(err)
	}
	out := b.TempDir()
	for b.Loop() {
		benchRun(b, dir, ExitOK, "segments")
		benchRun(b, dir, ExitOK, "check")
		benchRun(b, dir, ExitOK, "publish", "--draft", "--locale", "en", "-o", out)
	}
}
