package cli

import (
	"fmt"
	"slices"
	"strings"

	"verso/internal/project"
)

// knownLocale is the one rule for whether a command may work on a locale:
// it is one of the project's locales (verso.toml's list, or when it lists
// none, those the translations/ files have), or any locale when verso.toml
// lists none (a new locale starts with its first file).
func knownLocale(p *project.Project, l string) error {
	if slices.Contains(p.Locales, l) || len(p.Config.Locales) == 0 {
		return nil
	}
	return fmt.Errorf("locale %q is not configured; locales: %s (add it to locales in %s)", l, strings.Join(p.Locales, ", "), project.ConfigFile)
}

// selectLocales returns the named locales without repetitions, or every
// locale of the project when none is named; a locale that is not known
// (knownLocale) is an error.
func selectLocales(p *project.Project, names []string) ([]string, error) {
	if len(names) == 0 {
		return p.Locales, nil
	}
	var out []string
	for _, l := range names {
		if err := knownLocale(p, l); err != nil {
			return nil, err
		}
		if !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out, nil
}
