package align

import (
	"testing"

	"verso/internal/corpus"
)

const benchSegments = 100000

// BenchmarkSyncFresh100k segments and numbers a new 100k-segment document.
func BenchmarkSyncFresh100k(b *testing.B) {
	src := corpus.Text(benchSegments, 1)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		doc, err := Parse("big.txt", "zh", src)
		if err != nil {
			b.Fatal(err)
		}
		Sync(doc, nil)
	}
}

// BenchmarkResync1pct re-syncs the document after 1% of its paragraphs were
// edited, carrying every ID.
func BenchmarkResync1pct(b *testing.B) {
	src := corpus.Text(benchSegments, 1)
	doc, _ := Parse("big.txt", "zh", src)
	rec, _ := Sync(doc, nil)
	data := rec.Marshal("big.txt")
	edited := corpus.Edit(src)
	b.SetBytes(int64(len(edited)))
	var rep *SyncReport
	for b.Loop() {
		old, err := ParseRecord("big.ids", data)
		if err != nil {
			b.Fatal(err)
		}
		doc, _ := Parse("big.txt", "zh", edited)
		_, rep = Sync(doc, old)
	}
	if rep.Count(SyncNew) != 0 || rep.Count(SyncEdited) < benchSegments/100-5 {
		b.Fatalf("resync: %d new, %d edited", rep.Count(SyncNew), rep.Count(SyncEdited))
	}
}

// BenchmarkMarkupDiff compares the markup of every segment of a generated
// 10k-segment Markdown document with a translation that carries it, as
// verso check does for each translated segment.
func BenchmarkMarkupDiff(b *testing.B) {
	doc, err := Parse("big.md", "zh", corpus.Markdown(10000, 1))
	if err != nil {
		b.Fatal(err)
	}
	trs := make([]string, len(doc.Segments))
	for i, s := range doc.Segments {
		trs[i] = "Translation: " + s.Text
	}
	b.ResetTimer()
	for b.Loop() {
		for i, s := range doc.Segments {
			if d := doc.MarkupDiff(s.Text, trs[i]); d != nil {
				b.Fatal(d)
			}
		}
	}
}

// BenchmarkParseMarkdown segments a generated Markdown document of about
// 100k segments.
func BenchmarkParseMarkdown(b *testing.B) {
	src := corpus.Markdown(100000, 1)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Parse("big.md", "zh", src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSyncRepeated200k numbers a new 200k-segment document in which
// every tenth segment is the same date line (issue 10, case 8: this was
// quadratic in the repeats).
func BenchmarkSyncRepeated200k(b *testing.B) {
	src := corpus.Repeated(200000, 1)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		doc, err := Parse("big.txt", "zh", src)
		if err != nil {
			b.Fatal(err)
		}
		Sync(doc, nil)
	}
}

// BenchmarkResyncAddRepeats re-syncs the 200k-segment document of
// BenchmarkSyncRepeated200k after 10,000 more date lines were added.
func BenchmarkResyncAddRepeats(b *testing.B) {
	src := corpus.Repeated(200000, 1)
	doc, _ := Parse("big.txt", "zh", src)
	rec, _ := Sync(doc, nil)
	data := rec.Marshal("big.txt")
	added := corpus.AddRepeats(src, 10000)
	b.SetBytes(int64(len(added)))
	var rep *SyncReport
	for b.Loop() {
		old, err := ParseRecord("big.ids", data)
		if err != nil {
			b.Fatal(err)
		}
		doc, _ := Parse("big.txt", "zh", added)
		_, rep = Sync(doc, old)
	}
	if rep.Count(SyncNew) != 10000 || rep.Count(SyncRetired) != 0 {
		b.Fatalf("resync: %d new, %d retired", rep.Count(SyncNew), rep.Count(SyncRetired))
	}
}
