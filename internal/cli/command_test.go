package cli

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"verso/internal/testenv"
)

// badUTF8 is a source whose third line is GB18030, not UTF-8.
var badUTF8 = map[string]string{"sources/doc.txt": "标题\n\n\xb5\xda\xd2\xbb\n"}

// TestExitCodeOfErrors maps each kind of error a command returns to its
// exit code, wrapped or not.
func TestExitCodeOfErrors(t *testing.T) {
	for _, c := range []struct {
		err  error
		want int
	}{
		{nil, ExitOK},
		{problemsf("2 conflicts"), ExitProblems},
		{problemsf(""), ExitProblems},
		{fmt.Errorf("importing: %w", problemsf("1 conflict")), ExitProblems},
		{usagef("want one FILE"), ExitUsage},
		{errors.New("sheets/ru.xlsx: not a workbook"), ExitUsage},
		{fmt.Errorf("writing: %w", os.ErrPermission), ExitUsage},
	} {
		if got := exitCode(c.err); got != c.want {
			t.Errorf("exitCode(%v) = %d, want %d", c.err, got, c.want)
		}
	}
}

// TestErrorReports: how Main reports each kind of error of a command, in
// text: a usage error and problems say nothing about writing; unusable
// input stops a writer with "nothing was written" and a reader without;
// positioned errors are printed at their place, one a line, before the
// command's line.
func TestErrorReports(t *testing.T) {
	dir := miniRepo(t, map[string]string{"sources/doc.txt": miniSource})
	bad := miniRepo(t, badUTF8)
	for _, c := range []struct {
		name  string
		dir   string
		args  []string
		code  int
		lines []string // the end of stderr, line by line
	}{
		{"usage error of a writer", dir, []string{"align"}, ExitUsage,
			[]string{"verso align: want one FILE, the translated document; run verso align --help"}},
		{"problems of a writer", dir, []string{"sync", "--check"}, ExitProblems,
			[]string{"verso sync: --check: 1 ID record out of date; run verso sync and commit"}},
		{"input error of a writer", dir, []string{"sync", "nodoc"}, ExitUsage,
			[]string{`verso sync: unknown document "nodoc"; documents: doc; nothing was written`}},
		{"input error of a reader", dir, []string{"segments", "nodoc"}, ExitUsage,
			[]string{`verso segments: unknown document "nodoc"; documents: doc`}},
		{"positioned errors of a writer", bad, []string{"sync"}, ExitUsage, []string{
			"sources/doc.txt:3:1: not valid UTF-8; save the file as UTF-8 (for example: iconv -f GB18030 -t UTF-8 for Chinese, -f CP1251 for Russian)",
			"verso sync: 1 problem; nothing was written"}},
		{"positioned errors of a reader", bad, []string{"segments"}, ExitUsage, []string{
			"sources/doc.txt:3:1: not valid UTF-8; save the file as UTF-8 (for example: iconv -f GB18030 -t UTF-8 for Chinese, -f CP1251 for Russian)",
			"verso segments: 1 problem"}},
		{"one positioned error of a writer", dir, []string{"fmt", "--source"}, ExitUsage, []string{
			"sources/doc.txt: the ID record is out of date; run verso sync and commit it first, so that fmt changes only what it fixes",
			"verso fmt: nothing was written"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := snapshotDir(t, c.dir)
			code, _, stderr := runVerso(c.dir, c.args...)
			want := strings.Join(c.lines, "\n") + "\n"
			if code != c.code || !strings.HasSuffix(stderr, want) || strings.Count(stderr, "nothing was written") > 1 {
				t.Errorf("verso %s: exit %d, want %d; stderr\n%s\nwant it to end with\n%s", strings.Join(c.args, " "), code, c.code, stderr, want)
			}
			if after := snapshotDir(t, c.dir); len(after) != len(before) {
				t.Errorf("verso %s wrote files", strings.Join(c.args, " "))
			}
		})
	}
}

