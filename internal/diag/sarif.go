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
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
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
// result per diagnostic. A cell is a logical location of kind "element".
func sarifLog(r *Report) sarifDoc {
	codes := []string{}
	for _, d := range r.Diagnostics {
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
	run := sarifRun{Tool: sarifTool{drv}, Results: []sarifResult{}}
	for _, d := range r.Diagnostics {
		msg := d.Message
		if d.Hint != "" {
			msg += " (" + d.Hint + ")"
		}
		loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: d.File}}}
		if d.Line > 0 {
			loc.PhysicalLocation.Region = &sarifRegion{StartLine: d.Line, StartColumn: d.Col}
		}
		if d.Cell != "" {
			loc.LogicalLocations = []sarifLogical{{Name: d.Cell, Kind: "element"}}
		}
		idx, _ := slices.BinarySearch(codes, d.Code)
		run.Results = append(run.Results, sarifResult{RuleID: d.Code, RuleIndex: idx, Level: d.Severity.String(),
			Message: sarifMessage{msg}, Locations: []sarifLocation{loc}})
	}
	return sarifDoc{Schema: "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
		Version: "2.1.0", Runs: []sarifRun{run}}
}
