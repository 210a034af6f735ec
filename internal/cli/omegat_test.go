package cli

import (
	"bytes"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"verso/align"
	"verso/internal/project"
	"verso/internal/testenv"
)

// omegatProjectFile is an OmegaT 3.6 project: zh-Hans into ru, no
// sentence segmentation (verso's units are paragraphs, and so are the
// memories it exports).
const omegatProjectFile = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>zh-Hans</source_lang>
    <target_lang>ru</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneCJKTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneRussianTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
`

// omegaT makes an OmegaT project in a temporary directory, with file
// (named by its base name) in source/ and memory as the project's own
// translations (omegat/project_save.tmx, what a translator's work in
// OmegaT is), and runs OmegaT (the Debian package's omegat command) in
// mode with args; OmegaT's configuration goes to the project's config/
// and HOME is an empty directory that must stay empty. It returns the
// project's directory.
func omegaT(t *testing.T, file string, data, memory []byte, mode string, args ...string) string {
	t.Helper()
	bin := testenv.Command(t, "omegat", "omegat")
	dir := t.TempDir()
	for _, d := range []string{"source", "target", "tm", "glossary", "dictionary", "omegat", "config", "home"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, filepath.Join(dir, "omegat.project"), []byte(omegatProjectFile))
	writeFile(t, filepath.Join(dir, "source", filepath.Base(file)), data)
	writeFile(t, filepath.Join(dir, "omegat", "project_save.tmx"), memory)
	cmd := exec.Command(bin, append([]string{dir, "--mode=" + mode, "--config-dir=" + filepath.Join(dir, "config"),
		"--no-team", "--disable-project-locking", "--quiet"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+filepath.Join(dir, "home"), "DISPLAY=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("omegat --mode=%s: %v\n%s", mode, err, out)
	}
	if home, _ := os.ReadDir(filepath.Join(dir, "home")); len(home) > 0 {
		t.Errorf("OmegaT wrote into HOME: %v", home)
	}
	return dir
}

// omegatMemory is the repository's memory as verso tmx export writes it,
// as the translator's work in OmegaT: the translation of the first
// paragraph changed, one added for the second paragraph, and the extra
// units given (whole <tu> elements).
func omegatMemory(t *testing.T, root string, extra ...string) []byte {
	t.Helper()
	mustRun(t, root, 0, "tmx", "export")
	m := readFile(t, filepath.Join(root, "tmx", "verso.tmx"))
	if !bytes.Contains(m, []byte("<seg>Первый абзац.</seg>")) {
		t.Fatalf("no first paragraph in the memory:\n%s", m)
	}
	m = bytes.Replace(m, []byte("<seg>Первый абзац.</seg>"), []byte("<seg>Первый абзац из OmegaT.</seg>"), 1)
	extra = append(extra, `<tu><tuv xml:lang="zh-Hans"><seg>第二段落。</seg></tuv><tuv xml:lang="ru"><seg>Второй абзац из OmegaT.</seg></tuv></tu>`)
	return bytes.Replace(m, []byte("</body>"), []byte(strings.Join(extra, "\n")+"\n</body>"), 1)
}

// TestOmegaTPO: OmegaT translates an exported PO file with a memory made
// from verso's own TMX; the file it writes imports the changed and the
// new translation and nothing else, and the memories OmegaT writes
// (TMX 1.1 and 1.4, with their DOCTYPE) import as memories. OmegaT
// writes a stale (fuzzy) entry it has no translation for with an empty
// msgstr and no fuzzy flag: no change, the stale translation stays.
func TestOmegaTPO(t *testing.T) {
	root, ids := exchangeProject(t)
	src := filepath.Join(root, "sources", "alpha.txt")
	writeFile(t, src, bytes.Replace(readFile(t, src), []byte("示例文件标题"), []byte("示例文件标题(修订)"), 1))
	mustRun(t, root, 0, "sync")
	mustRun(t, root, 0, "po", "export", "--locale", "ru")
	exported := readFile(t, filepath.Join(root, "po", "ru.po"))
	if !bytes.Contains(exported, []byte("#, fuzzy\nmsgctxt \""+ids[0]+"\"\nmsgid \"示例文件标题(修订)\"\nmsgstr \"Образец\"")) {
		t.Fatalf("the title is not stale:\n%s", exported)
	}
	dir := omegaT(t, "ru.po", exported, omegatMemory(t, root), "console-translate")
	translated := readFile(t, filepath.Join(dir, "target", "ru.po"))
	writeFile(t, filepath.Join(root, "omegat.po"), translated)
	trDir := filepath.Join(root, "translations")
	before := snapshotDir(t, trDir)
	stdout, _ := mustRun(t, root, 0, "po", "import", "omegat.po")
	if !strings.Contains(stdout, "omegat.po: ru: 2 translations imported, 0 confirmed, 0 statuses or notes changed, 6 messages unchanged, 0 rejected") {
		t.Errorf("stdout: %s", stdout)
	}
	after := snapshotDir(t, trDir)
	alpha := filepath.Join(trDir, "alpha.ru.toml")
	for name := range after {
		if name != alpha && after[name] != before[name] {
			t.Errorf("%s changed:\n%s", name, after[name])
		}
	}
	assertTranslations(t, root, "alpha", map[string]string{ids[0]: "Образец", ids[2]: "Первый абзац из OmegaT.", ids[3]: "Второй абзац из OmegaT."})
	p, err := project.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	if c := p.Doc("alpha").Coverage("ru"); c.Counts[align.Stale] != 1 || c.Items[0].State != align.Stale {
		t.Errorf("the title is no longer stale: %v", c.Counts)
	}
	stdout, _ = mustRun(t, root, 0, "po", "import", "omegat.po")
	if !strings.Contains(stdout, "0 translations imported") || !maps.Equal(after, snapshotDir(t, trDir)) {
		t.Errorf("imported again: %s", stdout)
	}
	// OmegaT's memories of the project: TMX 1.1 (lang, tmx11.dtd) and
	// 1.4 (level 2, tmx14.dtd), the two translations it made.
	for _, m := range []string{"omegat", "level2"} {
		name := filepath.Base(dir) + "-" + m + ".tmx"
		writeFile(t, filepath.Join(root, name), readFile(t, filepath.Join(dir, name)))
		stdout, _ = mustRun(t, root, 0, "tmx", "import", name)
		if want := name + ": 2 translation units -> translations/memory/" + name; !strings.Contains(stdout, want) {
			t.Errorf("stdout: %s\nwant %s", stdout, want)
		}
	}
}

// TestOmegaTPseudoTMX: the memory OmegaT's console-createpseudotranslatetmx
// writes for an exported file (every segment, the PO header one of them)
// imports as a memory.
func TestOmegaTPseudoTMX(t *testing.T) {
	root, _ := exchangeProject(t)
	mustRun(t, root, 0, "po", "export", "--locale", "ru")
	pseudo := filepath.Join(root, "pseudo.tmx")
	omegaT(t, "ru.po", readFile(t, filepath.Join(root, "po", "ru.po")), omegatMemory(t, root), "console-createpseudotranslatetmx",
		"--pseudotranslatetmx="+pseudo, "--pseudotranslatetype=empty")
	stdout, _ := mustRun(t, root, 0, "tmx", "import", "pseudo.tmx")
	if !strings.Contains(stdout, "pseudo.tmx: 9 translation units -> translations/memory/pseudo.tmx") {
		t.Errorf("stdout: %s", stdout)
	}
}

// omegatPrepare copies the source of every unit of an exported XLIFF 1.2
// file that has no target into a target, in state needs-translation:
// OmegaT's XLIFF filter translates targets (a <source> is left as it is)
// and skips units without one, so this is how a file is prepared for it.
func omegatPrepare(t *testing.T, data []byte) []byte {
	t.Helper()
	re := regexp.MustCompile(`(?m)^(\s*)(<source>(.*)</source>\n)(\s*<context-group)`)
	if !re.Match(data) {
		t.Fatalf("no unit without a target:\n%s", data)
	}
	return re.ReplaceAll(data, []byte(`${1}${2}${1}<target state="needs-translation">${3}</target>`+"\n${4}"))
}

// TestOmegaTXLIFF: OmegaT translates an exported XLIFF 1.2 file prepared
// for it (the source copied into the missing targets) with a memory made
// from verso's TMX. Its segments are the targets, so a translated unit's
// segment is its translation, which a memory unit with that text as its
// source replaces; an untranslated unit comes back as its copy. The import
// takes the new translation (needs review: OmegaT leaves the state) and
// the changed one, and leaves the copies.
func TestOmegaTXLIFF(t *testing.T) {
	root, ids := exchangeProject(t)
	mustRun(t, root, 0, "xliff", "export", "--locale", "ru", "--version", "1.2")
	prepared := omegatPrepare(t, readFile(t, filepath.Join(root, "xliff", "ru.xlf")))
	memory := omegatMemory(t, root, `<tu><tuv xml:lang="zh-Hans"><seg>Первый абзац.</seg></tuv><tuv xml:lang="ru"><seg>Первый абзац из OmegaT.</seg></tuv></tu>`)
	dir := omegaT(t, "ru.xlf", prepared, memory, "console-translate")
	translated := readFile(t, filepath.Join(dir, "target", "ru.xlf"))
	if !bytes.Contains(translated, []byte(`<target state="needs-translation">第三段落。</target>`)) {
		t.Fatalf("OmegaT translated an untranslated unit, or changed its copy:\n%s", translated)
	}
	writeFile(t, filepath.Join(root, "omegat.xlf"), translated)
	trDir := filepath.Join(root, "translations")
	before := snapshotDir(t, trDir)
	stdout, stderr := mustRun(t, root, 0, "xliff", "import", "omegat.xlf")
	if !strings.Contains(stdout, "omegat.xlf: ru: 2 translations imported, 0 confirmed, 1 status or note changed, 6 units unchanged, 0 rejected") || strings.Contains(stderr, "warning") {
		t.Errorf("stdout: %s\nstderr: %s", stdout, stderr)
	}
	after := snapshotDir(t, trDir)
	for name := range after {
		if !strings.HasPrefix(filepath.Base(name), "alpha.ru.") && after[name] != before[name] {
			t.Errorf("%s changed:\n%s", name, after[name])
		}
	}
	assertTranslations(t, root, "alpha", map[string]string{ids[0]: "Образец", ids[2]: "Первый абзац из OmegaT.", ids[3]: "Второй абзац из OmegaT."}, ids[3])
	stdout, _ = mustRun(t, root, 0, "xliff", "import", "omegat.xlf")
	if !strings.Contains(stdout, "0 translations imported") || !maps.Equal(after, snapshotDir(t, trDir)) {
		t.Errorf("imported again: %s", stdout)
	}
}

// TestOmegaTXLIFFInlineMarkup: the inline codes of a Markdown paragraph
// (<g> bold, link, code; <x> a footnote reference, which OmegaT keeps out
// of the segment as a trailing tag) go through OmegaT as tags of its own
// (<g0>) and come back as the same codes, imported as Markdown.
func TestOmegaTXLIFFInlineMarkup(t *testing.T) {
	root := miniRepo(t, map[string]string{
		"verso.toml":     "source_language = \"zh-Hans\"\nlocales = [\"ru\"]\n",
		"sources/doc.md": "# 声明\n\n见**重要**的[链接](https://example.org/a?b=1&c=2)和`代码`。[^1]\n\n[^1]: 脚注。\n",
	})
	mustRun(t, root, 0, "sync")
	mustRun(t, root, 0, "xliff", "export", "--locale", "ru", "--version", "1.2")
	prepared := omegatPrepare(t, readFile(t, filepath.Join(root, "xliff", "ru.xlf")))
	memory := `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="OmegaT" creationtoolversion="3.6" datatype="plaintext" segtype="paragraph" adminlang="en" srclang="zh-Hans" o-tmf="OmegaT TMX"/><body>
