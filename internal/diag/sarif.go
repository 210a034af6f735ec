package diag

import (
	"cmp"
	"slices"
)

// The SARIF 2.1.0 objects verso writes (OASIS SARIF 2.1.0, errata 01):
// only the properties it fills.

type sarifDoc struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	Results     []sarifResult     `json:"results"`
}

// sarifInvocation is the run of the tool: whether it succeeded, and what
// it said that is about no file.
type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Descriptor sarifDescriptorRef `json:"descriptor"`
	Level      string             `json:"level"`
	Message    sarifMessage       `json:"message"`
}

type sarifDescriptorRef struct {
	ID string `json:"id"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name    string      `json:"name"`
	Version string      `json:"version,omitempty"`
	Rules   []sarifRule `json:"rules,omitempty"`
}

type sarifRule struct {
	ID               string        `json:"id"`
	ShortDescription *sarifMessage `json:"shortDescription,omitempty"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical  `json:"physicalLocation"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

type sarifLogical struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
}

// sarifLog makes the SARIF log of a report: one run, a rule per code, a
// result per diagnostic at a file. A cell is a logical location of kind
// "element". A diagnostic without a file (the command's own failure, its
// summary) is not a result, which is about an artifact: GitHub code
// scanning rejects the whole log when a result has no location or no
// artifact URI ("locationFromSarifResult: expected at least one
// location", "expected artifact location"). It is a notification of the
// invocation (SARIF §3.20.21, toolExecutionNotifications), and an error
// among them means the execution did not succeed.
func sarifLog(r *Report) sarifDoc {
	var located List
	inv := sarifInvocation{ExecutionSuccessful: true}
	for _, d := range r.Diagnostics {
		if d.File != "" {
			located = append(located, d)
			continue
		}
		inv.Notifications = append(inv.Notifications, sarifNotification{Descriptor: sarifDescriptorRef{d.Code},
			Level: d.Severity.String(), Message: sarifMessage{sarifText(&d)}})
		if d.Severity == Error {
			inv.ExecutionSuccessful = false
		}
	}
	codes := []string{}
	for _, d := range located {
		if !slices.Contains(codes, d.Code) {
			codes = append(codes, d.Code)
		}
	}
	slices.Sort(codes)
	drv := sarifDriver{Name: cmp.Or(r.Tool, "verso"), Version: r.Version}
	for _, c := range codes {
		rule := sarifRule{ID: c}
		if desc := r.Rules[c]; desc != "" {
			rule.ShortDescription = &sarifMessage{desc}
		}
		drv.Rules = append(drv.Rules, rule)
	}
	run := sarifRun{Tool: sarifTool{drv}, Invocations: []sarifInvocation{inv}, Results: []sarifResult{}}
	for _, d := range located {
		loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: d.File}}}
		if d.Line > 0 {
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: d.Line, StartColumn: d.Col}
		}
		if d.Cell != "" {
			loc.LogicalLocations = []sarifLogical{{Name: d.Cell, Kind: "element"}}
		}
		idx, _ := slices.BinarySearch(codes, d.Code)
		run.Results = append(run.Results, sarifResult{RuleID: d.Code, RuleIndex: idx, Level: d.Severity.String(),
			Message: sarifMessage{sarifText(&d)}, Locations: []sarifLocation{loc}})
	}
	return sarifDoc{Schema: "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
		Version: "2.1.0", Runs: []sarifRun{run}}
}

// sarifText is a diagnostic's message with its hint in parentheses.
func sarifText(d *Diagnostic) string {
	if d.Hint != "" {
		return d.Message + " (" + d.Hint + ")"
	}
	return d.Message
}
