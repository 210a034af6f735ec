package cli

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"verso/internal/project"
	"verso/internal/testenv"
)

// exchangeFormat is one exchange format as the tests drive it: how to
// export a locale and how a translator's edits look in the file.
type exchangeFormat struct {
	name   string
	cmd    string   // the command: po, xliff
	export []string // export arguments after the command
	file   string   // the file written
	// setTarget sets the translation of a segment, as a translator marks
	// it done.
	setTarget func(data []byte, id, text string) []byte
	// setSource edits a segment's source text.
	setSource func(data []byte, id, text string) []byte
	// setLocale changes the file's target language.
	setLocale func(data []byte, locale string) []byte
	xml       bool
}

var exchangeFormats = []exchangeFormat{
	{name: "po", cmd: "po", export: []string{"export", "--locale", "ru"}, file: "po/ru.po",
		setTarget: func(data []byte, id, text string) []byte {
			re := regexp.MustCompile(`(?m)^#, fuzzy\n((?:#\|.*\n)*msgctxt "` + id + `"\n)`)
			data = re.ReplaceAll(data, []byte("$1"))
			re = regexp.MustCompile(`(msgctxt "` + id + `"\nmsgid "[^\n]*"\nmsgstr )"[^\n]*"`)
			return re.ReplaceAll(data, []byte(`$1"`+text+`"`))
		},
		setSource: func(data []byte, id, text string) []byte {
			re := regexp.MustCompile(`(msgctxt "` + id + `"\nmsgid )"[^\n]*"`)
			return re.ReplaceAll(data, []byte(`$1"`+text+`"`))
		},
		setLocale: func(data []byte, locale string) []byte {
			return regexp.MustCompile(`"Language: [^\\]*\\n"`).ReplaceAll(data, []byte(`"Language: `+locale+`\n"`))
		},
	},
	{name: "xliff-2.1", cmd: "xliff", export: []string{"export", "--locale", "ru"}, file: "xliff/ru.xlf", xml: true,
		setTarget: func(data []byte, id, text string) []byte {
			re := regexp.MustCompile(`<segment id="` + id + `" state="[^"]*"(?: subState="[^"]*")?><source>([^<]*)</source>(?:<target>[^<]*</target>)?</segment>`)
			return re.ReplaceAll(data, []byte(`<segment id="`+id+`" state="translated"><source>$1</source><target>`+text+`</target></segment>`))
		},
		setSource: func(data []byte, id, text string) []byte {
			re := regexp.MustCompile(`(<segment id="` + id + `"[^>]*><source>)[^<]*`)
			return re.ReplaceAll(data, []byte(`${1}`+text))
		},
		setLocale: func(data []byte, locale string) []byte {
			return regexp.MustCompile(`trgLang="[^"]*"`).ReplaceAll(data, []byte(`trgLang="`+locale+`"`))
		},
	},
	{name: "xliff-1.2", cmd: "xliff", export: []string{"export", "--locale", "ru", "--version", "1.2", "-o", "xliff/ru12.xlf"}, file: "xliff/ru12.xlf", xml: true,
		setTarget: func(data []byte, id, text string) []byte {
			re := regexp.MustCompile(`(<trans-unit id="` + id + `"[^>]*>\n\s*<source>[^<]*</source>\n)(?:\s*<target[^>]*>[^<]*</target>\n)?`)
			return re.ReplaceAll(data, []byte(`${1}        <target state="translated">`+text+"</target>\n"))
		},
		setSource: func(data []byte, id, text string) []byte {
			re := regexp.MustCompile(`(<trans-unit id="` + id + `"[^>]*>\n\s*<source>)[^<]*`)
			return re.ReplaceAll(data, []byte(`${1}`+text))
		},
		setLocale: func(data []byte, locale string) []byte {
			return regexp.MustCompile(`target-language="[^"]*"`).ReplaceAll(data, []byte(`target-language="`+locale+`"`))
		},
	},
}

