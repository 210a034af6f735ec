package cli

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"verso/internal/project"
)

// goneFile is the file a gone document is reported at: its record, else
// its first translation file.
func goneFile(g *project.Gone) string {
	if g.RecordPath != "" {
		return g.RecordPath
	}
	return g.Files[slices.Sorted(maps.Keys(g.Files))[0]]
}

// goneMessage says what is left of a gone document and what to do.
func goneMessage(p *project.Project, g *project.Gone) string {
	var left []string
	if g.RecordPath != "" {
		left = append(left, "ID record")
	}
	if n := len(g.Files); n > 0 {
		left = append(left, fmt.Sprintf("%s (%s)", plural(n, "translation file"), strings.Join(slices.Sorted(maps.Keys(g.Files)), ", ")))
	}
	return fmt.Sprintf("document %q is gone (no %s/%s.txt or .md); left of it: its %s. Restore the source, rename a misnamed file, or delete what is left with verso prune --doc %s",
		g.Name, p.Config.Sources, g.Name, strings.Join(left, " and "), g.Name)
}
