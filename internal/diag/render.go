package diag

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// Format is an output format of diagnostics.
type Format string

// The formats.
const (
	Text   Format = "text"   // file:line: message, one a line
	JSON   Format = "json"   // {"ok", "diagnostics": [...]}
	GitHub Format = "github" // GitHub Actions workflow commands (annotations)
	SARIF  Format = "sarif"  // SARIF 2.1.0, for code scanning
	JUnit  Format = "junit"  // JUnit XML, for CI test reports
)

// Formats lists the formats, for usage messages.
var Formats = []Format{Text, JSON, GitHub, SARIF, JUnit}

// ParseFormat returns the format of a name.
func ParseFormat(name string) (Format, error) {
	for _, f := range Formats {
		if string(f) == name {
			return f, nil
		}
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown format %q: use %s", name, strings.Join(names, ", "))
}

// Report is what a run found, to render.
type Report struct {
	// Tool names the run ("verso check"): the SARIF driver, the JUnit
	// suite.
	Tool    string
	Version string // the tool's version, if known
	// Checked lists every file the run checked, so that JUnit shows the
	// files without findings as passing test cases; files with
	// diagnostics need not be listed.
	Checked     []string
	Diagnostics List
	// Rules describe the codes, for SARIF: code -> one sentence.
	Rules map[string]string
}

// Write renders the report in a format.
func Write(w io.Writer, f Format, r *Report) error {
	switch f {
	case Text:
		var b strings.Builder
		for i := range r.Diagnostics {
			b.WriteString(r.Diagnostics[i].String())
			b.WriteByte('\n')
		}
		_, err := io.WriteString(w, b.String())
		return err
	case JSON:
		out := struct {
			OK          bool `json:"ok"`
			Diagnostics List `json:"diagnostics"`
		}{r.Diagnostics.Max() < Error, r.Diagnostics}
		if out.Diagnostics == nil {
			out.Diagnostics = List{}
		}
		return writeJSON(w, out)
	case GitHub:
		var b strings.Builder
		for i := range r.Diagnostics {
			b.WriteString(Annotation(&r.Diagnostics[i]))
			b.WriteByte('\n')
		}
		_, err := io.WriteString(w, b.String())
		return err
	case SARIF:
		return writeJSON(w, sarifLog(r))
	case JUnit:
		if _, err := io.WriteString(w, xml.Header); err != nil {
			return err
		}
		enc := xml.NewEncoder(w)
		enc.Indent("", "  ")
		if err := enc.Encode(junitReport(r)); err != nil {
			return err
		}
		_, err := io.WriteString(w, "\n")
		return err
	}
	return fmt.Errorf("unknown format %q", f)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// Annotation returns a GitHub workflow command for a diagnostic:
// ::error, ::warning or ::notice with the file, line, column and title, and
// the message followed by the hint in parentheses. One without a file
// has no file property (an empty one names no file either).
func Annotation(d *Diagnostic) string {
	cmd := map[Severity]string{Error: "error", Warning: "warning", Note: "notice"}[d.Severity]
	var props []string
	if d.File != "" {
		props = append(props, "file="+ghProp(d.File))
	}
	if d.Line > 0 {
		props = append(props, fmt.Sprintf("line=%d", d.Line))
	}
	if d.Col > 0 {
		props = append(props, fmt.Sprintf("col=%d", d.Col))
	}
	if t := d.title(); t != "" {
		props = append(props, "title="+ghProp(t))
	}
	msg := d.Message
	if d.Cell != "" {
		msg = d.Cell + ": " + msg
	}
	if d.Hint != "" {
		msg += " (" + d.Hint + ")"
	}
	if len(props) == 0 {
		return "::" + cmd + "::" + ghData(msg)
	}
	return "::" + cmd + " " + strings.Join(props, ",") + "::" + ghData(msg)
}

// ghData escapes a GitHub workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProp escapes a GitHub workflow command's property value.
func ghProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