// exchangeProject is sheetProject with the IDs of alpha's segments:
// title and p1 translated, heading, p2 and p3 missing.
func exchangeProject(t *testing.T) (root string, ids []string) {
	t.Helper()
	root = sheetProject(t)
	p, err := project.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range p.Doc("alpha").Segments {
		ids = append(ids, s.ID)
	}
	return root, ids
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestExchangeRoundTrip(t *testing.T) {
	for _, f := range exchangeFormats {
		t.Run(f.name, func(t *testing.T) {
			root, ids := exchangeProject(t)
			trDir := filepath.Join(root, "translations")
			before := snapshotDir(t, trDir)
			mustRun(t, root, 0, append([]string{f.cmd}, f.export...)...)
			file := filepath.Join(root, f.file)
			exported := readFile(t, file)
			// Untouched: nothing changes, not a byte.
			stdout, _ := mustRun(t, root, 0, f.cmd, "import", f.file)
			if !strings.Contains(stdout, "0 translations imported, 0 confirmed, 0 statuses or notes changed, 8 ") {
				t.Errorf("untouched import: %s", stdout)
			}
			if !maps.Equal(before, snapshotDir(t, trDir)) {
				t.Fatal("an untouched file changed translations/")
			}
			// The same export again gives the same bytes.
			mustRun(t, root, 0, append([]string{f.cmd}, f.export...)...)
			if !bytes.Equal(exported, readFile(t, file)) {
				t.Error("exporting twice gave different bytes")
			}
			// A translator fills a missing segment.
			writeFile(t, file, f.setTarget(exported, ids[3], "Второй абзац."))
			stdout, _ = mustRun(t, root, 0, f.cmd, "import", "--dry-run", f.file)
			if !strings.Contains(stdout, "1 translation imported") || !maps.Equal(before, snapshotDir(t, trDir)) {
				t.Fatalf("--dry-run: %s", stdout)
			}
			mustRun(t, root, 0, f.cmd, "import", f.file)
			if tr := readFile(t, filepath.Join(trDir, "alpha.ru.toml")); !bytes.Contains(tr, []byte("Второй абзац.")) {
				t.Fatalf("not imported:\n%s", tr)
			}
			// Imported again: nothing more.
			after := snapshotDir(t, trDir)
			stdout, _ = mustRun(t, root, 0, f.cmd, "import", f.file)
			if !strings.Contains(stdout, "0 translations imported") || !maps.Equal(after, snapshotDir(t, trDir)) {
				t.Errorf("second import: %s", stdout)
			}
			// The export now holds nothing to import, so it may be
			// overwritten; an edited one may not, without --force.
			mustRun(t, root, 0, append([]string{f.cmd}, f.export...)...)
			writeFile(t, file, f.setTarget(readFile(t, file), ids[4], "Третий абзац."))
			_, stderr := mustRun(t, root, ExitUsage, append([]string{f.cmd}, f.export...)...)
			if !strings.Contains(stderr, "holds 1 edit not yet imported") {
				t.Errorf("export over an edited file: %s", stderr)
			}
			mustRun(t, root, 0, append(append([]string{f.cmd}, f.export...), "--force")...)
		})
	}
}

func TestExchangeConflict(t *testing.T) {
	for _, f := range exchangeFormats {
		t.Run(f.name, func(t *testing.T) {
			root, ids := exchangeProject(t)
			mustRun(t, root, 0, append([]string{f.cmd}, f.export...)...)
			file := filepath.Join(root, f.file)
			writeFile(t, file, f.setTarget(readFile(t, file), ids[2], "Перевод из файла."))
			trPath := filepath.Join(root, "translations", "alpha.ru.toml")
			repo := bytes.Replace(readFile(t, trPath), []byte("Первый абзац."), []byte("Перевод из репозитория."), 1)
			writeFile(t, trPath, repo)
			_, stderr := mustRun(t, root, ExitProblems, f.cmd, "import", f.file)
			if !regexp.MustCompile(regexp.QuoteMeta(f.file) + `:\d+: conflict: translations/alpha.ru.toml changed ` + ids[2]).MatchString(stderr) {
				t.Errorf("stderr:\n%s", stderr)
			}
			if !bytes.Equal(readFile(t, trPath), repo) {
				t.Fatal("a conflict overwrote the translation file")
			}
			mustRun(t, root, 0, f.cmd, "import", f.file, "--prefer", "repo")
			if !bytes.Equal(readFile(t, trPath), repo) {
				t.Fatal("--prefer repo changed the translation file")
			}
			mustRun(t, root, 0, f.cmd, "import", f.file, "--prefer", "file")
			if !bytes.Contains(readFile(t, trPath), []byte("Перевод из файла.")) {
				t.Fatal("--prefer file did not take the file's translation")
			}
		})
	}
}

// TestExchangeBadInput: every format refuses the same bad input the same
// way: unusable files with exit 2, bad entries with exit 1, positioned at
// file:line, and nothing written.
func TestExchangeBadInput(t *testing.T) {
	type badCase struct {
		name string
		make func(f exchangeFormat, data []byte, ids []string) []byte
		code int
		want string // a regexp the stderr must match
		xml  bool   // only for XML formats
	}
	cases := []badCase{
		{"unknown ID", func(f exchangeFormat, d []byte, ids []string) []byte {
			return bytes.ReplaceAll(f.setTarget(d, ids[3], "Текст."), []byte(`"`+ids[3]+`"`), []byte(`"zzzzzz"`))
		}, ExitProblems, `:\d+: unknown ID "zzzzzz"`, false},
		{"duplicate ID", func(f exchangeFormat, d []byte, ids []string) []byte {
			return bytes.ReplaceAll(f.setTarget(d, ids[3], "Текст."), []byte(`"`+ids[4]+`"`), []byte(`"`+ids[3]+`"`))
		}, ExitProblems, `:\d+: duplicate ID`, false},
		{"edited source", func(f exchangeFormat, d []byte, ids []string) []byte {
			return f.setSource(f.setTarget(d, ids[3], "Текст."), ids[3], "改过的原文。")
		}, ExitProblems, `:\d+: source cell edited: the source text is read-only`, false},
		{"wrong locale", func(f exchangeFormat, d []byte, ids []string) []byte { return f.setLocale(d, "fr") },
			ExitUsage, `wrong locale: its locale "fr" is not configured`, false},
		{"truncated", func(f exchangeFormat, d []byte, ids []string) []byte {
			cut := len(d) * 2 / 3
			if !f.xml { // in the middle of a string
				cut = bytes.LastIndex(d[:cut], []byte(`msgid "`)) + 9
			}
			return d[:cut]
		},
			ExitUsage, `:\d+: `, false},
		{"malformed", func(f exchangeFormat, d []byte, ids []string) []byte {
			if f.xml {
				return bytes.Replace(d, []byte("</source>"), nil, 1)
			}
			return bytes.Replace(d, []byte("msgctxt"), []byte("msgctx"), 1)
		}, ExitUsage, `:\d+: (malformed XML|PO syntax error)`, false},
		{"external entity", func(f exchangeFormat, d []byte, ids []string) []byte {
			return bytes.Replace(d, []byte("?>\n"), []byte("?>\n<!DOCTYPE xliff [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"), 1)
		}, ExitUsage, `:2:1: document type declaration with declarations: verso does not read DTDs`, true},
		{"billion laughs", func(f exchangeFormat, d []byte, ids []string) []byte {
			bomb := `<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>` + "\n"
			d = bytes.Replace(d, []byte("?>\n"), []byte("?>\n"+bomb), 1)
			return bytes.Replace(d, []byte("<source>"), []byte("<source>&c;"), 1)
		}, ExitUsage, `:2:1: document type declaration`, true},
	}
	for _, f := range exchangeFormats {
		root, ids := exchangeProject(t)
		mustRun(t, root, 0, append([]string{f.cmd}, f.export...)...)
		good := readFile(t, filepath.Join(root, f.file))
		trDir := filepath.Join(root, "translations")
		before := snapshotDir(t, trDir)
		for _, c := range cases {
			if c.xml && !f.xml {
				continue
			}
			t.Run(f.name+"/"+c.name, func(t *testing.T) {
				bad := filepath.Join(root, "bad"+filepath.Ext(f.file))
				writeFile(t, bad, c.make(f, good, ids))
				_, stderr := mustRun(t, root, c.code, f.cmd, "import", filepath.Base(bad))
				if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(filepath.Base(bad)) + `.*` + c.want).MatchString(stderr) {
					t.Errorf("stderr:\n%s\nwant %s", stderr, c.want)
				}
				if !maps.Equal(before, snapshotDir(t, trDir)) {
					t.Error("translations/ changed")
				}
				t.Log(strings.SplitN(stderr, "\n", 2)[0])
			})
		}
	}
}

