package xlsx_test

import (
	"bytes"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"verso/align"
	"verso/export/xlsx"
	"verso/internal/corpus"
)

// Benchmarks of a large locale: a generated document of benchSegments
// segments, every one translated (so that an --all export has a row per
// segment with text in the translation column), one in twenty stale.
// Each has a floor: excelize doing the same work with no logic of ours.
//
//	go test ./export/xlsx -run '^$' -bench . -benchtime 1x -benchmem
//
// Peak memory of one benchmark: build the test binary and run it under
// /usr/bin/time -v (see the package README of the report).

// benchSegments is the size of the large locale; VERSO_BENCH_SEGMENTS
// overrides it for quick runs.
var benchSegments = 100_000

func init() {
	if n, err := strconv.Atoi(os.Getenv("VERSO_BENCH_SEGMENTS")); err == nil && n > 0 {
		benchSegments = n
	}
}

var bench struct {
	once sync.Once
	docs []xlsx.Doc
	cur  map[string]*xlsx.Current
	book []byte  // the --all workbook
	rows [][]any // its cells, for the floor
}

// russian makes a translation-like Cyrillic text about 1.5 times as wide
// as the source.
func russian(src string, i int) string {
	words := []string{"сотрудничество", "государства", "члены", "организации", "подчеркивают", "международного", "сообщества", "развитие", "безопасность", "в", "и", "на"}
	n := len([]rune(src)) / 2
	var b strings.Builder
	for j := 0; j < max(n, 2); j++ {
		if j > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(words[(i+j*7)%len(words)])
	}
	b.WriteByte('.')
	return b.String()
}

func benchSetup(b *testing.B) {
	bench.once.Do(func() {
		doc, err := align.Parse("sources/big.txt", "zh-Hans", corpus.Text(benchSegments, 1))
		if err != nil {
			b.Fatal(err)
		}
		align.Sync(doc, nil)
		trs := make([]align.Translation, len(doc.Segments))
		for i, s := range doc.Segments {
			h := s.Hash
			if i%20 == 7 {
				h = align.Hash("旧" + s.Text)
			}
			trs[i] = align.Translation{ID: s.ID, Hash: h, Text: russian(s.Text, i)}
		}
		bench.docs = []xlsx.Doc{{Coverage: align.Assess(doc, "ru", trs)}}
		bench.cur = map[string]*xlsx.Current{"big": {Doc: doc, Translations: trs}}
		var buf bytes.Buffer
		if _, err := xlsx.Write(&buf, bench.docs, xlsx.Options{SourceLang: "zh-Hans", All: true}); err != nil {
			b.Fatal(err)
		}
		bench.book = buf.Bytes()
		f, err := excelize.OpenReader(bytes.NewReader(bench.book))
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		rows, err := f.Rows("big")
		if err != nil {
			b.Fatal(err)
		}
		for rows.Next() {
			cols, _ := rows.Columns()
			r := make([]any, len(cols))
			for i, c := range cols {
				r[i] = c
			}
			bench.rows = append(bench.rows, r)
		}
		rows.Close()
	})
}

// BenchmarkExport writes the --all workbook of the large locale.
func BenchmarkExport(b *testing.B) {
	benchSetup(b)
	b.ResetTimer()
	for b.Loop() {
		if _, err := xlsx.Write(io.Discard, bench.docs, xlsx.Options{SourceLang: "zh-Hans", All: true}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(bench.book))/1e6, "MB-xlsx")
}

// BenchmarkExportFloor is excelize's stream writer writing the same cells
// with one style per cell and a row height, and nothing else of ours.
func BenchmarkExportFloor(b *testing.B) {
	benchSetup(b)
	b.ResetTimer()
	for b.Loop() {
		f := excelize.NewFile()
		st, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
		f.NewSheet("big")
		sw, err := f.NewStreamWriter("big")
		if err != nil {
			b.Fatal(err)
		}
		vals := make([]any, 13)
		for i, r := range bench.rows {
			for j := range vals {
				vals[j] = nil
				if j < len(r) {
					vals[j] = excelize.Cell{StyleID: st, Value: r[j]}
				}
			}
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := sw.SetRow(cell, vals, excelize.RowOpts{Height: 30}); err != nil {
				b.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			b.Fatal(err)
		}
		if err := f.Write(io.Discard); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
}

// BenchmarkImport reads, checks and merges the untouched workbook.
func BenchmarkImport(b *testing.B) {
	benchSetup(b)
	b.ResetTimer()
	for b.Loop() {
		wb, err := xlsx.Read(bytes.NewReader(bench.book), int64(len(bench.book)), "big.xlsx", xlsx.ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		res := xlsx.Merge(wb, bench.cur, xlsx.PreferNone)
		if len(res.Problems) > 0 || res.Unchanged != benchSegments {
			b.Fatalf("%d unchanged, problems %v", res.Unchanged, res.Problems[:min(3, len(res.Problems))])
		}
	}
}

// BenchmarkImportFloor is excelize opening the workbook and iterating the
// rows of the document sheet.
func BenchmarkImportFloor(b *testing.B) {
	benchSetup(b)
	b.ResetTimer()
	for b.Loop() {
		f, err := excelize.OpenReader(bytes.NewReader(bench.book))
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows("big")
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			cols, err := rows.Columns()
			if err != nil {
				b.Fatal(err)
			}
			n += len(cols)
		}
		rows.Close()
		f.Close()
		if n == 0 {
			b.Fatal("no cells")
		}
	}
}
