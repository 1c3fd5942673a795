package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/sukien/sukien"
	"github.com/sukien/sukien/internal/dict"
	"github.com/sukien/sukien/internal/extract"
	"github.com/sukien/sukien/internal/ingest"
)

// loadDict loads the built-in dictionaries and the user's --dict folders,
// reporting bad user stanzas (with file and line) as warnings.
func (m *Main) loadDict(dirs []string) (*dict.Dictionary, error) {
	d, errs := dict.Load(dirs...)
	for _, e := range errs {
		fmt.Fprintln(m.Stderr, "sukien: dictionary:", e)
	}
	if d == nil {
		return nil, errors.New("the built-in dictionaries are broken")
	}
	return d, nil
}

func (m *Main) runExtract(ctx context.Context, args []string) error {
	fs := m.newFlags("extract", "[--published DATE] [--dict DIR] [--format jsonl|table|csv] [PATH ...]")
	published := fs.String("published", "", "publication date (YYYY-MM-DD, YYYY-MM) for plain files without one")
	format := fs.String("format", "jsonl", "output format: jsonl, table or csv")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "documents extracted in parallel")
	explain := fs.Bool("explain", false, "write what the extractor read in each sentence to standard error")
	var dirs dictDirs
	fs.Var(&dirs, "dict", "folder of extra dictionary files (repeatable)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	out, err := newEventWriter(m.Stdout, *format)
	if err != nil {
		return &usageError{err.Error()}
	}
	d, err := m.loadDict(dirs)
	if err != nil {
		return err
	}
	x := extract.New(d)
	if *explain {
		x = x.WithExplain(m.Stderr)
		*workers = 1
	}
	failed := 0
	err = m.stream(ctx, x, fs.Args(), ingest.Options{Published: *published, Stdin: m.Stdin}, *workers, func(done extract.Done) error {
		if done.Err != nil {
			failed++
			fmt.Fprintln(m.Stderr, "sukien:", done.Err)
			return nil
		}
		for _, ev := range done.Result.Events {
			if err := out.Write(ev); err != nil {
				return err
			}
		}
		return nil
	})
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return err
	}
	if failed > 0 {
		fmt.Fprintf(m.Stderr, "sukien: %d input(s) could not be read\n", failed)
		return errSilent
	}
	return nil
}

// stream reads paths and extracts them in parallel, calling fn in input
// order.
func (m *Main) stream(ctx context.Context, x *extract.Extractor, paths []string, opt ingest.Options, workers int, fn func(extract.Done) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan extract.Job)
	readErr := make(chan error, 1)
	go func() {
		defer close(jobs)
		readErr <- ingest.Read(ctx, paths, opt, func(it ingest.Item) error {
			select {
			case jobs <- extract.Job{Doc: it.Doc, Err: it.Err}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	err := x.Stream(ctx, workers, jobs, fn)
	cancel()
	if rerr := <-readErr; err == nil && rerr != nil && !errors.Is(rerr, context.Canceled) {
		err = rerr
	}
	return err
}

// eventWriter prints event records in one of the output formats.
type eventWriter interface {
	Write(sukien.Event) error
	Flush() error
}

func newEventWriter(w io.Writer, format string) (eventWriter, error) {
	switch format {
	case "jsonl", "json":
		bw := bufio.NewWriterSize(w, 64<<10)
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		return &jsonlWriter{bw: bw, enc: enc}, nil
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.Write(csvHeader); err != nil {
			return nil, err
		}
		return &csvWriter{cw}, nil
	case "table":
		return &tableWriter{tw: tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)}, nil
	}
	return nil, fmt.Errorf("unknown format %q (want jsonl, table or csv)", format)
}

type jsonlWriter struct {
	bw  *bufio.Writer
	enc *json.Encoder // for what appendEvent cannot write
	buf []byte
}

func (j *jsonlWriter) Write(ev sukien.Event) error {
	b, ok := appendEvent(j.buf[:0], &ev)
	if !ok {
		return j.enc.Encode(ev)
	}
	j.buf = b
	_, err := j.bw.Write(b)
	return err
}

func (j *jsonlWriter) Flush() error { return j.bw.Flush() }

var csvHeader = []string{"id", "doc", "date", "event", "mode", "cameo", "actor", "actor_country", "recipient",
	"recipient_country", "location", "sentence", "summary"}

type csvWriter struct{ cw *csv.Writer }

func (c *csvWriter) Write(ev sukien.Event) error {
	return c.cw.Write([]string{ev.ID, ev.Doc, deref(ev.Date), ev.Event, ev.Mode, ev.Cameo, names(ev.Actor),
		codes(ev.Actor), names(ev.Recipient), codes(ev.Recipient), locName(ev.Location), ev.Sentence, ev.Summary})
}

func (c *csvWriter) Flush() error { c.cw.Flush(); return c.cw.Error() }

type tableWriter struct {
	tw *tabwriter.Writer
	n  int
}

func (t *tableWriter) Write(ev sukien.Event) error {
	if t.n == 0 {
		fmt.Fprintln(t.tw, "DATE\tTYPE\tWHO\tWHOM\tWHERE\tEVIDENCE")
	}
	t.n++
	typ := ev.Event
	if ev.Mode != "" {
		typ += "/" + ev.Mode
	}
	_, err := fmt.Fprintf(t.tw, "%s\t%s\t%s\t%s\t%s\t%s\n", orDash(deref(ev.Date)), typ, orDash(short(ev.Actor)),
		orDash(short(ev.Recipient)), orDash(locName(ev.Location)), clip(ev.Sentence, 70))
	return err
}

func (t *tableWriter) Flush() error { return t.tw.Flush() }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func locName(l *sukien.Location) string {
	if l == nil {
		return ""
	}
	return l.Name
}

func names(as []sukien.Actor) string {
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return strings.Join(out, "; ")
}

func codes(as []sukien.Actor) string {
	var out []string
	for _, a := range as {
		if a.Country != "" && !contains(out, a.Country) {
			out = append(out, a.Country)
		}
	}
	return strings.Join(out, ";")
}

// short writes a side for the table: "KOR (Cho Tae-yul)".
// short writes a side for a table: "KOR (Moon Jae-in), USA". A state whose
// person is listed is not listed again on its own.
func short(as []sukien.Actor) string {
	withPerson := map[string]bool{}
	for _, a := range as {
		if a.Kind == sukien.KindPerson {
			withPerson[a.Country] = true
		}
	}
	var out []string
	for _, a := range as {
		s := a.Country
		if a.Kind == sukien.KindPerson {
			s = a.Country + " (" + a.Name + ")"
		} else if withPerson[a.Country] {
			continue
		}
		if !contains(out, s) {
			out = append(out, s)
		}
	}
	return strings.Join(out, ", ")
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