// TestPOClients runs gettext and translate-toolkit on an exported PO file:
// msgfmt --check accepts it, pocount counts what verso status counts, and
// files rewritten by msgmerge and by a po2xliff / xliff2po round trip
// import cleanly.
func TestPOClients(t *testing.T) {
	msgfmt := testenv.Command(t, "msgfmt", "gettext")
	root, ids := exchangeProject(t)
	mustRun(t, root, 0, "po", "export", "--locale", "ru")
	file := filepath.Join(root, "po", "ru.po")
	run := func(name string, args ...string) string {
		t.Helper()
		out, err := exec.Command(name, args...).CombinedOutput()
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
		return string(out)
	}
	run(msgfmt, "--check", "-o", os.DevNull, file)
	pocount := testenv.Command(t, "pocount", "translate-toolkit")
	got := run(pocount, "--csv", file)
	// Filename, Total, Translated, Fuzzy, Untranslated, ... in strings.
	status, _ := mustRun(t, root, 0, "status", "--json")
	// Filename, Translated Messages, Translated Source Words, Translated
	// Target Words, Fuzzy Messages, Fuzzy Source Words, Untranslated
	// Messages, ...
	var translated, missing, stale int
	for _, l := range strings.Split(got, "\n") {
		if f := strings.Split(l, ","); len(f) > 6 && strings.HasSuffix(f[0], "ru.po") {
			fmt.Sscan(f[1], &translated)
			fmt.Sscan(f[4], &stale)
			fmt.Sscan(f[6], &missing)
		}
	}
	if translated != 2 || stale != 0 || missing != 6 {
		t.Errorf("pocount: %d translated, %d fuzzy, %d untranslated; want 2 0 6 as verso status:\n%s\n%s", translated, stale, missing, got, status)
	}
	trDir := filepath.Join(root, "translations")
	before := snapshotDir(t, trDir)
	// msgmerge against a template made from the file rewraps every string.
	msgfilter := testenv.Command(t, "msgfilter", "gettext")
	pot := filepath.Join(root, "ru.pot")
	run(msgfilter, "--keep-header", "-i", file, "-o", pot, "sed", "-e", "d")
	merged := filepath.Join(root, "merged.po")
	run(testenv.Command(t, "msgmerge", "gettext"), "-q", "-o", merged, file, pot)
	stdout, _ := mustRun(t, root, 0, "po", "import", "merged.po")
	if !strings.Contains(stdout, "0 translations imported") || !maps.Equal(before, snapshotDir(t, trDir)) {
		t.Fatalf("msgmerge round trip: %s", stdout)
	}
	// Through XLIFF with translate-toolkit and back; a translation made on
	// the way imports.
	xlf := filepath.Join(root, "tt.xlf")
	run(testenv.Command(t, "po2xliff", "translate-toolkit"), file, xlf)
	back := filepath.Join(root, "back.po")
	run(testenv.Command(t, "xliff2po", "translate-toolkit"), xlf, back)
	stdout, _ = mustRun(t, root, 0, "po", "import", "back.po")
	if !strings.Contains(stdout, "0 translations imported") || !maps.Equal(before, snapshotDir(t, trDir)) {
		t.Fatalf("po2xliff/xliff2po round trip: %s", stdout)
	}
	writeFile(t, merged, poSetTarget(t, readFile(t, merged), ids[3], "Второй абзац из msgmerge."))
	stdout, _ = mustRun(t, root, 0, "po", "import", "merged.po")
	if !strings.Contains(stdout, "1 translation imported") || !bytes.Contains(readFile(t, filepath.Join(trDir, "alpha.ru.toml")), []byte("Второй абзац из msgmerge.")) {
		t.Fatalf("a translation in a msgmerge'd file: %s", stdout)
	}
}

