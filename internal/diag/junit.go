package diag

import (
	"cmp"
	"encoding/xml"
	"slices"
	"strings"
)

// The JUnit XML elements verso writes, as the common JUnit schema
// (Ant's junitreport, read by Jenkins, GitLab and the rest) has them.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string         `xml:"name,attr"`
	ClassName string         `xml:"classname,attr"`
	Failures  []junitFailure `xml:"failure"`
	SystemOut string         `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// junitReport makes a JUnit report: one suite, one test case per file
// checked (and one named after the tool for the diagnostics without a
// file); a file with errors fails with a failure per error; warnings
// and notes go to the case's system-out.
func junitReport(r *Report) junitSuites {
	tool := cmp.Or(r.Tool, "verso")
	files := slices.Clone(r.Checked)
	byFile := map[string][]Diagnostic{}
	for _, d := range r.Diagnostics {
		if _, ok := byFile[d.File]; !ok && !slices.Contains(files, d.File) {
			files = append(files, d.File)
		}
		byFile[d.File] = append(byFile[d.File], d)
	}
	slices.Sort(files)
	suite := junitSuite{Name: tool, Cases: []junitCase{}}
	for _, f := range files {
		c := junitCase{Name: cmp.Or(f, tool), ClassName: tool} // the run's own errors are the tool's case
		var out []string
		for _, d := range byFile[f] {
			if d.Severity == Error {
				text := d.String()
				if d.Hint != "" {
					text += "\n" + d.Hint
				}
				c.Failures = append(c.Failures, junitFailure{Message: d.Message, Type: d.Code, Text: text})
			} else {
				out = append(out, d.String())
			}
		}
		if len(out) > 0 {
			c.SystemOut = strings.Join(out, "\n")
		}
		suite.Tests++
		if len(c.Failures) > 0 {
			suite.Failures++
		}
		suite.Cases = append(suite.Cases, c)
	}
	return junitSuites{Name: tool, Tests: suite.Tests, Failures: suite.Failures, Suites: []junitSuite{suite}}
}
