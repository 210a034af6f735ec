package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"verso/align"
	"verso/export/exchange"
	"verso/export/po"
	"verso/export/tmx"
	"verso/export/xliff"
	"verso/internal/corpus"
)

// Benchmarks of the exchange codecs on a large locale: a generated
// document of benchSegments segments, every one translated, one in twenty
// stale. Export writes every unit; import reads the file back and merges
// it into the repository's state (an untouched file: every entry is
// decided, nothing changes).
//
//	go test ./internal/cli -run '^$' -bench 'Exchange' -benchtime 1x -benchmem
//
// Peak memory of one format: go test -c, then run one sub-benchmark
// (-test.bench 'ExchangeImport/po$') under /usr/bin/time -v.
var exBench struct {
	once  sync.Once
	doc   *align.Document
	trs   []align.Translation
	units []exchange.Unit
	files map[string][]byte
}

func exBenchSetup(b *testing.B) {
	exBench.once.Do(func() {
		doc, err := align.Parse("sources/big.txt", "zh-Hans", corpus.Text(benchSegments, 1))
		if err != nil {
			b.Fatal(err)
		}
		doc.Name = "big"
		align.Sync(doc, nil)
		trs := make([]align.Translation, len(doc.Segments))
		for i, s := range doc.Segments {
			h := s.Hash
			if i%20 == 7 {
				h = align.Hash("旧" + s.Text)
			}
			trs[i] = align.Translation{ID: s.ID, Hash: h, Text: "Перевод абзаца номер " + strconv.Itoa(i) + ": " + strings.Repeat("сотрудничество ", 8)}
		}
		exBench.doc, exBench.trs = doc, trs
		exBench.units = exchange.Units(&exchange.Doc{Coverage: align.Assess(doc, "ru", trs)}, true)
		exBench.files = map[string][]byte{}
	})
}

// exFile returns the exported file of a codec, written once.
func exFile(b *testing.B, name string, write func(*bytes.Buffer) error) []byte {
	if data, ok := exBench.files[name]; ok {
		return data
	}
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		b.Fatal(err)
	}
	exBench.files[name] = buf.Bytes()
	return buf.Bytes()
}

var exCodecs = []struct {
	name  string
	write func(w *bytes.Buffer) error
	read  func(data []byte) (*exchange.File, error)
}{
	{"po", func(w *bytes.Buffer) error {
		return po.Write(w, po.Header{Locale: "ru", SourceLang: "zh-Hans", Created: time.Unix(0, 0)}, []po.Doc{{Name: "big", Path: "sources/big.txt", Units: exBench.units}})
	}, func(data []byte) (*exchange.File, error) { return po.Read("ru.po", data) }},
	{"xliff-2.1", func(w *bytes.Buffer) error {
		return xliff.Write(w, xliff.Header{Version: xliff.V21, SourceLang: "zh-Hans", Locale: "ru"}, []xliff.Doc{{Name: "big", Path: "sources/big.txt", Units: exBench.units}})
	}, func(data []byte) (*exchange.File, error) { return xliff.Read("ru.xlf", data) }},
	{"xliff-1.2", func(w *bytes.Buffer) error {
		return xliff.Write(w, xliff.Header{Version: xliff.V12, SourceLang: "zh-Hans", Locale: "ru"}, []xliff.Doc{{Name: "big", Path: "sources/big.txt", Units: exBench.units}})
	}, func(data []byte) (*exchange.File, error) { return xliff.Read("ru.xlf", data) }},
	{"tmx", func(w *bytes.Buffer) error {
		return tmx.Write(w, tmx.Header{SourceLang: "zh-Hans"}, tmx.Translated("big", []string{"ru"}, [][]exchange.Unit{exBench.units}))
	}, nil},
}

func BenchmarkExchangeExport(b *testing.B) {
	exBenchSetup(b)
	for _, c := range exCodecs {
		b.Run(c.name, func(b *testing.B) {
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				if err := c.write(&buf); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len())/1e6, "MB-file")
		})
	}
}

func BenchmarkExchangeImport(b *testing.B) {
	exBenchSetup(b)
	for _, c := range exCodecs {
		b.Run(c.name, func(b *testing.B) {
			data := exFile(b, c.name, c.write)
			for b.Loop() {
				if c.read == nil { // a memory is read, not merged
					units, err := tmx.Read(bytes.NewReader(data))
					if err != nil || len(units) == 0 {
						b.Fatal(err)
					}
					continue
				}
				f, err := c.read(data)
				if err != nil {
					b.Fatal(err)
				}
				cur := map[string]*exchange.Current{"big": {Doc: exBench.doc, Translations: exBench.trs}}
				res := exchange.Merge(f, cur, exchange.PreferNone)
				if len(res.Problems) > 0 || res.Unchanged != benchSegments {
					b.Fatalf("%d unchanged, problems %v", res.Unchanged, res.Problems[:min(3, len(res.Problems))])
				}
			}
		})
	}
}

// BenchmarkExchangeCommands runs the export and import commands of every
// format as a user does (verso po export, verso po import po/en.po, …) on
// a generated repository of benchSegments segments, in process: project
// load, codec and writes included. The import is of the untouched file.
// internal/cli/testdata/bench-exchange.sh times the built binary instead.
func BenchmarkExchangeCommands(b *testing.B) {
	dir := benchRepo(b, false)
	for _, c := range []struct{ name, file string }{
		{"po", "po/en.po"},
		{"xliff-2.1", "xliff/en21.xlf"},
		{"xliff-1.2", "xliff/en12.xlf"},
		{"tmx", "tmx/verso.tmx"},
	} {
		cmd, _, _ := strings.Cut(c.name, "-")
		export := []string{cmd, "export"}
		switch c.name {
		case "xliff-2.1", "xliff-1.2":
			export = append(export, "--version", c.name[len("xliff-"):], "-o", c.file, "--locale", "en")
		}
		again := export
		if cmd != "tmx" { // tmx export overwrites without asking
			again = append(again[:len(again):len(again)], "--force")
		}
		b.Run("export/"+c.name, func(b *testing.B) {
			for b.Loop() {
				benchRun(b, dir, ExitOK, again...)
			}
		})
		b.Run("import/"+c.name, func(b *testing.B) {
			if _, err := os.Stat(filepath.Join(dir, c.file)); err != nil {
				benchRun(b, dir, ExitOK, export...)
			}
			for b.Loop() {
				benchRun(b, dir, ExitOK, cmd, "import", c.file)
			}
		})
	}
}