// poSetTarget sets a msgstr in a PO file that gettext tools rewrapped:
// the entry's msgstr may span several lines.
func poSetTarget(t *testing.T, data []byte, id, text string) []byte {
	t.Helper()
	re := regexp.MustCompile(`(msgctxt "` + id + `"\nmsgid (?:"[^\n]*"\n)+msgstr )(?:"[^\n]*"\n)+`)
	if !re.Match(data) {
		t.Fatalf("no entry %s", id)
	}
	return re.ReplaceAll(data, []byte(`${1}"`+text+"\"\n"))
}

// TestXLIFFValidates validates both versions against the official OASIS
// schemas (testdata of export/xliff) with xmllint.
func TestXLIFFValidates(t *testing.T) {
	xmllint := testenv.Command(t, "xmllint", "libxml2-utils")
	root, _ := exchangeProject(t)
	mustRun(t, root, 0, "xliff", "export")
	mustRun(t, root, 0, "xliff", "export", "--version", "1.2", "--locale", "ru", "-o", "ru12.xlf")
	schemas, _ := filepath.Abs("../../export/xliff/testdata")
	for file, schema := range map[string]string{
		"xliff/ru.xlf": "xliff-2.1/verso-xliff-2.1.xsd",
		"ru12.xlf":     "xliff-1.2/xliff-core-1.2-strict.xsd",
	} {
		cmd := exec.Command(xmllint, "--nonet", "--noout", "--schema", filepath.Join(schemas, schema), filepath.Join(root, file))
		cmd.Env = append(os.Environ(), "XML_CATALOG_FILES="+filepath.Join(schemas, "catalog.xml"))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s does not validate against %s: %v\n%s", file, schema, err, out)
		}
	}
}

