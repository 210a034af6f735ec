package bitext

import (
	"flag"
	"os"
	"testing"

	"verso/align/bitext/internal/reparagraph"
)

var update = flag.Bool("update", false, "rewrite the generated files in testdata")

// reparagraphed are the generated translations kept in testdata for the
// command's tests (verso align on the seed document): 10% of paragraphs
// merged or split, one dropped, one added, one heading moved.
var reparagraphed = []evalCase{
	{name: "testdata/sco-2020-statements.en.reparagraphed.txt", lang: "en",
		cfg: reparagraph.Config{Merge: 0.05, Split: 0.05, Drop: 1, Add: 1, Move: 1, Seed: 1}},
	{name: "testdata/sco-2020-statements.ru.reparagraphed.txt", lang: "ru",
		cfg: reparagraph.Config{Merge: 0.05, Split: 0.05, Drop: 1, Add: 1, Move: 1, Seed: 1}},
}

// TestReparagraphedTestdataIsGenerated checks that the re-paragraphed
// translations in testdata are what the generator makes; run with -update
// to rewrite them after changing the generator or the translations.
func TestReparagraphedTestdataIsGenerated(t *testing.T) {
	for _, c := range reparagraphed {
		want := reparagraph.Text(generate(t, c).paras)
		if *update {
			if err := os.WriteFile(c.name, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(c.name)
		if err != nil {
			t.Fatalf("%v; run go test ./align/bitext -run TestReparagraphed -update", err)
		}
		if string(got) != string(want) {
			t.Errorf("%s is not what the generator makes; run go test ./align/bitext -run TestReparagraphed -update", c.name)
		}
	}
}
