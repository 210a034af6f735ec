package diag_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"verso/align"
	"verso/internal/diag"
	"verso/internal/testenv"
)

func sample() *diag.Report {
	return &diag.Report{
		Tool:    "verso check",
		Checked: []string{"sources/a.txt", "sources/b.txt", "translations/a.en.toml"},
		Rules:   map[string]string{"missing": "A segment has no translation."},
		Diagnostics: diag.List{
			{File: "sources/a.txt", Line: 9, Severity: diag.Error, Code: "missing", Title: "missing translation x1 (en)", Message: "en: missing x1: 第一段, 50% \"quoted\" <b>"},
			{File: "sources/a.txt", Line: 12, Col: 3, Severity: diag.Warning, Code: "needs-review", Message: "en: needs review y2: 第二段", Hint: "review it"},
			{File: "sheets/ru.xlsx", Cell: "'My sheet'!F5", Severity: diag.Error, Code: "conflict", Message: "conflict: both changed\nkeep one"},
			{File: "translations/b.en.toml", Severity: diag.Note, Code: "orphaned", Message: "orphaned"},
		},
	}
}

func render(t *testing.T, f diag.Format, r *diag.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := diag.Write(&buf, f, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestText(t *testing.T) {
	got := string(render(t, diag.Text, sample()))
	want := "sources/a.txt:9: en: missing x1: 第一段, 50% \"quoted\" <b>\n" +
		"sources/a.txt:12:3: en: needs review y2: 第二段 (warning)\n" +
		"sheets/ru.xlsx: 'My sheet'!F5: conflict: both changed\nkeep one\n" +
		"translations/b.en.toml: orphaned\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestGitHub(t *testing.T) {
	lines := strings.Split(strings.TrimSpace(string(render(t, diag.GitHub, sample()))), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d annotations, want 4:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	for i, want := range []string{
		"::error file=sources/a.txt,line=9,title=missing translation x1 (en)::en: missing x1: 第一段, 50%25 \"quoted\" <b>",
		"::warning file=sources/a.txt,line=12,col=3,title=needs-review::en: needs review y2: 第二段 (review it)",
		"::error file=sheets/ru.xlsx,title=conflict::'My sheet'!F5: conflict: both changed%0Akeep one",
		"::notice file=translations/b.en.toml,title=orphaned::orphaned",
	} {
		if lines[i] != want {
			t.Errorf("annotation %d:\n got %s\nwant %s", i, lines[i], want)
		}
	}
	// A diagnostic of the whole run names no file (not "file=").
	run := diag.Diagnostic{Severity: diag.Error, Code: "usage", Message: "--doc is required"}
	if got, want := diag.Annotation(&run), "::error title=usage::--doc is required"; got != want {
		t.Errorf("run annotation %q, want %q", got, want)
	}
	run.Code = ""
	if got, want := diag.Annotation(&run), "::error::--doc is required"; got != want {
		t.Errorf("run annotation %q, want %q", got, want)
	}
}

func TestJSON(t *testing.T) {
	var got struct {
		OK          bool
		Diagnostics []map[string]any
	}
	if err := json.Unmarshal(render(t, diag.JSON, sample()), &got); err != nil {
		t.Fatal(err)
	}
	if got.OK || len(got.Diagnostics) != 4 || got.Diagnostics[1]["severity"] != "warning" || got.Diagnostics[1]["column"] != 3.0 ||
		got.Diagnostics[2]["cell"] != "'My sheet'!F5" {
		t.Errorf("got %+v", got)
	}
}

// TestSARIFSchema validates the SARIF output against the OASIS SARIF 2.1.0
// JSON schema (testdata, with its licence) with python3-jsonschema.
func TestSARIFSchema(t *testing.T) {
	py := testenv.PythonWith(t, "jsonschema", "python3-jsonschema")
	dir := t.TempDir()
	for name, r := range map[string]*diag.Report{"sample": sample(), "empty": {Tool: "verso check"}, "unplaced": unplaced()} {
		out := filepath.Join(dir, name+".sarif")
		if err := os.WriteFile(out, render(t, diag.SARIF, r), 0o644); err != nil {
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
		res, err := exec.Command(py, "-c", script, "testdata/sarif-schema-2.1.0.json", out).CombinedOutput()
		if err != nil {
			t.Errorf("%s: SARIF does not validate: %v\n%s", name, err, res)
		}
	}
	// The results point at their rules and places.
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct{ ID string }
				}
			}
			Results []struct {
				RuleID    string
				RuleIndex int
				Level     string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           *struct{ StartLine int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(render(t, diag.SARIF, sample()), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	for _, res := range run.Results {
		if run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result of %s points at rule %d", res.RuleID, res.RuleIndex)
		}
	}
	if r := run.Results[0]; r.Level != "error" || r.Locations[0].PhysicalLocation.ArtifactLocation.URI != "sources/a.txt" || r.Locations[0].PhysicalLocation.Region.StartLine != 9 {
		t.Errorf("first result %+v", r)
	}
}

// unplaced is the sample with diagnostics that have no file: a
// command's failure and its summary.
func unplaced() *diag.Report {
	r := sample()
	r.Diagnostics = append(r.Diagnostics,
		diag.Diagnostic{Severity: diag.Error, Code: "usage", Message: "--doc and --locale are required"},
		diag.Diagnostic{Severity: diag.Warning, Code: "warning", Message: "no locales", Hint: "set locales in verso.toml"})
	return r
}

// TestSARIFUnplaced: a diagnostic without a file is no result (GitHub
// code scanning rejects a log with a result that has no location, or no
// artifact URI) but a notification of the invocation, which did not
// succeed when one is an error; every result has a file.
func TestSARIFUnplaced(t *testing.T) {
	var log struct {
		Runs []struct {
			Invocations []struct {
				ExecutionSuccessful        bool
				ToolExecutionNotifications []struct {
					Descriptor struct{ ID string }
					Level      string
					Message    struct{ Text string }
				}
			}
			Results []struct {
				Locations []struct {
					PhysicalLocation *struct {
						ArtifactLocation struct{ URI string }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(render(t, diag.SARIF, unplaced()), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Results) != len(sample().Diagnostics) {
		t.Errorf("%d results, want %d (those with a file)", len(run.Results), len(sample().Diagnostics))
	}
	for i, res := range run.Results {
		if len(res.Locations) == 0 || res.Locations[0].PhysicalLocation == nil || res.Locations[0].PhysicalLocation.ArtifactLocation.URI == "" {
			t.Errorf("result %d has no artifact: %+v", i, res)
		}
	}
	if len(run.Invocations) != 1 || run.Invocations[0].ExecutionSuccessful {
		t.Fatalf("invocations %+v, want one that did not succeed", run.Invocations)
	}
	n := run.Invocations[0].ToolExecutionNotifications
	if len(n) != 2 || n[0].Descriptor.ID != "usage" || n[0].Level != "error" || n[1].Level != "warning" ||
		n[1].Message.Text != "no locales (set locales in verso.toml)" {
		t.Errorf("notifications %+v", n)
	}
	log.Runs = nil // decode afresh
	if err := json.Unmarshal(render(t, diag.SARIF, sample()), &log); err != nil {
		t.Fatal(err)
	}
	if inv := log.Runs[0].Invocations; len(inv) != 1 || !inv[0].ExecutionSuccessful || len(inv[0].ToolExecutionNotifications) != 0 {
		t.Errorf("a run whose diagnostics all have files: invocations %+v", inv)
	}
}

// junitSchema is the JUnit XML report as its schema (Ant's, the one CI
// systems read) describes it, declared here independently of the writer.
type junitSchema struct {
	XMLName    xml.Name `xml:"testsuites"`
	Tests      int      `xml:"tests,attr"`
	Failures   int      `xml:"failures,attr"`
	TestSuites []struct {
		Name      string `xml:"name,attr"`
		Tests     int    `xml:"tests,attr"`
		Failures  int    `xml:"failures,attr"`
		TestCases []struct {
			Name      string `xml:"name,attr"`
			ClassName string `xml:"classname,attr"`
			Failures  []struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Body    string `xml:",chardata"`
			} `xml:"failure"`
			SystemOut string `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func TestJUnit(t *testing.T) {
	data := render(t, diag.JUnit, sample())
	var got junitSchema
	if err := xml.Unmarshal(data, &got); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if got.Tests != 5 || got.Failures != 2 || len(got.TestSuites) != 1 {
		t.Fatalf("tests %d failures %d suites %d, want 5 2 1:\n%s", got.Tests, got.Failures, len(got.TestSuites), data)
	}
	cases := map[string]int{}
	for _, c := range got.TestSuites[0].TestCases {
		cases[c.Name] = len(c.Failures)
		if c.Name == "sources/a.txt" && (c.Failures[0].Type != "missing" || !strings.Contains(c.SystemOut, "needs review y2")) {
			t.Errorf("case %+v", c)
		}
	}
	want := map[string]int{"sources/a.txt": 1, "sources/b.txt": 0, "translations/a.en.toml": 0, "sheets/ru.xlsx": 1, "translations/b.en.toml": 0}
	if fmt.Sprint(cases) != fmt.Sprint(want) {
		t.Errorf("cases %v, want %v", cases, want)
	}
}

// TestJUnitParser reads the report with junitparser (Debian
// python3-junitparser), a JUnit parser nobody here wrote.
func TestJUnitParser(t *testing.T) {
	py := testenv.PythonWith(t, "junitparser", "python3-junitparser")
	out := filepath.Join(t.TempDir(), "report.xml")
	if err := os.WriteFile(out, render(t, diag.JUnit, sample()), 0o644); err != nil {
		t.Fatal(err)
	}
	script := `import sys
from junitparser import JUnitXml, Failure
xml = JUnitXml.fromfile(sys.argv[1])
for suite in xml:
    for case in suite:
        fails = [r for r in case.result if isinstance(r, Failure)]
        print(suite.name, case.name, len(fails), *[f.type for f in fails])
`
	res, err := exec.Command(py, "-c", script, out).CombinedOutput()
	if err != nil {
		t.Fatalf("junitparser: %v\n%s", err, res)
	}
	want := "verso check sheets/ru.xlsx 1 conflict\nverso check sources/a.txt 1 missing\nverso check sources/b.txt 0\n" +
		"verso check translations/a.en.toml 0\nverso check translations/b.en.toml 0\n"
	if string(res) != want {
		t.Errorf("junitparser read\n%s\nwant\n%s", res, want)
	}
}

func TestFrom(t *testing.T) {
	var list align.ErrorList
	list.Add(align.Errorf("sources/a.txt", 3, "bad"))
	list.Add(&align.PosError{Path: "sources/a.txt", Line: 5, Col: 2, Err: errors.New("worse")})
	got := diag.From("x", fmt.Errorf("loading: %w", list))
	if len(got) != 2 || got[1].Line != 5 || got[1].Col != 2 || got[0].Message != "bad" || got[0].Code != "syntax" {
		t.Errorf("From(list) = %+v", got)
	}
	if got := diag.From("verso.toml", errors.New("plain")); len(got) != 1 || got[0].File != "verso.toml" || got[0].Severity != diag.Error {
		t.Errorf("From(plain) = %+v", got)
	}
}

// TestUnplacedTextGitHubJUnit: a diagnostic without a file has no empty
// place in text, no file property in its annotation, and is the tool's
// test case in JUnit.
func TestUnplacedTextGitHubJUnit(t *testing.T) {
	r := unplaced()
	if got := string(render(t, diag.Text, r)); !strings.HasSuffix(got, "\n--doc and --locale are required\nno locales (warning)\n") {
		t.Errorf("text:\n%s", got)
	}
	lines := strings.Split(strings.TrimSpace(string(render(t, diag.GitHub, r))), "\n")
	if got := lines[len(lines)-2]; got != "::error title=usage::--doc and --locale are required" {
		t.Errorf("annotation %s", got)
	}
	var got junitSchema
	if err := xml.Unmarshal(render(t, diag.JUnit, r), &got); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range got.TestSuites[0].TestCases {
		if c.Name == "" {
			t.Errorf("a test case without a name: %+v", c)
		}
		if c.Name == "verso check" {
			found = len(c.Failures) == 1 && c.Failures[0].Body == "--doc and --locale are required" && c.SystemOut == "no locales (warning)"
		}
	}
	if !found {
		t.Errorf("no test case of the tool with its failure and warning: %+v", got.TestSuites[0].TestCases)
	}
}
