// Command sukien turns Vietnamese news into structured political event
// data. This file is the only place for flags, configuration and wiring;
// the work is done by the packages under internal/.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := NewMain()
	tuneGC()
	// SUKIEN_CPUPROFILE=FILE writes a CPU profile of the run (go tool pprof).
	if path := os.Getenv("SUKIEN_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil {
			if pprof.StartCPUProfile(f) == nil {
				defer pprof.StopCPUProfile()
			}
			defer f.Close()
		}
	}
	err := m.Run(ctx, os.Args[1:])
	pprof.StopCPUProfile()
	if err != nil {
		if !errors.Is(err, errSilent) {
			fmt.Fprintln(os.Stderr, "sukien:", err)
		}
		os.Exit(exitCode(err))
	}
}

// errSilent marks a failure already reported to the user (a batch with bad
// documents): the exit code says it, nothing more is printed.
var errSilent = errors.New("some inputs failed")

// usageError is a mistake in the command line (exit code 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func exitCode(err error) int {
	var u *usageError
	if errors.As(err, &u) {
		return 2
	}
	return 1
}

// Main is the program with its standard streams, so that tests run the
// same wiring as the binary.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// IsTerminal reports whether Stderr is a terminal (progress bars).
	IsTerminal bool
	Logger     *slog.Logger
}

// NewMain returns a Main on the process's standard streams.
func NewMain() *Main {
	fi, _ := os.Stderr.Stat()
	term := fi != nil && fi.Mode()&os.ModeCharDevice != 0
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, IsTerminal: term,
		Logger: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))}
}

type command struct {
	name    string
	summary string
	run     func(m *Main, ctx context.Context, args []string) error
}

func commands() []command {
	return []command{
		{"extract", "extract events from documents and print them (JSON Lines, table or CSV)", (*Main).runExtract},
		{"demo", "extract the built-in demo corpus and show a table and a summary", (*Main).runDemo},
		{"eval", "score extracted events against a gold file", (*Main).runEval},
		{"actors", "look up how a name or title resolves (`actors lookup`), or list stored actors", (*Main).runActors},
		{"dict", "validate the dictionaries (`dict check`) or show their size (`dict stats`)", (*Main).runDict},
		{"ingest", "extract documents and store their events in the database", (*Main).runIngest},
		{"events", "list stored events (filters: actor, with, type, dates, ...), or `events show ID`", (*Main).runEvents},
		{"search", "search the stored sentences and titles, without diacritics if you like", (*Main).runSearch},
		{"channels", "list diplomatic channels with their sessions, or one channel's sessions", (*Main).runChannels},
		{"export", "write stored events as JSON Lines, CSV or POLECAT", (*Main).runExport},
		{"serve", "serve the web interface and the JSON API over the database", (*Main).runServe},
	}
}

// Run runs one subcommand.
func (m *Main) Run(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		m.usage(m.Stdout)
		if len(args) == 0 {
			return &usageError{"no command given"}
		}
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			// -h printed the command's usage: that is success.
			if err := c.run(m, ctx, args[1:]); !errors.Is(err, flag.ErrHelp) {
				return err
			}
			return nil
		}
	}
	m.usage(m.Stderr)
	return &usageError{fmt.Sprintf("unknown command %q", args[0])}
}

func (m *Main) usage(w io.Writer) {
	fmt.Fprintln(w, "sukien: Vietnamese news in, political event data out.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: sukien COMMAND [flags] [args]")
	fmt.Fprintln(w)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run `sukien COMMAND -h` for a command's flags.")
}

// newFlags returns a flag set that reports errors instead of exiting.
func (m *Main) newFlags(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "Usage: sukien %s %s\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	// Allow flags after positional arguments, as users type them.
	var pos []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return &usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
		if len(pos) > 0 && pos[len(pos)-1] == "--" {
			pos = append(pos[:len(pos)-1], args...)
			break
		}
	}
	return fs.Parse(append([]string{"--"}, pos...))
}

// dictDirs is a repeatable --dict flag.
type dictDirs []string

func (d *dictDirs) String() string     { return strings.Join(*d, ",") }
func (d *dictDirs) Set(v string) error { *d = append(*d, v); return nil }

// tuneGC lets the heap grow to five times the live data (the extractor's
// live heap is a few MB, so the default collects every few MB) under a
// soft ceiling (96 MiB of Go heap; ingest peaks near 160 MB RSS with
// SQLite's cache) that keeps peak RSS well below 256 MB. GOGC and GOMEMLIMIT set
// by the user win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(96 << 20)
	}
}
