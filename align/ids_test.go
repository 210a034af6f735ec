package align

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

// seedBlocks returns the seed's blank-line separated blocks as written.
func seedBlocks(t testing.TB) []string {
	src, err := os.ReadFile("../sources/sco-2020-statements.txt")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimRight(string(src), "\n"), "\n\n")
}

func mustParse(t testing.TB, blocks []string) *Document {
	doc, err := Parse("sources/seed.txt", "zh", []byte(strings.Join(blocks, "\n\n")+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// idsByText maps each segment's normalized text (with its section heading,
// so repeated date lines are told apart) to its ID.
func idsByText(doc *Document) map[string]string {
	out := map[string]string{}
	for _, sec := range doc.Sections() {
		h := ""
		if sec.Heading >= 0 {
			h = doc.Segments[sec.Heading].Text
		}
		for _, s := range doc.Segments[sec.Start:sec.End] {
			out[Normalize(h)+"|"+Normalize(s.Text)] = s.ID
		}
	}
	return out
}

func TestSyncFreshIsDeterministicAndValid(t *testing.T) {
	blocks := seedBlocks(t)
	a, b := mustParse(t, blocks), mustParse(t, blocks)
	recA, _ := Sync(a, nil)
	recB, _ := Sync(b, nil)
	if string(recA.Marshal("x")) != string(recB.Marshal("x")) {
		t.Fatal("the same document gave different records")
	}
	seen := map[string]bool{}
	for _, s := range a.Segments {
		if !ValidID(s.ID) || seen[s.ID] {
			t.Errorf("line %d: ID %q is invalid or repeated", s.Line, s.ID)
		}
		seen[s.ID] = true
	}
}

func TestSyncEditorsSession(t *testing.T) {
	blocks := seedBlocks(t)
	doc := mustParse(t, blocks)
	rec, _ := Sync(doc, nil)
	before := idsByText(doc)

	// Statement 6 (blocks 67..) moves before statement 2 (block 20), a
	// paragraph is deleted, one is inserted, a typo is fixed, and white
	// space is added around a heading and at line ends with CRLF.
	s2, s6 := 10, 67 // the headings of statements 2 and 6
	edited := slices.Clone(blocks[:s2])
	edited = append(edited, blocks[s6:]...)
	edited = append(edited, blocks[s2:s6]...)
	del := slices.Index(edited, blocks[30])
	deleted := Normalize(edited[del])
	edited = slices.Delete(edited, del, del+1)
	ins := slices.Index(edited, blocks[5])
	inserted := "我们欢迎各方为此作出的努力。"
	edited = slices.Insert(edited, ins, inserted)
	typo := slices.Index(edited, blocks[4])
	oldTypo := Normalize(edited[typo])
	edited[typo] = strings.Replace(edited[typo], "重大传染性疾病", "重大传染病", 1)
	ws := slices.Index(edited, blocks[3])
	edited[ws] = "\u00a0\u00a0" + strings.ReplaceAll(edited[ws], "。", "。 \r")

	doc2 := mustParse(t, edited)
	_, rep := Sync(doc2, rec)
	after := idsByText(doc2)
	for key, id := range before {
		text := key[strings.Index(key, "|")+1:]
		switch text {
		case deleted:
			continue
		case oldTypo:
			key = strings.Replace(key, "重大传染性疾病", "重大传染病", 1)
		}
		if after[key] != id {
			t.Errorf("segment %q: ID %s became %s", excerptForTest(key), id, after[key])
		}
	}
	counts := map[SyncStatus]int{}
	for _, c := range rep.Changes {
		counts[c.Status]++
		switch c.Status {
		case SyncEdited:
			if c.OldText != oldTypo {
				t.Errorf("edited %s: old text %q, want the typo paragraph", c.ID, excerptForTest(c.OldText))
			}
		case SyncNew:
			if got := Normalize(doc2.Segments[c.Index].Text); got != inserted {
				t.Errorf("new %s: %q, want the inserted paragraph", c.ID, got)
			}
		case SyncRetired:
			if c.OldText != deleted {
				t.Errorf("retired %s: %q, want the deleted paragraph", c.ID, excerptForTest(c.OldText))
			}
		}
	}
	want := map[SyncStatus]int{SyncKept: 84, SyncEdited: 1, SyncNew: 1, SyncRetired: 1}
	for s, n := range want {
		if counts[s] != n {
			t.Errorf("%s: %d, want %d", s, counts[s], n)
		}
	}
	// The typo fix changes the hash (translations become stale); the
	// whitespace edit does not.
	for _, s := range doc2.Segments {
		if Normalize(s.Text) == Normalize(blocks[3]) && s.Hash != Hash(blocks[3]) {
			t.Error("a whitespace-only edit changed the hash")
		}
	}
}

func TestSyncSplitAndMerge(t *testing.T) {
	blocks := seedBlocks(t)
	doc := mustParse(t, blocks)
	rec, _ := Sync(doc, nil)
	// Split a paragraph of two sentences, the second the longer, at the
	// sentence boundary.
	p := blocks[12]
	id := doc.Segments[12].ID
	first, second, ok := strings.Cut(p, "。")
	if !ok || len(first) > len(second) {
		t.Fatalf("test paragraph does not split as expected: %q", p)
	}
	split := slices.Clone(blocks)
	split = slices.Replace(split, 12, 13, first+"。", second)
	doc2 := mustParse(t, split)
	rec2, rep := Sync(doc2, rec)
	if doc2.Segments[13].ID != id || doc2.Segments[12].ID == id {
		t.Errorf("split: IDs %s, %s; want the longer second part to keep %s", doc2.Segments[12].ID, doc2.Segments[13].ID, id)
	}
	if c := rep.Changes[12]; c.Status != SyncNew || c.Related != id {
		t.Errorf("split: the first part is %s related to %q, want new, split from %s", c.Status, c.Related, id)
	}

	// Merging two paragraphs: the longer one's ID survives; the other is
	// retired and never handed out again.
	merged := slices.Clone(blocks)
	a, b := doc.Segments[5], doc.Segments[6]
	merged = slices.Replace(merged, 5, 7, blocks[5]+blocks[6])
	doc3 := mustParse(t, merged)
	rec3, rep3 := Sync(doc3, rec2)
	keep, lose := a.ID, b.ID
	if len(blocks[6]) > len(blocks[5]) {
		keep, lose = lose, keep
	}
	if doc3.Segments[5].ID != keep {
		t.Errorf("merge: got %s, want %s (the longer part)", doc3.Segments[5].ID, keep)
	}
	if !slices.ContainsFunc(rec3.Retired, func(e Entry) bool { return e.ID == lose }) {
		t.Errorf("merge: %s not retired: %v", lose, rec3.Retired)
	}
	for _, c := range rep3.Changes {
		if c.Status == SyncRetired && c.ID == lose && c.Related != keep {
			t.Errorf("merge: %s retired, merged into %q, want %s", lose, c.Related, keep)
		}
	}
	// Restoring the original paragraphs gives the retired ID back to the
	// text it had, so its translations are live again.
	doc4 := mustParse(t, blocks)
	rec4, rep4 := Sync(doc4, rec3)
	if doc4.Segments[5].ID != a.ID || doc4.Segments[6].ID != b.ID {
		t.Errorf("unmerge: IDs %s, %s, want %s, %s back", doc4.Segments[5].ID, doc4.Segments[6].ID, a.ID, b.ID)
	}
	if got := rep4.Count(SyncRestored); got != 1 {
		t.Errorf("unmerge: %d restored, want 1", got)
	}
	if slices.ContainsFunc(rec4.Retired, func(e Entry) bool { return e.ID == lose }) {
		t.Errorf("restored ID %s still listed as retired", lose)
	}
}

// TestSyncRestoresRetiredIDs empties a document (issue 10, case 2) and
// restores it: every ID comes back, so the translations are live again;
// a paragraph re-inserted with an edit gets its ID back too (stale), and a
// new text never gets a retired ID.
func TestSyncRestoresRetiredIDs(t *testing.T) {
	blocks := seedBlocks(t)
	doc := mustParse(t, blocks)
	rec, _ := Sync(doc, nil)
	empty, err := Parse("sources/seed.txt", "zh", nil)
	if err != nil {
		t.Fatal(err)
	}
	rec2, rep := Sync(empty, rec)
	if !rep.RetiresMost() || rep.Count(SyncRetired) != len(doc.Segments) {
		t.Fatalf("emptying: %d retired of %d, RetiresMost %v", rep.Count(SyncRetired), rep.Old, rep.RetiresMost())
	}
	back, err := ParseRecord("sources/seed.ids", rec2.Marshal("sources/seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// The original text, one paragraph edited, one brand new.
	restored := slices.Clone(blocks)
	restored[12] = strings.Replace(restored[12], "。", "，确实。", 1)
	restored = append(restored, "我们完全新写的一段话。")
	doc3 := mustParse(t, restored)
	_, rep3 := Sync(doc3, back)
	for i, s := range doc.Segments {
		if doc3.Segments[i].ID != s.ID {
			t.Errorf("segment %d: ID %s, want %s back", i, doc3.Segments[i].ID, s.ID)
		}
	}
	last := rep3.Changes[len(doc3.Segments)-1]
	if last.Status != SyncNew || slices.ContainsFunc(rec2.Retired, func(e Entry) bool { return e.ID == last.ID }) {
		t.Errorf("new paragraph: %s %s, want a fresh ID", last.Status, last.ID)
	}
	if c := rep3.Changes[12]; c.Status != SyncRestored || c.Similarity < EditThreshold || c.Similarity == 1 {
		t.Errorf("edited restore: %s at %.2f", c.Status, c.Similarity)
	}
	if doc3.Segments[12].Hash == doc.Segments[12].Hash || doc3.Segments[11].Hash != doc.Segments[11].Hash {
		t.Error("hashes: the edited paragraph should change (stale), the others not")
	}
}

func TestRetiresMost(t *testing.T) {
	for _, c := range []struct {
		retired, old int
		want         bool
	}{{0, 0, false}, {0, 10, false}, {5, 10, false}, {6, 10, true}, {1, 1, true}, {1, 2, false}} {
		rep := &SyncReport{Old: c.old}
		for range c.retired {
			rep.Changes = append(rep.Changes, Change{Status: SyncRetired})
		}
		if got := rep.RetiresMost(); got != c.want {
			t.Errorf("%d of %d retired: RetiresMost %v, want %v", c.retired, c.old, got, c.want)
		}
	}
}

func excerptForTest(s string) string {
	r := []rune(s)
	if len(r) > 30 {
		return string(r[:30]) + "…"
	}
	return s
}

func TestRecordRoundTripAndErrors(t *testing.T) {
	doc := mustParse(t, seedBlocks(t))
	rec, _ := Sync(doc, nil)
	rec.Retired = []Entry{{ID: "a00000"}, {ID: "zzzzzz", Text: "旧的文字 old text"}}
	data := rec.Marshal("sources/seed.txt")
	back, err := ParseRecord("sources/seed.ids", data)
	if err != nil {
		t.Fatal(err)
	}
	if string(back.Marshal("sources/seed.txt")) != string(data) {
		t.Error("record does not round-trip")
	}
	if back.Retired[1].Text != "旧的文字 old text" || back.Retired[0].Text != "" {
		t.Errorf("retired texts: %q", back.Retired)
	}
	bad := "# c\nabc123\tone\nabc123\ttwo\nnot an id\tx\nno tab here\nretired\tBAD\nq00000\t  spaced  \nretired\tq00001\t not  normal\n"
	_, err = ParseRecord("sources/seed.ids", []byte(bad))
	var list ErrorList
	if !errors.As(err, &list) || len(list) != 6 {
		t.Fatalf("got %v, want 6 problems", err)
	}
	wantLines := []int{3, 4, 5, 6, 7, 8}
	for i, e := range list {
		if e.Line != wantLines[i] || e.Path != "sources/seed.ids" {
			t.Errorf("problem %d at %s:%d, want line %d", i, e.Path, e.Line, wantLines[i])
		}
	}
	if !errors.Is(err, ErrDuplicateID) {
		t.Error("duplicate ID not reported as ErrDuplicateID")
	}
}

func FuzzParseRecord(f *testing.F) {
	f.Add([]byte("abc123\ttext\nretired\tq00000\nretired\tq00001\tlast text\n"))
	f.Add([]byte("# x\n\nabc123\t\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rec, err := ParseRecord("f.ids", data)
		if err != nil {
			return
		}
		again, err := ParseRecord("f.ids", rec.Marshal("f.txt"))
		if err != nil {
			t.Fatalf("marshalled record does not parse: %v", err)
		}
		if string(again.Marshal("f.txt")) != string(rec.Marshal("f.txt")) {
			t.Fatal("record does not round-trip")
		}
	})
}

// TestRepeatedTextIDs: the IDs of a text repeated many times are the ones
// salting from zero gives (newID resumes at the first salt not tried).
func TestRepeatedTextIDs(t *testing.T) {
	var b strings.Builder
	for i := range 60 {
		fmt.Fprintf(&b, "Tier 1\n\nrow %d\n\n", i%7)
	}
	doc, err := Parse("t.txt", "en", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	Sync(doc, nil)
	used := map[string]bool{}
	for i, s := range doc.Segments {
		want := newID("t", Normalize(s.Text), used, map[string]int{})
		used[want] = true
		if s.ID != want {
			t.Fatalf("segment %d %q: ID %s, want %s", i, s.Text, s.ID, want)
		}
	}
}
