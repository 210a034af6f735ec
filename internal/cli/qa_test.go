package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"verso/align"
	"verso/align/msgfile"
)

// qaFindings runs verso qa --format json and returns its problems as
// "locale check id" strings, source lint left out, and the exit code.
func qaFindings(t *testing.T, dir string, args ...string) ([]string, int) {
	t.Helper()
	code, stdout, stderr := runVerso(dir, append([]string{"qa", "--format", "json"}, args...)...)
	if code == ExitUsage {
		t.Fatalf("verso qa: exit 2\n%s", stderr)
	}
	var out struct {
		OK       bool
		Problems []qaProblemJSON
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	var got []string
	for _, p := range out.Problems {
		if p.Check != "source" {
			got = append(got, fmt.Sprintf("%s %s %s", p.Locale, p.Check, p.ID))
		}
	}
	slices.Sort(got)
	return got, code
}

// damage replaces text in a translation message, failing when the text is
// not there.
func damage(t *testing.T, dir, rel, id, old, new string) {
	t.Helper()
	path := filepath.Join(dir, rel)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	trs, err := msgfile.Parse(rel, data)
	if err != nil {
		t.Fatal(err)
	}
	for i, tr := range trs {
		if tr.ID != id {
			continue
		}
		if !strings.Contains(tr.Text, old) {
			t.Fatalf("%s: %q not in %q", id, old, tr.Text)
		}
		trs[i].Text = strings.Replace(tr.Text, old, new, 1)
		os.WriteFile(path, msgfile.Marshal(msgfile.Header(data), trs), 0o644)
		return
	}
	t.Fatalf("%s: no message %s", rel, id)
}

// TestQAFindsEveryDamage is the acceptance test of verso qa: on this
// repository it finds nothing in the translations; on a copy of the
// English translation damaged six ways (a number changed, a date off by a
// day, a bracket dropped, a glossary term replaced, a paragraph left in
// Chinese, and, in a Markdown document, a link removed) it finds each
// damage, and nothing else.
func TestQAFindsEveryDamage(t *testing.T) {
	dir := copyRepo(t)
	// A Markdown document with a link, a code span and a footnote.
	os.WriteFile(filepath.Join(dir, "sources", "memo.md"), []byte("# 合作备忘录\n\n"+
		"双方同意在[上合组织网站](https://example.org/sco)公布本备忘录。[^1]\n\n"+
		"配置文件为`verso.toml`。\n\n[^1]: 见附件。\n"), 0o644)
	mustRun(t, dir, ExitOK, "sync")
	ids := map[string]string{}
	for _, s := range segmentsOf(t, dir, "memo") {
		ids[s.Text] = s.ID
	}
	trs := []struct{ src, tr string }{
		{"合作备忘录", "Memorandum of Cooperation"},
		{"双方同意在[上合组织网站](https://example.org/sco)公布本备忘录。[^1]", "The Parties agree to publish this memorandum on the [SCO website](https://example.org/sco).[^1]"},
		{"配置文件为`verso.toml`。", "The configuration file is `verso.toml`."},
	}
	var toml strings.Builder
	for _, x := range trs {
		id, ok := ids[x.src]
		if !ok {
			t.Fatalf("no segment %q in %v", x.src, ids)
		}
		fmt.Fprintf(&toml, "[%s]\nhash = %q\nother = %q\n\n", id, align.Hash(x.src), x.tr)
	}
	os.WriteFile(filepath.Join(dir, "translations", "memo.en.toml"), []byte(toml.String()), 0o644)

	got, code := qaFindings(t, dir)
	if code != ExitOK || len(got) > 0 {
		t.Fatalf("undamaged repository: exit %d, problems %q", code, got)
	}

	en := filepath.Join("translations", "sco-2020-statements.en.toml")
	damage(t, dir, en, "jk1vgs", "1624", "1642")
	damage(t, dir, en, "mz1te0", "10 June 2018", "11 June 2018")
	damage(t, dir, en, "xnxq83", "10 November)", "10 November")
	damage(t, dir, en, "hqxndh", "Shanghai Cooperation Organisation", "Shanghai Cooperation Organization")
	damage(t, dir, en, "e0h0pr", "We emphasise the great importance", "我们强调")
	damage(t, dir, filepath.Join("translations", "memo.en.toml"), ids[trs[1].src], "[SCO website](https://example.org/sco)", "SCO website")
	got, code = qaFindings(t, dir)
	want := []string{
		"en brackets xnxq83",
		"en consistency xnxq83", // the same source is "(Xinhua, Moscow, 10 November)" elsewhere
		"en dates mz1te0",
		"en markup " + ids[trs[1].src],
		"en numbers jk1vgs",
		"en terminology hqxndh",
		"en untranslated e0h0pr",
	}
	if code != ExitProblems || !slices.Equal(got, want) {
		t.Errorf("damaged: exit %d, problems\n%q\nwant\n%q", code, got, want)
	}
}

func segmentsOf(t *testing.T, dir, doc string) []segmentJSON {
	t.Helper()
	stdout, _ := mustRun(t, dir, ExitOK, "segments", "--json", doc)
	var out []struct{ Segments []segmentJSON }
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	return out[0].Segments
}

// TestCheckAndQAErrorsInErrorFormat: the findings of check and qa are
// their output (--format, on stdout), their own errors the run's
// diagnostics (--error-format, on stderr): a file that does not load is
// one JSON document on stderr, naming it, while the findings stay SARIF
// on stdout.
func TestCheckAndQAErrorsInErrorFormat(t *testing.T) {
	dir := copyRepo(t)
	const bad = "translations/sco-2020-statements.ru.toml"
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(bad)), []byte("[abc\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"check", "--format", "sarif"}, {"qa", "--locale", "en", "--format", "sarif"}} {
		stdout, stderr := mustRun(t, dir, ExitUsage, append([]string{"--error-format", "json"}, args...)...)
		var errs struct {
			OK          bool
			Diagnostics []struct{ File, Severity string }
		}
		i := strings.Index(stderr, "{")
		if i < 0 {
			t.Fatalf("verso %s: no JSON on stderr:\n%s", args[0], stderr)
		}
		if err := json.Unmarshal([]byte(stderr[i:]), &errs); err != nil {
			t.Fatalf("verso %s: stderr does not end in one JSON document: %v\n%s", args[0], err, stderr)
		}
		if errs.OK || len(errs.Diagnostics) == 0 || errs.Diagnostics[0].File != bad || errs.Diagnostics[0].Severity != "error" {
			t.Errorf("verso %s: stderr diagnostics %+v, want the bad file first", args[0], errs)
		}
		if args[0] == "check" && !strings.Contains(stdout, `"version": "2.1.0"`) {
			t.Errorf("verso check: stdout is not the SARIF report:\n%s", stdout)
		}
	}
}
