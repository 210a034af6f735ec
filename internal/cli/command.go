package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
)

// A command is one verso command, or one subcommand of a group ("sheet
// export"). Each is an options struct of its own, the flags that fill it,
// and a run function of the options (see define); the table of commands
// is the one source of verso help, each command's --help, and (checked by
// a test) the manual in cmd/verso/doc.go and the README.
type command struct {
	name     string // "status", or "sheet export" for a subcommand
	synopsis string // what follows the name in the usage line: "[--json] [DOC...]"
	summary  string // one line, for verso help or its group's help
	help     string // what --help says above the flags
	access   access // whether it writes, and how it takes the lock
	// lean: the command holds a whole repository and a whole exchange
	// file at once (exports and imports), so the garbage collector runs
	// twice as often (GOGC 50, unless GOGC is set): for 100k segments
	// that keeps the peak about 100 MB lower (under 500 MB) at no cost in
	// wall time on two cores (internal/cli/testdata/bench-exchange.sh).
	lean bool
	// bind makes a fresh options value, registers its flags on fs and
	// returns the function that runs the command with them and the
	// positional arguments.
	bind func(fs *flag.FlagSet) runFunc
}

// runFunc runs a command whose flags are parsed, with the positional
// arguments.
type runFunc func(ctx context.Context, e *env, args []string) error

// access is how a command uses the repository.
type access int

const (
	// reads: the command reads; it takes the repository lock only to
	// resolve an interrupted write first.
	reads access = iota
	// writes: the command changes files. It takes the lock for its whole
	// run (it reads, plans and writes what it planned, and no other verso
	// writes in between; its dry runs take it too, to see the result of a
	// write in progress), it runs once more if a file changed under it,
	// and its failures say that nothing was written.
	writes
	// writesLate: the command changes files but takes the lock only for
	// its write (publish, which may typeset for minutes and writes only
	// its editions).
	writesLate
)

// operands is embedded in the options of a command that takes positional
// arguments: define hands them over. A command without it refuses them.
type operands struct{ args []string }

func (o *operands) setArgs(args []string) { o.args = args }

// define completes a command whose options are an O: flags registers them
// (it may be nil), and run runs the command. Positional arguments go to
// O's operands; a command whose options have none refuses them.
func define[O any](c command, flags func(o *O, fs *flag.FlagSet), run func(ctx context.Context, e *env, o *O) error) command {
	c.bind = func(fs *flag.FlagSet) runFunc {
		o := new(O)
		if flags != nil {
			flags(o, fs)
		}
		return func(ctx context.Context, e *env, args []string) error {
			if a, ok := any(o).(interface{ setArgs([]string) }); ok {
				a.setArgs(args)
			} else if len(args) > 0 {
				return usagef("unexpected argument %q", args[0])
			}
			return run(ctx, e, o)
		}
	}
	return c
}

// A group gathers subcommands under one name ("sheet" for "sheet export"
// and "sheet import"): verso help lists it once, verso GROUP prints its
// subcommands' synopses and its help.
type group struct {
	name    string
	summary string // one line, for verso help
	help    string // what verso GROUP --help says below the synopses
}

var (
	// commands lists the commands and subcommands, filled by init
	// functions of the command files, so that each command lives in one
	// file.
	commands []command
	groups   []group
)

func register(c command)    { commands = append(commands, c) }
func registerGroup(g group) { groups = append(groups, g) }

// lookup returns the command of the arguments and how many arguments
// name it (1, or 2 for a subcommand), or the group named when no
// subcommand of it is (sub is the word given, or "").
func lookup(args []string) (c *command, n int, g *group, sub string) {
	if i := slices.IndexFunc(groups, func(g group) bool { return g.name == args[0] }); i >= 0 {
		g = &groups[i]
		if len(args) > 1 {
			sub = args[1]
			if j := slices.IndexFunc(commands, func(c command) bool { return c.name == g.name+" "+sub }); j >= 0 {
				return &commands[j], 2, nil, ""
			}
		}
		return nil, 0, g, sub
	}
	if i := slices.IndexFunc(commands, func(c command) bool { return c.name == args[0] }); i >= 0 {
		return &commands[i], 1, nil, ""
	}
	return nil, 0, nil, ""
}

// subcommands returns the commands of a group, in the order registered.
func (g *group) subcommands() []command {
	var out []command
	for _, c := range commands {
		if strings.HasPrefix(c.name, g.name+" ") {
			out = append(out, c)
		}
	}
	return out
}

// usage prints a group's synopses and help.
func (g *group) usage(w io.Writer) {
	fmt.Fprint(w, "Usage:\n")
	for _, c := range g.subcommands() {
		fmt.Fprintf(w, "  verso %s %s\n", c.name, c.synopsis)
	}
	fmt.Fprintf(w, "\n%s\n\n", strings.TrimRight(g.help, "\n"))
	for _, c := range g.subcommands() {
		fmt.Fprintf(w, "Run verso %s --help for its flags.\n", c.name)
	}
	fmt.Fprint(w, "\n"+exitCodesHelp)
}

// flagSet returns the command's flag set, whose help names the command,
// shows its synopsis and help, its flags and the exit codes.
func (c *command) flagSet(stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: verso %s %s\n\n%s\n\nFlags:\n", c.name, c.synopsis, strings.TrimRight(c.help, "\n"))
		fs.PrintDefaults()
		fmt.Fprint(stderr, "\n"+exitCodesHelp)
	}
	return fs
}

// reference prints verso help commands: the synopsis and summary of every
// command and subcommand, sorted by name (README's command reference is
// this text, checked by a test).
func reference(w io.Writer) {
	sorted := slices.Clone(commands)
	slices.SortFunc(sorted, func(a, b command) int { return strings.Compare(a.name, b.name) })
	fmt.Fprintln(w, "verso [-C DIR] [--lock-timeout DURATION] [--error-format text|json|github|sarif|junit] COMMAND ...")
	for _, c := range sorted {
		fmt.Fprintf(w, "verso %s %s\n    %s\n", c.name, c.synopsis, c.summary)
	}
}

// usage prints verso help: every command and group, sorted.
func usage(w io.Writer) {
	fmt.Fprint(w, "verso translates documents paragraph by paragraph and publishes bilingual editions.\n\n")
	fmt.Fprint(w, "Usage: verso [-C DIR] [--lock-timeout DURATION] [--error-format FORMAT] COMMAND [flags] [args]\n\nCommands:\n")
	type entry struct{ name, summary string }
	var all []entry
	for _, c := range commands {
		if !strings.Contains(c.name, " ") {
			all = append(all, entry{c.name, c.summary})
		}
	}
	for _, g := range groups {
		all = append(all, entry{g.name, g.summary})
	}
	slices.SortFunc(all, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	for _, c := range all {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nRun verso COMMAND --help for a command's flags. -C DIR runs in DIR. --lock-timeout\n"+
		"(or VERSO_LOCK_TIMEOUT; default 60s) is how long a command that writes waits for\n"+
		"another verso writing in the same repository. --error-format (or\n"+
		"VERSO_ERROR_FORMAT) renders the errors and problems a command reports on stderr:\n"+
		"text (default; FILE:LINE: message), json, github (workflow annotations), sarif\n"+
		"or junit. verso help commands lists every command's synopsis.\n\n"+exitCodesHelp)
}