// TestErrorFormatGitHub: --error-format github turns the errors of a real
// failing command into workflow annotations at their place; one without
// a place has no file property.
func TestErrorFormatGitHub(t *testing.T) {
	dir := miniRepo(t, badUTF8)
	code, _, stderr := runVerso(dir, "--error-format", "github", "segments")
	if code != ExitUsage {
		t.Fatalf("exit %d, want 2\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if len(lines) != 2 || !regexp.MustCompile(`^::error file=sources/doc\.txt,line=3,col=1,title=encoding::not valid UTF-8; save the file as UTF-8`).MatchString(lines[0]) ||
		lines[1] != "::error title=error::1 problem" {
		t.Errorf("annotations:\n%s", stderr)
	}

	// sync's refusal is an annotation at the source; exit 1.
	dir = miniRepo(t, map[string]string{"sources/doc.txt": miniSource})
	mustRun(t, dir, ExitOK, "sync")
	if err := os.WriteFile(filepath.Join(dir, "sources", "doc.txt"), []byte("别的\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runVerso(dir, "--error-format=github", "sync")
	if code != ExitProblems || !regexp.MustCompile(`(?m)^::error file=sources/doc\.txt,title=sync refused \(retires 4 of 4 IDs\)::refused: the edit retires 4 of the 4 IDs of sources/doc\.ids \(all of them\)`).MatchString(stderr) ||
		!strings.Contains(stderr, "::notice title=problems::refused to retire most of the IDs of 1 document; nothing was written\n") {
		t.Errorf("refused sync: exit %d\n%s", code, stderr)
	}
}

// jsonReport is the JSON document of --error-format json.
type jsonReport struct {
	OK          bool `json:"ok"`
	Diagnostics []struct {
		File     string `json:"file"`
		Line     int    `json:"line"`
		Severity string `json:"severity"`
		Code     string `json:"code"`
		Message  string `json:"message"`
	} `json:"diagnostics"`
}

// TestErrorFormatJSON: the JSON rendering is one document on stderr with
// every diagnostic; VERSO_ERROR_FORMAT sets the format, and the flag
// overrides it.
func TestErrorFormatJSON(t *testing.T) {
	dir := miniRepo(t, badUTF8)
	t.Setenv("VERSO_ERROR_FORMAT", "json")
	code, stdout, stderr := runVerso(dir, "sync")
	var r jsonReport
	if err := json.Unmarshal([]byte(stderr), &r); err != nil {
		t.Fatalf("stderr is not JSON: %v\n%s", err, stderr)
	}
	if code != ExitUsage || stdout != "" || r.OK || len(r.Diagnostics) != 2 {
		t.Fatalf("exit %d, report %+v", code, r)
	}
	if d := r.Diagnostics[0]; d.File != "sources/doc.txt" || d.Line != 3 || d.Code != "encoding" || d.Severity != "error" {
		t.Errorf("first diagnostic %+v", d)
	}
	if d := r.Diagnostics[1]; d.File != "" || d.Message != "1 problem; nothing was written" {
		t.Errorf("last diagnostic %+v", d)
	}

	// Warnings of a command that succeeds: ok is true.
	good := miniRepo(t, map[string]string{"sources/doc.txt": miniSource})
	code, _, stderr = runVerso(good, "status")
	r = jsonReport{}
	if err := json.Unmarshal([]byte(stderr), &r); err != nil || code != ExitOK || !r.OK || len(r.Diagnostics) != 2 ||
		r.Diagnostics[0].Code != "record" || r.Diagnostics[1].Severity != "warning" {
		t.Errorf("status: exit %d, %v, report %+v\n%s", code, err, r, stderr)
	}

	// A usage error of a command that only reads is coded usage, and says
	// nothing of writing.
	code, _, stderr = runVerso(good, "suggest", "--max", "0")
	r = jsonReport{}
	if err := json.Unmarshal([]byte(stderr), &r); err != nil || code != ExitUsage || len(r.Diagnostics) == 0 {
		t.Fatalf("suggest --max 0: exit %d, %v\n%s", code, err, stderr)
	}
	if d := r.Diagnostics[len(r.Diagnostics)-1]; d.Code != "usage" || strings.Contains(d.Message, "written") {
		t.Errorf("suggest --max 0: last diagnostic %+v", d)
	}

	// The flag wins over the environment; an unknown format is a usage error.
	if code, _, stderr := runVerso(dir, "--error-format", "text", "segments"); code != ExitUsage || !strings.HasPrefix(stderr, "sources/doc.txt:3:1: not valid UTF-8") {
		t.Errorf("--error-format text over VERSO_ERROR_FORMAT=json: exit %d\n%s", code, stderr)
	}
	t.Setenv("VERSO_ERROR_FORMAT", "yaml")
	if code, _, stderr := runVerso(dir, "segments"); code != ExitUsage || !strings.Contains(stderr, `verso: --error-format: unknown format "yaml": use text, json, github, sarif, junit`) {
		t.Errorf("VERSO_ERROR_FORMAT=yaml: exit %d\n%s", code, stderr)
	}
}

// TestErrorFormatSARIF validates the SARIF log of a real failing command
// against the OASIS SARIF 2.1.0 schema kept in internal/diag (with
// python3-jsonschema, as internal/diag's tests do): the positioned error
// is a result at its file and line, the command's own line a notification
// of the invocation.
func TestErrorFormatSARIF(t *testing.T) {
	py := testenv.PythonWith(t, "jsonschema", "python3-jsonschema")
	dir := miniRepo(t, badUTF8)
	code, _, stderr := runVerso(dir, "--error-format", "sarif", "sync")
	if code != ExitUsage {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	out := filepath.Join(t.TempDir(), "verso.sarif")
	if err := os.WriteFile(out, []byte(stderr), 0o644); err != nil {
		t.Fatal(err)
	}
	script := `import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
jsonschema.Draft4Validator.check_schema(schema)
errs = sorted(jsonschema.Draft4Validator(schema).iter_errors(doc), key=str)
for e in errs:
    print(list(e.absolute_path), e.message)
sys.exit(1 if errs else 0)
`
	if res, err := exec.Command(py, "-c", script, filepath.Join("..", "diag", "testdata", "sarif-schema-2.1.0.json"), out).CombinedOutput(); err != nil {
		t.Errorf("SARIF does not validate: %v\n%s\n%s", err, res, stderr)
	}
	var log struct {
		Runs []struct {
			Tool        struct{ Driver struct{ Name string } }
			Invocations []struct {
				ExecutionSuccessful        bool
				ToolExecutionNotifications []struct{ Message struct{ Text string } }
			}
			Results []struct {
				RuleID    string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(stderr), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "verso sync" || len(run.Results) != 1 || run.Results[0].RuleID != "encoding" ||
		run.Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI != "sources/doc.txt" ||
		run.Results[0].Locations[0].PhysicalLocation.Region.StartLine != 3 {
		t.Errorf("run %+v", run)
	}
	if inv := run.Invocations; len(inv) != 1 || inv[0].ExecutionSuccessful || len(inv[0].ToolExecutionNotifications) != 1 ||
		inv[0].ToolExecutionNotifications[0].Message.Text != "1 problem; nothing was written" {
		t.Errorf("invocations %+v", inv)
	}
}

// TestErrorFormatJUnit: the JUnit report of a failing command has a
// failing case for the file and one for the command itself.
func TestErrorFormatJUnit(t *testing.T) {
	dir := miniRepo(t, badUTF8)
	code, _, stderr := runVerso(dir, "--error-format", "junit", "segments")
	var r struct {
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Cases []struct {
				Name     string `xml:"name,attr"`
				Failures []struct {
					Type string `xml:"type,attr"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal([]byte(stderr), &r); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	got := map[string]string{}
	for _, c := range r.Suites[0].Cases {
		for _, f := range c.Failures {
			got[c.Name] += f.Type
		}
	}
	if code != ExitUsage || r.Failures != 2 || got["sources/doc.txt"] != "encoding" || got["verso segments"] != "error" {
		t.Errorf("exit %d, failures %d, by case %v\n%s", code, r.Failures, got, stderr)
	}
}

// TestGroupHelp: a group without a subcommand prints its subcommands'
// synopses (exit 2), with --help too (exit 0); an unknown subcommand is a
// usage error.
func TestGroupHelp(t *testing.T) {
	dir := miniRepo(t, map[string]string{"sources/doc.txt": miniSource})
	synopses := regexp.MustCompile(`(?m)^  verso sheet export .*\n  verso sheet import FILE`)
	code, stdout, stderr := runVerso(dir, "sheet")
	if code != ExitUsage || stdout != "" || !synopses.MatchString(stderr) || !strings.Contains(stderr, "Exit codes:") {
		t.Errorf("verso sheet: exit %d\n%s", code, stderr)
	}
	for _, args := range [][]string{{"sheet", "--help"}, {"help", "sheet"}} {
		if code, _, stderr := runVerso(dir, args...); code != ExitOK || !synopses.MatchString(stderr) {
			t.Errorf("verso %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
		}
	}
	if code, _, stderr := runVerso(dir, "sheet", "bogus"); code != ExitUsage || !strings.Contains(stderr, `unknown subcommand "bogus"`) {
		t.Errorf("verso sheet bogus: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runVerso(dir, "bogus"); code != ExitUsage || !strings.Contains(stderr, `verso: unknown command "bogus"; run verso help`) {
		t.Errorf("verso bogus: exit %d\n%s", code, stderr)
	}
}

// TestFlagsAfterArguments: flags may follow the positional arguments;
// after "--" everything is an argument.
func TestFlagsAfterArguments(t *testing.T) {
	dir := miniRepo(t, map[string]string{"sources/doc.txt": miniSource})
	if code, stdout, stderr := runVerso(dir, "sync", "doc", "--check"); code != ExitProblems || stdout == "" || strings.Contains(stderr, "wrote") {
		t.Errorf("sync doc --check: exit %d, want 1 and nothing written\n%s", code, stderr)
	}
	mustRun(t, dir, ExitOK, "sync")
	stdout, _ := mustRun(t, dir, ExitOK, "segments", "doc", "--json")
	var docs []docJSON
	if err := json.Unmarshal([]byte(stdout), &docs); err != nil || len(docs) != 1 || len(docs[0].Segments) != 4 {
		t.Errorf("segments doc --json: %v\n%s", err, stdout)
	}
	if code, _, stderr := runVerso(dir, "segments", "--", "--json"); code != ExitUsage || !strings.Contains(stderr, `unknown document "--json"`) {
		t.Errorf("segments -- --json: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runVerso(dir, "status", "doc", "--bogus"); code != ExitUsage || !strings.Contains(stderr, "flag provided but not defined: -bogus") {
		t.Errorf("status doc --bogus: exit %d\n%s", code, stderr)
	}
}

// TestDirAfterCommand: -C belongs before the command, in every spelling;
// after it, it is refused before anything runs.
func TestDirAfterCommand(t *testing.T) {
	dir := miniRepo(t, map[string]string{"sources/doc.txt": miniSource})
	before := snapshotDir(t, dir)
	for _, args := range [][]string{{"sync", "-C", dir}, {"sync", "doc", "-C=" + dir}, {"prune", "--C", dir}, {"segments", "-C", dir}} {
		code, _, stderr := runVerso(dir, args...)
		if code != ExitUsage || !strings.Contains(stderr, "-C goes before the command: verso -C DIR "+args[0]+" [flags] [args]") {
			t.Errorf("verso %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
		}
	}
	if after := snapshotDir(t, dir); len(after) != len(before) {
		t.Error("a refused command wrote")
	}
	// A document named C is no -C.
	if code, _, stderr := runVerso(dir, "prune", "--doc", "C"); code != ExitUsage || !strings.Contains(stderr, `unknown document "C"`) {
		t.Errorf("prune --doc C: exit %d\n%s", code, stderr)
	}
}
