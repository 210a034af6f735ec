package msgfile_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"verso/align"
	"verso/align/msgfile"
)

// A review file written before extra paragraphs existed reads the same,
// and one without extras is written byte for byte as before.
func TestReviewFileWithoutExtrasUnchanged(t *testing.T) {
	old := "# verso review state: ID, flag (needs-review, approved or -), translator note.\n" +
		"b4xaxx\tneeds-review\tverso align: confidence 0.73 (2-1) from memo.en.md:9; proposed: This Memorandum enters into force.\n" +
		"fhxk56\t-\tCheck the date\\tagainst the signed copy.\n"
	rs, xs, err := msgfile.ParseReviewFile("r.tsv", []byte(old))
	if err != nil || len(rs) != 2 || len(xs) != 0 {
		t.Fatalf("ParseReviewFile: %v %v %v", rs, xs, err)
	}
	if got := string(msgfile.MarshalReviewFile(rs, nil)); got != old {
		t.Errorf("rewritten:\n%s\nwant:\n%s", got, old)
	}
	if rs[0].Proposal() != "This Memorandum enters into force." || rs[1].Proposal() != "" {
		t.Errorf("proposals %q %q", rs[0].Proposal(), rs[1].Proposal())
	}
}

// Extra lines round-trip: several after one segment keep their order,
// follow the segment's own review line, and one at the start comes first.
func TestReviewFileExtras(t *testing.T) {
	rs := []msgfile.Review{{ID: "kzwjgv", Flag: msgfile.NeedsReview, Note: "n"}, {ID: "b4xaxx", Flag: msgfile.Approved}}
	xs := []align.Extra{
		{After: "b4xaxx", Text: "Now, therefore,"},
		{After: "b4xaxx", Text: "The General Assembly,\nproclaims"},
		{After: "", Text: "Unofficial translation."},
	}
	data := msgfile.MarshalReviewFile(rs, xs)
	want := "# verso review state: ID, flag (needs-review, approved or -), translator note.\n" +
		"# extra: a paragraph of the translation after segment ID (- for the start) that faces no source segment.\n" +
		"-\textra\tUnofficial translation.\n" +
		"b4xaxx\tapproved\t\n" +
		"b4xaxx\textra\tNow, therefore,\n" +
		"b4xaxx\textra\tThe General Assembly,\\nproclaims\n" +
		"kzwjgv\tneeds-review\tn\n"
	if string(data) != want {
		t.Fatalf("marshalled:\n%s\nwant:\n%s", data, want)
	}
	rs2, xs2, err := msgfile.ParseReviewFile("r.tsv", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs2) != 2 || len(xs2) != 3 {
		t.Fatalf("read back %v %v", rs2, xs2)
	}
	gotX := []string{}
	for _, x := range xs2 {
		gotX = append(gotX, x.After+"|"+x.Text)
	}
	if wantX := []string{"|Unofficial translation.", "b4xaxx|Now, therefore,", "b4xaxx|The General Assembly,\nproclaims"}; !slices.Equal(gotX, wantX) {
		t.Errorf("extras %q, want %q", gotX, wantX)
	}
	if !bytes.Equal(msgfile.MarshalReviewFile(rs2, xs2), data) {
		t.Errorf("not stable")
	}
}

func TestReviewFileExtraErrors(t *testing.T) {
	for _, tc := range []struct{ line, want string }{
		{"nosuch!\textra\ttext", `"nosuch!" is not a segment ID (or - for the start`},
		{"b4xaxx\textra\t  ", "an extra paragraph without text"},
		{"b4xaxx\tdone\tx", `flag "done": use one of needs-review, approved, - (or extra for an extra paragraph)`},
	} {
		_, _, err := msgfile.ParseReviewFile("r.tsv", []byte("# c\n"+tc.line+"\n"))
		if err == nil || !strings.Contains(err.Error(), "r.tsv:2: "+tc.want) {
			t.Errorf("%q: %v, want r.tsv:2: %s", tc.line, err, tc.want)
		}
	}
}

// FuzzParseReviewFile: any file that parses is written back to one that
// parses to the same entries.
func FuzzParseReviewFile(f *testing.F) {
	f.Add([]byte("b4xaxx\tneeds-review\tnote\\n2\nb4xaxx\textra\tNow,\n-\textra\tx\n"))
	f.Add([]byte("# c\n\nkzwjgv\t-\t\\\\\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rs, xs, err := msgfile.ParseReviewFile("r.tsv", data)
		if err != nil {
			return
		}
		out := msgfile.MarshalReviewFile(rs, xs)
		rs2, xs2, err := msgfile.ParseReviewFile("r.tsv", out)
		if err != nil {
			t.Fatalf("rewritten file does not parse: %v\n%q", err, out)
		}
		if !bytes.Equal(msgfile.MarshalReviewFile(rs2, xs2), out) {
			t.Fatalf("not stable:\n%q", out)
		}
	})
}
