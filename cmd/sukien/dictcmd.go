package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sukien/sukien/internal/dict"
)

// runDict runs `sukien dict check|stats`.
func (m *Main) runDict(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return &usageError{"dict: want a subcommand: check or stats"}
	}
	switch args[0] {
	case "check":
		return m.runDictCheck(args[1:])
	case "stats":
		return m.runDictStats(args[1:])
	}
	return &usageError{fmt.Sprintf("dict: unknown subcommand %q (want check or stats)", args[0])}
}

// runDictCheck prints every load error and every problem Check finds, one a
// line as file:line: message, and fails when there is any (CI runs it).
func (m *Main) runDictCheck(args []string) error {
	fs := m.newFlags("dict check", "[--dict DIR] [--warn]")
	warn := fs.Bool("warn", false, "print problems but exit 0")
	var dirs dictDirs
	fs.Var(&dirs, "dict", "folder of extra dictionary files (repeatable)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{"dict check: takes no arguments"}
	}
	d, errs := dict.Load(dirs...)
	for _, e := range errs {
		fmt.Fprintln(m.Stdout, e)
	}
	if d == nil {
		return errors.New("the built-in dictionaries are broken")
	}
	problems := d.Check()
	for _, p := range problems {
		fmt.Fprintln(m.Stdout, p)
	}
	n := len(errs) + len(problems)
	if n == 0 {
		fmt.Fprintf(m.Stderr, "dict check: %d entries, no problems\n", len(d.Entries))
		return nil
	}
	fmt.Fprintf(m.Stderr, "dict check: %d problems\n", n)
	if *warn {
		return nil
	}
	return errSilent
}

// runDictStats prints the size of the dictionaries as a table.
func (m *Main) runDictStats(args []string) error {
	fs := m.newFlags("dict stats", "[--dict DIR]")
	var dirs dictDirs
	fs.Var(&dirs, "dict", "folder of extra dictionary files (repeatable)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{"dict stats: takes no arguments"}
	}
	d, err := m.loadDict(dirs)
	if err != nil {
		return err
	}
	writeStats(m.Stdout, d)
	return nil
}

func writeStats(w io.Writer, d *dict.Dictionary) {
	type row struct{ entries, aliases int }
	rows := map[string]*row{}
	withRoles, terms := 0, 0
	for _, e := range d.Entries {
		r := rows[e.Kind]
		if r == nil {
			r = &row{}
			rows[e.Kind] = r
		}
		r.entries++
		r.aliases += len(e.Aliases)
		if len(e.Roles) > 0 {
			withRoles++
			terms += len(e.Roles)
		}
	}
	kinds := make([]string, 0, len(rows))
	for k := range rows {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "kind\tentries\taliases\t")
	var total row
	for _, k := range kinds {
		r := rows[k]
		fmt.Fprintf(tw, "%s\t%d\t%d\t\n", k, r.entries, r.aliases)
		total.entries += r.entries
		total.aliases += r.aliases
	}
	fmt.Fprintf(tw, "total\t%d\t%d\t\n", total.entries, total.aliases)
	tw.Flush()
	fmt.Fprintf(w, "\npersons with roles: %d (%d terms of office)\n", withRoles, terms)
	fmt.Fprintf(w, "hanviet syllables: %d\n", len(d.Hanviet))
}

// runActors runs `sukien actors lookup`. Listing stored actors (no
// subcommand) waits for the store.
func (m *Main) runActors(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "lookup" {
		// Without "lookup": the actors of the event store.
		return m.runActorsList(ctx, args)
	}
	fs := m.newFlags("actors lookup", "[--date YYYY-MM-DD] [--dict DIR] TEXT...")
	date := fs.String("date", time.Now().Format(time.DateOnly), "resolve titles at this date (YYYY, YYYY-MM or YYYY-MM-DD)")
	var dirs dictDirs
	fs.Var(&dirs, "dict", "folder of extra dictionary files (repeatable)")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	text := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(text) == "" {
		fs.Usage()
		return &usageError{"actors lookup: no TEXT given"}
	}
	if !isISODate(*date) {
		return &usageError{fmt.Sprintf("actors lookup: --date %q: want YYYY, YYYY-MM or YYYY-MM-DD", *date)}
	}
	d, err := m.loadDict(dirs)
	if err != nil {
		return err
	}
	rs := d.Resolve(text, *date)
	if len(rs) == 0 {
		return fmt.Errorf("actors lookup: %q resolves to nothing", text)
	}
	for i, r := range rs {
		if i > 0 {
			fmt.Fprintln(m.Stdout)
		}
		writeResolution(m.Stdout, r, *date)
	}
	return nil
}

func writeResolution(w io.Writer, r dict.Resolution, date string) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\n", r.Text)
	line := func(k, v string) {
		if v != "" {
			fmt.Fprintf(tw, "  %s\t%s\n", k, v)
		}
	}
	name := r.Name
	if r.Transliterated {
		name += " (transliterated)"
	}
	line("name", name)
	line("kind", r.Kind)
	line("id", r.ID)
	line("country", r.Country)
	line("sector", r.Sector)
	if r.Title != "" {
		line("title", r.Title+" at "+date)
	}
	line("rule", r.Rule)
	if e := r.Entry; e != nil {
		line("entry", fmt.Sprintf("%s:%d", e.Source, e.Line))
	}
	tw.Flush()
}

// isISODate reports whether s is a date at year, month or day precision.
func isISODate(s string) bool {
	for _, layout := range []string{"2006", "2006-01", time.DateOnly} {
		if len(s) == len(layout) {
			_, err := time.Parse(layout, s)
			return err == nil
		}
	}
	return false
}