// TestXLIFFTranslateToolkit edits an exported XLIFF 1.2 file with
// translate-toolkit's XLIFF store (lxml re-serializes the whole file, as a
// CAT tool does) and imports it.
func TestXLIFFTranslateToolkit(t *testing.T) {
	py := testenv.PythonWith(t, "translate.storage.xliff", "translate-toolkit")
	root, ids := exchangeProject(t)
	mustRun(t, root, 0, "xliff", "export", "--version", "1.2", "--locale", "ru")
	script := `import sys
from translate.storage import xliff
store = xliff.xlifffile.parsefile(sys.argv[1])
for unit in store.units:
    if unit.getid().split("\x04")[-1] == sys.argv[2]:
        unit.target = "Второй абзац из translate-toolkit."
        unit.markfuzzy(False)
        unit.marktranslated()
store.savefile(sys.argv[1])
`
	file := filepath.Join(root, "xliff", "ru.xlf")
	if out, err := exec.Command(py, "-c", script, file, ids[3]).CombinedOutput(); err != nil {
		t.Fatalf("translate-toolkit: %v\n%s", err, out)
	}
	stdout, _ := mustRun(t, root, 0, "xliff", "import", "xliff/ru.xlf")
	if !strings.Contains(stdout, "1 translation imported") {
		t.Errorf("stdout: %s", stdout)
	}
}

