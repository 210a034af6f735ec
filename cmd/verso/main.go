// Command verso translates documents paragraph by paragraph and publishes
// them as bilingual editions. See doc.go for the manual.
package main

import (
	"os"

	"verso/internal/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
