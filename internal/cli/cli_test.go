package cli

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// miniRepo writes a miniature repository into a temporary directory.
func miniRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// runVerso runs verso in dir and returns its exit code and output.
func runVerso(dir string, args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Main(append([]string{"-C", dir}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// mustRun runs verso in dir and fails the test unless it exits with want.
func mustRun(t *testing.T, dir string, want int, args ...string) (stdout, stderr string) {
	t.Helper()
	code, stdout, stderr := runVerso(dir, args...)
	if code != want {
		t.Fatalf("verso %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, want, stdout, stderr)
	}
	return stdout, stderr
}

// snapshotDir returns every file under dir with its content, but for
// verso's own state in .verso (the lock).
func snapshotDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && d.Name() == ".verso" {
			return filepath.SkipDir
		}
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		out[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

const miniSource = "标题\n\n第一节\n\n我们强调,各方应加强合作。\n\n2020年11月10日\n"

func TestBadInputIsRejectedAndNothingWritten(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  []string // lines stderr must contain
		// translations marks a bad translation or review file: it stops
		// only the commands that read translations (issue 10, case 9).
		translations bool
	}{
		{
			name:  "source not UTF-8",
			files: map[string]string{"sources/doc.txt": "标题\n\n\xb5\xda\xd2\xbb\n"},
			want:  []string{"sources/doc.txt:3:1: not valid UTF-8; save the file as UTF-8"},
		},
		{
			name: "malformed translation TOML",
			files: map[string]string{"sources/doc.txt": miniSource,
				"translations/doc.en.toml": "[abcdef]\nhash = \"x\"\nother = \"unterminated\n"},
			want:         []string{"translations/doc.en.toml:3: invalid TOML"},
			translations: true,
		},
		{
			name: "duplicate ID in a translation file",
			files: map[string]string{"sources/doc.txt": miniSource,
				"translations/doc.en.toml": "[abcdef]\nother = \"a\"\n\n[abcdef]\nother = \"b\"\n"},
			want:         []string{"translations/doc.en.toml:4: invalid TOML"},
			translations: true,
		},
		{
			name: "ID that does not exist in the source",
			files: map[string]string{"sources/doc.txt": miniSource,
				"translations/doc.en.toml": "# x\n\n[abcdef]\nother = \"a\"\n"},
			want:         []string{"translations/doc.en.toml:3: ID abcdef was never a segment of sources/doc.txt"},
			translations: true,
		},
		{
			name: "duplicate ID in the record",
			files: map[string]string{"sources/doc.txt": miniSource,
				"sources/doc.ids": "abcdef\t标题\nabcdef\t第一节\n"},
			want: []string{"sources/doc.ids:2: duplicate ID abcdef (first on line 1)"},
		},
		{
			name: "translation file without a locale",
			files: map[string]string{"sources/doc.txt": miniSource,
				"translations/doc.toml": "[abcdef]\nother = \"a\"\n"},
			want:         []string{`translations/doc.toml: bad translation file name "doc.toml"`},
			translations: true,
		},
		{
			name: "unknown configuration key and bad values",
			files: map[string]string{"sources/doc.txt": miniSource,
				"verso.toml": "locales = [\"en\"]\nrequired = [\"fr\"]\n\n[publish]\npaper = \"A5\"\ncolour = \"red\"\n"},
			want: []string{
				"verso.toml:2: required locale \"fr\" is not in locales",
				"verso.toml:5: paper \"A5\": use \"A4\" or \"Letter\"",
				"verso.toml:6: unknown key \"publish.colour\"",
			},
		},
		{
			name: "review of an ID that does not exist",
			files: map[string]string{"sources/doc.txt": miniSource, "verso.toml": "locales = [\"en\"]\n",
				"translations/doc.en.review.tsv": "# x\nabcdef\tneeds-review\tcheck\n"},
			want:         []string{"translations/doc.en.review.tsv:2: ID abcdef was never a segment of sources/doc.txt"},
			translations: true,
		},
		{
			name: "merge conflict in the record",
			files: map[string]string{"sources/doc.txt": miniSource,
				"sources/doc.ids": "abcdef\t标题\n<<<<<<< HEAD\nbcdefg\t第一节\n=======\ncdefgh\t第一节\n>>>>>>> other\n"},
			want: []string{"sources/doc.ids:2: malformed ID record: unresolved merge conflict; keep either side (or both) without the markers and run verso sync"},
		},
		{
			name:  "malformed configuration",
			files: map[string]string{"sources/doc.txt": miniSource, "verso.toml": "locales = [\"en\"\n"},
			want:  []string{"verso.toml:"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := miniRepo(t, c.files)
			before := snapshotDir(t, dir)
			for _, cmd := range [][]string{{"check"}, {"status"}, {"segments"}, {"sync"}} {
				code, _, stderr := runVerso(dir, cmd...)
				if c.translations && (cmd[0] == "segments" || cmd[0] == "sync") {
					if code != ExitOK || strings.Contains(stderr, c.want[0]) {
						t.Errorf("verso %s: exit %d, want 0 without a word about the translation file\n%s", cmd[0], code, stderr)
					}
					continue
				}
				if code != ExitUsage {
					t.Errorf("verso %s: exit %d, want %d\n%s", cmd[0], code, ExitUsage, stderr)
				}
				for _, w := range c.want {
					if !strings.Contains(stderr, w) {
						t.Errorf("verso %s: stderr lacks %q:\n%s", cmd[0], w, stderr)
					}
				}
			}
			after := snapshotDir(t, dir)
			if c.translations {
				// sync wrote the record, and only that.
				delete(after, filepath.Join(dir, "sources", "doc.ids"))
				delete(before, filepath.Join(dir, "sources", "doc.ids"))
			}
			if !maps.Equal(before, after) {
				t.Error("a command wrote files although its input was invalid")
			}
		})
	}
}

func TestExitCodes(t *testing.T) {
	dir := miniRepo(t, map[string]string{"sources/doc.txt": miniSource, "verso.toml": "locales = [\"en\"]\nrequired = [\"en\"]\n"})
	if code, _, stderr := runVerso(dir, "sync", "--check"); code != ExitProblems {
		t.Errorf("sync --check without a record: exit %d, want 1\n%s", code, stderr)
	}
	if code, _, stderr := runVerso(dir, "sync"); code != ExitOK {
		t.Fatalf("sync: exit %d\n%s", code, stderr)
	}
	if code, stdout, _ := runVerso(dir, "check"); code != ExitProblems || strings.Count(stdout, "en: missing") != 4 {
		t.Errorf("check of an untranslated required locale: exit %d, want 1 and 4 missing:\n%s", code, stdout)
	}
	if code, _, _ := runVerso(dir, "check", "--locale", "de"); code != ExitUsage {
		t.Errorf("check of an unconfigured locale: exit %d, want 2", code)
	}
	if code, _, _ := runVerso(dir, "status", "--bogus"); code != ExitUsage {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
	if code, _, _ := runVerso(dir, "segments", "nodoc"); code != ExitUsage {
		t.Errorf("unknown document: exit %d, want 2", code)
	}
	if code, _, stderr := runVerso(dir, "status", "-C", dir); code != ExitUsage || !strings.Contains(stderr, "-C goes before the command") {
		t.Errorf("-C after the command: exit %d, stderr %q", code, stderr)
	}
	var stderr bytes.Buffer
	if code := Main(nil, strings.NewReader(""), &bytes.Buffer{}, &stderr); code != ExitUsage || !strings.Contains(stderr.String(), "Usage: verso") {
		t.Errorf("no command: exit %d, want 2 and the usage on stderr", code)
	}
	if code, _, stderr := runVerso(dir, "check", "--help"); code != ExitOK || !strings.Contains(stderr, "Exit codes") {
		t.Errorf("check --help: exit %d, stderr %q", code, stderr)
	}
}