// TestTMX exports a memory, reads one translate-toolkit wrote (po2tmx) and
// stores both; importing the same memory again writes nothing.
func TestTMX(t *testing.T) {
	root, _ := exchangeProject(t)
	stdout, _ := mustRun(t, root, 0, "tmx", "export")
	if !strings.Contains(stdout, "tmx/verso.tmx: 2 translation units, ru") {
		t.Errorf("stdout: %s", stdout)
	}
	mustRun(t, root, 0, "tmx", "import", "tmx/verso.tmx")
	stored := readFile(t, filepath.Join(root, "translations", "memory", "verso.tmx"))
	if !bytes.Equal(stored, readFile(t, filepath.Join(root, "tmx", "verso.tmx"))) {
		t.Error("the stored memory differs from the file")
	}
	_, stderr := mustRun(t, root, 0, "tmx", "import", "tmx/verso.tmx")
	if strings.Contains(stderr, "wrote") {
		t.Errorf("the same memory was written again: %s", stderr)
	}
	writeFile(t, filepath.Join(root, "bad.tmx"), []byte("<tmx version=\"1.4\">\n<body><tu><tuv xml:lang=\"en\"><seg>cut"))
	_, stderr = mustRun(t, root, ExitUsage, "tmx", "import", "bad.tmx")
	if !strings.Contains(stderr, "bad.tmx:2: malformed XML") {
		t.Errorf("stderr: %s", stderr)
	}
	if _, err := os.Stat(filepath.Join(root, "memory", "bad.tmx")); err == nil {
		t.Error("a bad memory was stored")
	}
	po2tmx := testenv.Command(t, "po2tmx", "translate-toolkit")
	mustRun(t, root, 0, "po", "export", "--locale", "ru")
	if out, err := exec.Command(po2tmx, "-l", "ru", filepath.Join(root, "po", "ru.po"), filepath.Join(root, "tt.tmx")).CombinedOutput(); err != nil {
		t.Fatalf("po2tmx: %v\n%s", err, out)
	}
	stdout, _ = mustRun(t, root, 0, "tmx", "import", "tt.tmx")
	if !strings.Contains(stdout, "tt.tmx: 2 translation units -> translations/memory/tt.tmx") {
		t.Errorf("stdout: %s", stdout)
	}
}

// TestXLIFFInlineMarkup: a Markdown document's inline markup goes out as
// XLIFF inline codes (2.1 <pc>/<ph>, 1.2 <g>/<x>), validates, comes back
// as the same Markdown (an untouched file changes nothing), and a target
// that lost a link is rejected.
func TestXLIFFInlineMarkup(t *testing.T) {
	src := "# 声明\n\n见**重要**的[链接](https://example.org/a?b=1&c=2)和`代码`。[^1]\n\n[^1]: 脚注。\n"
	root := miniRepo(t, map[string]string{
		"verso.toml":     "source_language = \"zh-Hans\"\nlocales = [\"en\"]\n",
		"sources/doc.md": src,
	})
	mustRun(t, root, 0, "sync")
	p, err := project.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	var para string
	os.MkdirAll(filepath.Join(root, "translations"), 0o755)
	for _, s := range p.Doc("doc").Segments {
		if strings.Contains(s.Text, "链接") {
			para = s.ID
			writeFile(t, filepath.Join(root, "translations", "doc.en.toml"), []byte(fmt.Sprintf("[%s]\nhash = %q\nother = %q\n", s.ID, s.Hash,
				"See the **important** [link](https://example.org/a?b=1&c=2) and `代码`.[^1]")))
		}
	}
	if para == "" {
		t.Fatal("no paragraph with a link")
	}
	trDir := filepath.Join(root, "translations")
	before := snapshotDir(t, trDir)
	for _, v := range []struct{ version, bold, link string }{
		{"2.1", `<pc id="1" type="fmt" subType="xlf:b">重要</pc>`, `<pc id="2" type="link" verso:href="https://example.org/a?b=1&amp;c=2">`},
		{"1.2", `<g id="1" ctype="bold">重要</g>`, `<g id="2" ctype="link" equiv-text="https://example.org/a?b=1&amp;c=2">`},
	} {
		mustRun(t, root, 0, "xliff", "export", "--version", v.version, "--force")
		file := filepath.Join(root, "xliff", "en.xlf")
		data := readFile(t, file)
		if !bytes.Contains(data, []byte(v.bold)) || !bytes.Contains(data, []byte(v.link)) {
			t.Fatalf("%s: no inline codes:\n%s", v.version, data)
		}
		stdout, _ := mustRun(t, root, 0, "xliff", "import", "xliff/en.xlf")
		if !strings.Contains(stdout, "0 translations imported") || !maps.Equal(before, snapshotDir(t, trDir)) {
			t.Fatalf("%s: untouched import: %s", v.version, stdout)
		}
		// The translator drops the link's code: rejected.
		re := regexp.MustCompile(`(<target[^>]*>.*?)<(pc|g) id="2"[^>]*>(link)</(pc|g)>`)
		if !re.Match(data) {
			t.Fatalf("%s: no link in the target:\n%s", v.version, data)
		}
		writeFile(t, file, re.ReplaceAll(data, []byte("${1}${3}")))
		_, stderr := mustRun(t, root, ExitProblems, "xliff", "import", "xliff/en.xlf")
		if !strings.Contains(stderr, "markup differs from the source: link https://example.org/a?b=1&c=2: 1 in the source, 0 in the translation") {
			t.Errorf("%s: stderr:\n%s", v.version, stderr)
		}
		if !maps.Equal(before, snapshotDir(t, trDir)) {
			t.Fatalf("%s: a rejected unit changed translations/", v.version)
		}
	}
	if xmllint, err := exec.LookPath("xmllint"); err == nil {
		schemas, _ := filepath.Abs("../../export/xliff/testdata")
		mustRun(t, root, 0, "xliff", "export", "--force")
		cmd := exec.Command(xmllint, "--nonet", "--noout", "--schema", filepath.Join(schemas, "xliff-2.1/verso-xliff-2.1.xsd"), filepath.Join(root, "xliff", "en.xlf"))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("2.1 with inline codes does not validate: %v\n%s", err, out)
		}
		mustRun(t, root, 0, "xliff", "export", "--version", "1.2", "--force")
		cmd = exec.Command(xmllint, "--nonet", "--noout", "--schema", filepath.Join(schemas, "xliff-1.2/xliff-core-1.2-strict.xsd"), filepath.Join(root, "xliff", "en.xlf"))
		cmd.Env = append(os.Environ(), "XML_CATALOG_FILES="+filepath.Join(schemas, "catalog.xml"))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("1.2 with inline codes does not validate: %v\n%s", err, out)
		}
	}
}