<tu><tuv xml:lang="zh-Hans"><seg>见&lt;g0&gt;重要&lt;/g0&gt;的&lt;g1&gt;链接&lt;/g1&gt;和&lt;g2&gt;代码&lt;/g2&gt;。</seg></tuv><tuv xml:lang="ru"><seg>См. &lt;g0&gt;важную&lt;/g0&gt; &lt;g1&gt;ссылку&lt;/g1&gt; и &lt;g2&gt;代码&lt;/g2&gt;.</seg></tuv></tu>
</body></tmx>
`
	dir := omegaT(t, "ru.xlf", prepared, []byte(memory), "console-translate")
	translated := readFile(t, filepath.Join(dir, "target", "ru.xlf"))
	want := `См. <g id="1" ctype="bold">важную</g> <g id="2" ctype="link" equiv-text="https://example.org/a?b=1&amp;c=2">ссылку</g> и <g id="3" ctype="x-code">代码</g>.<x id="4" ctype="x-fnref" equiv-text="1"/></target>`
	if !bytes.Contains(translated, []byte(want)) {
		t.Fatalf("OmegaT's target has other codes:\n%s", translated)
	}
	writeFile(t, filepath.Join(root, "omegat.xlf"), translated)
	stdout, _ := mustRun(t, root, 0, "xliff", "import", "omegat.xlf")
	if !strings.Contains(stdout, "1 translation imported") {
		t.Errorf("stdout: %s", stdout)
	}
	p, err := project.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	var para string
	for _, s := range p.Doc("doc").Segments {
		if strings.Contains(s.Text, "链接") {
			para = s.ID
		}
	}
	assertTranslations(t, root, "doc", map[string]string{para: "См. **важную** [ссылку](https://example.org/a?b=1&c=2) и `代码`.[^1]"}, para)
}

// assertTranslations checks that the locale ru of doc has exactly the
// translations want (ID to text) and the IDs review flagged needs-review.
func assertTranslations(t *testing.T, root, doc string, want map[string]string, review ...string) {
	t.Helper()
	p, err := project.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	trs := p.TranslationsOf(p.Doc(doc), "ru")
	got := map[string]string{}
	for _, tr := range trs.Items {
		got[tr.ID] = tr.Text
	}
	if !maps.Equal(got, want) {
		t.Errorf("translations of %s: %v\nwant %v", doc, got, want)
	}
	if flagged := trs.NeedsReview(); !slices.Equal(flagged, review) {
		t.Errorf("%s: %v need review, want %v", doc, flagged, review)
	}
}
