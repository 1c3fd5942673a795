package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/sukien/sukien"
	"github.com/sukien/sukien/internal/demo"
	"github.com/sukien/sukien/internal/dict"
	"github.com/sukien/sukien/internal/eval"
	"github.com/sukien/sukien/internal/extract"
	"github.com/sukien/sukien/internal/ingest"
	"github.com/sukien/sukien/internal/serve"
	"github.com/sukien/sukien/internal/store"
)

// runDemo extracts the built-in demo corpus: eighteen short articles written
// for sukien about real events of 2018–2025, with hand-made gold events.
func (m *Main) runDemo(ctx context.Context, args []string) error {
	fs := m.newFlags("demo", "[--jsonl | --eval | --serve [--addr ADDR]] [--dict DIR]")
	asJSON := fs.Bool("jsonl", false, "print the events as JSON Lines instead of a table")
	doEval := fs.Bool("eval", false, "score the events against the demo corpus's gold")
	serveIt := fs.Bool("serve", false, "ingest the demo corpus into an in-memory store and open the web UI")
	addr := fs.String("addr", "127.0.0.1:8080", "address for --serve")
	var dirs dictDirs
	fs.Var(&dirs, "dict", "folder of extra dictionary files (repeatable)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	d, err := m.loadDict(dirs)
	if err != nil {
		return err
	}
	x := extract.New(d)
	if *serveIt {
		return m.serveDemo(ctx, x, d, *addr)
	}
	var events []sukien.Event
	docs := 0
	err = m.stream(ctx, x, []string{"-"}, ingest.Options{Stdin: bytes.NewReader(demo.Docs)}, runtime.GOMAXPROCS(0), func(done extract.Done) error {
		if done.Err != nil {
			return done.Err
		}
		docs++
		events = append(events, done.Result.Events...)
		return nil
	})
	if err != nil {
		return err
	}
	switch {
	case *asJSON:
		w, _ := newEventWriter(m.Stdout, "jsonl")
		for _, ev := range events {
			if err := w.Write(ev); err != nil {
				return err
			}
		}
		return w.Flush()
	case *doEval:
		return m.demoEval(events)
	}
	w, _ := newEventWriter(m.Stdout, "table")
	for _, ev := range events {
		if err := w.Write(ev); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "\n%d events from %d documents of the built-in demo corpus.\n\n", len(events), docs)
	writeSummary(m.Stdout, events)
	return nil
}

func (m *Main) demoEval(events []sukien.Event) error {
	gold, err := eval.Read(bytes.NewReader(demo.Gold), "demo gold")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	w, _ := newEventWriter(&buf, "jsonl")
	for _, ev := range events {
		if err := w.Write(ev); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	pred, err := eval.Read(&buf, "demo events")
	if err != nil {
		return err
	}
	eval.Score(gold, pred).Write(m.Stdout, false)
	return nil
}

// writeSummary prints event counts by pair of states and by type.
func writeSummary(w io.Writer, events []sukien.Event) {
	type key struct{ pair, typ string }
	counts := map[key]int{}
	types := map[string]bool{}
	pairs := map[string]int{}
	for _, ev := range events {
		p := pairOf(ev)
		counts[key{p, ev.Event}]++
		types[ev.Event] = true
		pairs[p]++
	}
	var ts []string
	for t := range types {
		ts = append(ts, t)
	}
	sort.Strings(ts)
	var ps []string
	for p := range pairs {
		ps = append(ps, p)
	}
	sort.Slice(ps, func(i, j int) bool {
		if pairs[ps[i]] != pairs[ps[j]] {
			return pairs[ps[i]] > pairs[ps[j]]
		}
		return ps[i] < ps[j]
	})
	const rows = 12
	others := 0
	if len(ps) > rows {
		for _, p := range ps[rows:] {
			others += pairs[p]
		}
		ps = ps[:rows]
	}
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "STATES\t")
	for _, t := range ts {
		fmt.Fprintf(tw, "%s\t", abbrev(t))
	}
	fmt.Fprintln(tw, "ALL\t")
	for _, p := range ps {
		fmt.Fprintf(tw, "%s\t", p)
		for _, t := range ts {
			if n := counts[key{p, t}]; n > 0 {
				fmt.Fprintf(tw, "%d\t", n)
			} else {
				fmt.Fprint(tw, ".\t")
			}
		}
		fmt.Fprintf(tw, "%d\t\n", pairs[p])
	}
	tw.Flush()
	if others > 0 {
		fmt.Fprintf(w, "(and %d events between other sets of states)\n", others)
	}
}

// pairOf names the states of an event: "KOR–USA", or "PRK" alone.
func pairOf(ev sukien.Event) string {
	var codes []string
	seen := map[string]bool{}
	for _, a := range append(append([]sukien.Actor{}, ev.Actor...), ev.Recipient...) {
		if a.Country != "" && !seen[a.Country] {
			seen[a.Country] = true
			codes = append(codes, a.Country)
		}
	}
	sort.Strings(codes)
	return strings.Join(codes, "–")
}

func abbrev(t string) string {
	if len(t) > 4 {
		return t[:4]
	}
	return t
}

// serveDemo ingests the demo corpus into an in-memory SQLite store and
// serves the web UI on it until interrupted.
func (m *Main) serveDemo(ctx context.Context, x *extract.Extractor, d *dict.Dictionary, addr string) error {
	st, err := store.Open(ctx, ":memory:")
	if err != nil {
		return err
	}
	defer st.Close()
	st.SetResolver(newDictResolver(d))
	st.SetChannels(channelDefs(d))
	var batch []store.Article
	err = m.stream(ctx, x, []string{"-"}, ingest.Options{Stdin: bytes.NewReader(demo.Docs)}, runtime.GOMAXPROCS(0), func(done extract.Done) error {
		if done.Err != nil {
			return done.Err
		}
		batch = append(batch, store.ArticleOf(done.Doc, done.Result.Doc, done.Result.Events))
		return nil
	})
	if err != nil {
		return err
	}
	res, err := st.Ingest(ctx, batch)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "sukien: demo corpus: %d documents, %d events (%d merged across articles)\n", res.Added, res.Events, res.Merged)
	return m.serveStore(ctx, st, addr, serve.Options{})
}
