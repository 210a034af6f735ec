package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// copyRepo copies this repository's content (configuration, sources,
// translations) into a temporary directory.
func copyRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, pat := range []string{"verso.toml", "sources/*", "translations/*.*", "translations/glossary/*"} {
		files, err := filepath.Glob(filepath.Join("..", "..", pat))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: %v", pat, err)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel(filepath.Join("..", ".."), f)
			os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o755)
			if err := os.WriteFile(filepath.Join(dir, rel), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

type segmentsOut []struct {
	Segments []struct {
		ID, Kind, Text string
		Line           int
	}
}

func segmentIDs(t *testing.T, dir string) map[string]string {
	t.Helper()
	code, stdout, stderr := runVerso(dir, "segments", "--json")
	if code != ExitOK {
		t.Fatalf("segments: %d %s", code, stderr)
	}
	var out segmentsOut
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, s := range out[0].Segments {
		ids[s.ID] = s.Text
	}
	return ids
}

// TestEditorsSessionOnTheSeed edits the real source as an editor would and
// checks that sync keeps every untouched ID and the typo-fixed one's, and
// that check names exactly the stale, missing and orphaned segments.
func TestEditorsSessionOnTheSeed(t *testing.T) {
	dir := copyRepo(t)
	if code, _, stderr := runVerso(dir, "check", "--locale", "en"); code != ExitOK {
		t.Fatalf("the repository's en translation is not complete: %s", stderr)
	}
	before := segmentIDs(t, dir)
	src := filepath.Join(dir, "sources", "sco-2020-statements.txt")
	data, _ := os.ReadFile(src)
	blocks := strings.Split(string(data), "\n\n")

	find := func(prefix string) int {
		i := slices.IndexFunc(blocks, func(b string) bool { return strings.HasPrefix(strings.TrimLeft(b, "\u00a0 "), prefix) })
		if i < 0 {
			t.Fatalf("no block starts with %q", prefix)
		}
		return i
	}
	idOf := func(prefix string) string {
		for id, text := range before {
			if strings.HasPrefix(text, prefix) {
				return id
			}
		}
		t.Fatalf("no segment starts with %q", prefix)
		return ""
	}
	typoID, deletedID := idOf("我们认为,重大传染性疾病"), idOf("我们反对阻碍全球数字经济")

	// Fix a word, delete a paragraph, insert one, move the digital
	// economy statement to the end, and add white space.
	blocks[find("我们认为,重大传染性疾病")] = strings.Replace(blocks[find("我们认为,重大传染性疾病")], "重大传染性疾病", "重大传染病", 1)
	blocks = slices.Delete(blocks, find("我们反对阻碍全球数字经济"), find("我们反对阻碍全球数字经济")+1)
	blocks = slices.Insert(blocks, find("我们呼吁国际社会加强合作"), "我们欢迎各方为应对疫情作出的努力。")
	start, end := find("上海合作组织成员国元首理事会关于数字经济"), find("上海合作组织成员国元首理事会关于打击利用互联网")
	moved := slices.Clone(blocks[start:end])
	blocks = slices.Delete(blocks, start, end)
	moved[len(moved)-1] = strings.TrimRight(moved[len(moved)-1], "\n")
	blocks = append(blocks, moved...)
	blocks[find("我们向所有奋斗")] = "\u3000" + strings.ReplaceAll(blocks[find("我们向所有奋斗")], "。", "。  ")
	if err := os.WriteFile(src, []byte(strings.Join(blocks, "\n\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	code, stdout, stderr := runVerso(dir, "sync")
	if code != ExitOK || !strings.Contains(stdout, "84 kept, 1 edited, 1 new, 1 retired") {
		t.Fatalf("sync: exit %d\n%s%s", code, stdout, stderr)
	}
	after := segmentIDs(t, dir)
	newID := ""
	for id, text := range after {
		if _, ok := before[id]; !ok {
			newID = id
			if text != "我们欢迎各方为应对疫情作出的努力。" {
				t.Errorf("new ID %s for %q", id, text)
			}
		}
	}
	for id := range before {
		if _, ok := after[id]; !ok && id != deletedID {
			t.Errorf("ID %s (%.40s) was lost", id, before[id])
		}
	}

	code, stdout, _ = runVerso(dir, "check", "--locale", "en", "--format", "json")
	if code != ExitProblems {
		t.Fatalf("check: exit %d, want 1", code)
	}
	var res struct {
		Locales []struct {
			Documents []struct{ Missing, Stale, Orphaned []string }
		}
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatal(err)
	}
	d := res.Locales[0].Documents[0]
	if !slices.Equal(d.Stale, []string{typoID}) || !slices.Equal(d.Missing, []string{newID}) || !slices.Equal(d.Orphaned, []string{deletedID}) {
		t.Errorf("check found stale %v missing %v orphaned %v; want stale [%s] missing [%s] orphaned [%s]",
			d.Stale, d.Missing, d.Orphaned, typoID, newID, deletedID)
	}
}