// TestImportAnnotations: with --error-format github, an import's rejected
// entries and an unusable file are workflow annotations at their file,
// line or cell, with the kind of problem as the title.
func TestImportAnnotations(t *testing.T) {
	for _, f := range exchangeFormats {
		t.Run(f.name, func(t *testing.T) {
			root, ids := exchangeProject(t)
			mustRun(t, root, 0, append([]string{f.cmd}, f.export...)...)
			file := filepath.Join(root, f.file)
			good := readFile(t, file)
			unknown := bytes.ReplaceAll(f.setTarget(good, ids[3], "Текст."), []byte(`"`+ids[3]+`"`), []byte(`"zzzzzz"`))
			writeFile(t, file, unknown)
			_, stderr := mustRun(t, root, ExitProblems, "--error-format", "github", f.cmd, "import", f.file)
			if !regexp.MustCompile(`(?m)^::error file=` + regexp.QuoteMeta(f.file) + `,line=\d+(,col=\d+)?,title=unknown-id::unknown ID "zzzzzz"`).MatchString(stderr) {
				t.Errorf("rejected entry, stderr:\n%s", stderr)
			}
			writeFile(t, filepath.Join(root, "bad"+filepath.Ext(f.file)), f.setLocale(good, "fr"))
			_, stderr = mustRun(t, root, ExitUsage, "--error-format", "github", f.cmd, "import", "bad"+filepath.Ext(f.file))
			if !regexp.MustCompile(`(?m)^::error file=bad`+regexp.QuoteMeta(filepath.Ext(f.file))+`,title=locale::wrong locale: its locale "fr" is not configured`).MatchString(stderr) ||
				!strings.Contains(stderr, "::unusable input; nothing was written") {
				t.Errorf("unusable file, stderr:\n%s", stderr)
			}
		})
	}
	t.Run("sheet", func(t *testing.T) {
		root, ids := exchangeProject(t)
		mustRun(t, root, 0, "sheet", "export", "--locale", "ru")
		editRows(t, filepath.Join(root, "sheets", "ru.xlsx"), [3]string{ids[3], "F", "Текст."}, [3]string{ids[3], "A", "zzzzzz"})
		_, stderr := mustRun(t, root, ExitProblems, "--error-format", "github", "sheet", "import", "sheets/ru.xlsx")
		if !regexp.MustCompile(`(?m)^::error file=sheets/ru.xlsx,title=unknown-id::alpha!A\d+: unknown ID "zzzzzz"`).MatchString(stderr) {
			t.Errorf("rejected row, stderr:\n%s", stderr)
		}
	})
}
