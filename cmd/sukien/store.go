package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sukien/sukien"
	"github.com/sukien/sukien/internal/dict"
	"github.com/sukien/sukien/internal/extract"
	"github.com/sukien/sukien/internal/ingest"
	"github.com/sukien/sukien/internal/store"
)

const dbUsage = "database: a SQLite file or a postgres:// URL (default $SUKIEN_DB, else " + store.DefaultPath + ")"

// storeFlags are the flags every store command takes.
type storeFlags struct {
	db   string
	dirs dictDirs
}

func (sf *storeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&sf.db, "db", "", dbUsage)
	fs.Var(&sf.dirs, "dict", "folder of extra dictionary files (repeatable)")
}

// openStore opens the database and teaches it the dictionary's names and
// channels, so that filters accept any alias and every channel is listed.
func (m *Main) openStore(ctx context.Context, sf storeFlags) (*store.Store, *dict.Dictionary, error) {
	dsn := sf.db
	if dsn == "" {
		dsn = os.Getenv("SUKIEN_DB")
	}
	d, err := m.loadDict(sf.dirs)
	if err != nil {
		return nil, nil, err
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, nil, err
	}
	st.SetResolver(newDictResolver(d))
	st.SetChannels(channelDefs(d))
	return st, d, nil
}

// dictResolver resolves what a user types — an id, an English name, an
// alias or short form in any case or tone-mark placement — to the ids the
// store keeps: ISO3 codes for states, dictionary ids for persons and
// organisations. A capital that stands for its state gives the state.
type dictResolver struct {
	d     *dict.Dictionary
	names map[string][]*dict.Entry // dict.Key of ids and English names
}

func newDictResolver(d *dict.Dictionary) *dictResolver {
	r := &dictResolver{d: d, names: map[string][]*dict.Entry{}}
	for _, e := range d.Entries {
		if entryActorID(e) == "" {
			continue
		}
		for _, n := range []string{e.ID, e.Name} {
			if k := dict.Key(n); k != "" {
				r.names[k] = append(r.names[k], e)
			}
		}
	}
	return r
}

func (r *dictResolver) Resolve(name string) []string {
	k := dict.Key(name)
	var ids []string
	add := func(e *dict.Entry) {
		if id := entryActorID(e); id != "" && !contains(ids, id) {
			ids = append(ids, id)
		}
	}
	for _, tg := range r.d.Actors.LookupKey([]byte(k)) {
		if tg.Field != dict.FieldContextual { // "miền Nam" means a state only inside an article
			add(tg.Entry)
		}
	}
	for _, e := range r.names[k] {
		add(e)
	}
	return ids
}

// entryActorID is the id the store keeps for actors of entry e, or "" for
// entries that are not actors (titles, institutions, ordinary places).
func entryActorID(e *dict.Entry) string {
	switch e.Kind {
	case dict.Country, dict.Person, dict.Organization:
		return e.ID
	case dict.Place:
		if e.Metonym {
			return e.Country
		}
	}
	return ""
}

// channelDefs returns the channels of the dictionary.
func channelDefs(d *dict.Dictionary) []store.ChannelDef {
	var defs []store.ChannelDef
	for _, e := range d.Entries {
		if e.Kind != dict.Channel {
			continue
		}
		def := store.ChannelDef{ID: e.ID, Name: e.Name, Members: e.Members, Aliases: e.Aliases, Event: e.Event}
		if e.Level != "" {
			def.Levels = []string{e.Level}
		}
		defs = append(defs, def)
	}
	return defs
}

// inputError turns the store's complaints about what the user typed (a
// bad date, an unknown format) into usage errors.
func inputError(err error) error {
	if sukien.ErrorCode(err) == sukien.EINVALID {
		return &usageError{sukien.ErrorMessage(err)}
	}
	return err
}

// runIngest runs `sukien ingest`: extract documents and store them in
// batches, one transaction each.
func (m *Main) runIngest(ctx context.Context, args []string) error {
	fs := m.newFlags("ingest", "[--db DSN] [--dict DIR] [--published DATE] [--batch N] [--workers N] PATH ...")
	var sf storeFlags
	sf.register(fs)
	published := fs.String("published", "", "publication date (YYYY-MM-DD, YYYY-MM) for plain files without one")
	batchSize := fs.Int("batch", 500, "documents stored per transaction")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "documents extracted in parallel")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *batchSize < 1 {
		return &usageError{"ingest: --batch must be at least 1"}
	}
	st, d, err := m.openStore(ctx, sf)
	if err != nil {
		return err
	}
	defer st.Close()

	p := &progress{w: m.Stderr, term: m.IsTerminal, start: time.Now()}
	// Batches are stored by their own goroutine, in input order, while the
	// next is extracted: the store is one writer and mostly one core, so
	// alternating the two left a core idle. The channel is unbuffered: a
	// full batch waits for the store to finish the one before, so two
	// batches at most are held (a third, queued, cost more in garbage
	// collection under the memory limit than it gained).
	streamCtx, stopStream := context.WithCancel(ctx)
	defer stopStream()
	batches := make(chan []store.Article)
	storeDone := make(chan struct{})
	var (
		total    store.Result
		storeErr error
		unstored int // documents of batches not stored: after an error or an interrupt
	)
	go func() {
		defer close(storeDone)
		for b := range batches {
			if storeErr != nil || ctx.Err() != nil {
				unstored += len(b)
				continue
			}
			// A batch under way is finished even when interrupted: the
			// transaction makes it all or nothing, and stopping between
			// batches loses no work already committed.
			res, err := st.Ingest(context.WithoutCancel(ctx), b)
			if err != nil {
				storeErr = err
				unstored += len(b)
				stopStream() // no use extracting what will not be stored
				continue
			}
			total.Added += res.Added
			total.Replaced += res.Replaced
			total.Unchanged += res.Unchanged
			total.Events += res.Events
			total.Merged += res.Merged
		}
	}()
	batch := make([]store.Article, 0, *batchSize)
	send := func() error {
		if len(batch) == 0 {
			return nil
		}
		select {
		case batches <- batch:
		case <-streamCtx.Done():
			return streamCtx.Err()
		}
		batch = make([]store.Article, 0, *batchSize)
		return nil
	}
	opt := ingest.Options{Published: *published, Stdin: m.Stdin}
	err = m.stream(streamCtx, extract.New(d), fs.Args(), opt, *workers, func(done extract.Done) error {
		if done.Err == nil && strings.TrimSpace(done.Doc.ID) == "" {
			done.Err = &sukien.Error{Code: sukien.EINVALID, Message: "document without id", Source: done.Doc.Source, Line: done.Doc.Line}
		}
		if done.Err != nil {
			p.fail(done.Err)
			return nil
		}
		a := store.ArticleOf(done.Doc, done.Result.Doc, done.Result.Events)
		a.Prepare() // here, not on the storing goroutine, which the ingest waits on
		batch = append(batch, a)
		p.add(len(done.Result.Events))
		if len(batch) >= *batchSize {
			return send()
		}
		return nil
	})
	if err == nil {
		err = send()
	}
	close(batches)
	<-storeDone
	unstored += len(batch)
	if storeErr != nil {
		err = storeErr
	}
	p.finish(total)
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(m.Stderr, "sukien: ingest interrupted: %d document(s) read after the last stored batch were not stored; run again to go on\n", unstored)
		return errors.New("interrupted")
	case err != nil:
		return err
	case p.errors > 0:
		fmt.Fprintf(m.Stderr, "sukien: %d input(s) could not be read\n", p.errors)
		return errSilent
	}
	return nil
}

// progress reports an ingest as it goes: a status line redrawn at most ten
// times a second on a terminal, else a log line every 1,000 documents.
type progress struct {
	w      io.Writer
	term   bool
	start  time.Time
	drawn  time.Time
	docs   int
	events int
	errors int
}

func (p *progress) add(events int) {
	p.docs++
	p.events += events
	p.tick()
}

// fail reports a bad input on its own line and counts it.
func (p *progress) fail(err error) {
	p.errors++
	if p.term {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = time.Time{}
	}
	fmt.Fprintln(p.w, "sukien:", err)
	p.tick()
}

func (p *progress) tick() {
	if !p.term {
		if n := p.docs + p.errors; n%1000 == 0 {
			fmt.Fprintf(p.w, "sukien: ingest: %s\n", p.status())
		}
		return
	}
	if now := time.Now(); now.Sub(p.drawn) >= 100*time.Millisecond {
		p.drawn = now
		fmt.Fprintf(p.w, "\r\033[Kingest: %s", p.status())
	}
}

func (p *progress) status() string {
	return fmt.Sprintf("%d documents, %.1f docs/s, %d events, %d errors", p.docs, p.rate(), p.events, p.errors)
}

func (p *progress) rate() float64 {
	if s := time.Since(p.start).Seconds(); s > 0 {
		return float64(p.docs) / s
	}
	return 0
}

// finish replaces the status line with the summary.
func (p *progress) finish(r store.Result) {
	if p.term {
		fmt.Fprint(p.w, "\r\033[K")
	}
	fmt.Fprintf(p.w, "ingest: %d added, %d replaced, %d unchanged, %d events (%d merged), %d errors in %s (%.1f docs/s)\n",
		r.Added, r.Replaced, r.Unchanged, r.Events, r.Merged, p.errors,
		time.Since(p.start).Round(time.Millisecond), p.rate())
}

// filterFlags registers the event filters on fs.
func filterFlags(fs *flag.FlagSet, f *store.EventFilter, limit int) {
	fs.StringVar(&f.Actor, "actor", "", "who acts (a code, name or alias; any participant of a symmetric event)")
	fs.StringVar(&f.With, "with", "", "whom (a code, name or alias; any participant of a symmetric event)")
	fs.StringVar(&f.Type, "type", "", "PLOVER event type, e.g. CONSULT")
	fs.StringVar(&f.Since, "since", "", "events dated on or after (YYYY, YYYY-MM or YYYY-MM-DD)")
	fs.StringVar(&f.Until, "until", "", "events dated on or before (YYYY, YYYY-MM or YYYY-MM-DD)")
	fs.StringVar(&f.Country, "country", "", "a participant's country or the event's location")
	fs.StringVar(&f.Person, "person", "", "a person taking part")
	fs.StringVar(&f.Channel, "channel", "", "channel id (see `sukien channels`)")
	fs.IntVar(&f.Limit, "limit", limit, "at most this many events (0: all)")
}

// runEvents runs `sukien events` and `sukien events show ID`.
func (m *Main) runEvents(ctx context.Context, args []string) error {
	fs := m.newFlags("events", "[--db DSN] [filters] [--limit N] [--format table|jsonl|csv]\n       sukien events show [--db DSN] [--format table|jsonl] ID")
	var sf storeFlags
	sf.register(fs)
	var f store.EventFilter
	filterFlags(fs, &f, 100)
	format := fs.String("format", "table", "output format: table, jsonl or csv")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	show := fs.NArg() > 0 && fs.Arg(0) == "show"
	switch {
	case show && fs.NArg() != 2:
		return &usageError{"events show: want one event ID"}
	case !show && fs.NArg() > 0:
		return &usageError{fmt.Sprintf("events: unexpected argument %q (did you mean `events show ID`?)", fs.Arg(0))}
	case *format != "table" && *format != "jsonl" && *format != "csv":
		return &usageError{fmt.Sprintf("events: unknown format %q (want table, jsonl or csv)", *format)}
	}
	st, _, err := m.openStore(ctx, sf)
	if err != nil {
		return err
	}
	defer st.Close()
	if show {
		ev, err := st.Event(ctx, fs.Arg(1))
		if err != nil {
			return err
		}
		if *format == "table" {
			return writeEventDetail(m.Stdout, ev)
		}
		return writeJSONLine(m.Stdout, ev)
	}
	if *format != "table" {
		return inputError(st.Export(ctx, m.Stdout, *format, f))
	}
	evs, n, err := st.Events(ctx, f)
	if err != nil {
		return inputError(err)
	}
	if err := writeEventTable(m.Stdout, evs); err != nil {
		return err
	}
	if len(evs) < n {
		fmt.Fprintf(m.Stderr, "(%d of %d events; --limit 0 shows all)\n", len(evs), n)
	}
	return nil
}

func writeEventTable(w io.Writer, evs []store.Event) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tDATE\tTYPE\tWHO\tWHOM\tWHERE\tM/S\tSUMMARY")
	for _, ev := range evs {
		about := ev.Summary
		if about == "" {
			about = ev.Sentence
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d/%d\t%s\n", ev.ID, orDash(deref(ev.Date)), typeMode(ev.Event, ev.Mode),
			orDash(short(ev.Actor)), orDash(short(ev.Recipient)), orDash(locName(ev.Location)),
			ev.NumMentions, ev.NumSources, clip(about, 70))
	}
	return tw.Flush()
}

func typeMode(typ, mode string) string {
	if mode == "" {
		return typ
	}
	return typ + "/" + mode
}

// writeEventDetail prints one event, then every report of it.
func writeEventDetail(w io.Writer, ev *store.Event) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	line := func(k, v string) {
		if v != "" {
			fmt.Fprintf(tw, "%s\t%s\n", k, v)
		}
	}
	typ := typeMode(ev.Event, ev.Mode)
	if ev.Cameo != "" {
		typ += " (CAMEO " + ev.Cameo + ")"
	}
	line("event", ev.ID)
	line("type", typ)
	line("date", orDash(deref(ev.Date)))
	line("actor", orDash(short(ev.Actor)))
	line("recipient", orDash(short(ev.Recipient)))
	line("where", locName(ev.Location))
	line("channel", ev.Channel)
	line("level", ev.Level)
	line("summary", ev.Summary)
	line("reports", fmt.Sprintf("%d mentions in %d documents from %d outlets, first seen %s, last seen %s",
		ev.NumMentions, ev.NumSources, ev.NumOutlets, orDash(ev.FirstSeen), orDash(ev.LastSeen)))
	if err := tw.Flush(); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	for _, mn := range ev.Mentions {
		fmt.Fprintf(bw, "\n%s  %s  %s", mn.Doc, orDash(mn.Outlet), orDash(mn.Published))
		if mn.URL != "" {
			fmt.Fprintf(bw, "  %s", mn.URL)
		}
		fmt.Fprintf(bw, "\n  %s\n", mn.Sentence)
	}
	return bw.Flush()
}

func writeJSONLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// runActorsList runs `sukien actors`: the stored actors, most events first.
func (m *Main) runActorsList(ctx context.Context, args []string) error {
	fs := m.newFlags("actors", "[--db DSN] [--format table|jsonl]")
	var sf storeFlags
	sf.register(fs)
	format := fs.String("format", "table", "output format: table or jsonl")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{fmt.Sprintf("actors: unexpected argument %q", fs.Arg(0))}
	}
	if *format != "table" && *format != "jsonl" {
		return &usageError{fmt.Sprintf("actors: unknown format %q (want table or jsonl)", *format)}
	}
	st, _, err := m.openStore(ctx, sf)
	if err != nil {
		return err
	}
	defer st.Close()
	actors, err := st.Actors(ctx)
	if err != nil {
		return err
	}
	if *format == "jsonl" {
		bw := bufio.NewWriter(m.Stdout)
		for i := range actors {
			if err := writeJSONLine(bw, &actors[i]); err != nil {
				return err
			}
		}
		return bw.Flush()
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tNAME\tCOUNTRY\tEVENTS\tMENTIONS\tFIRST\tLAST\tALIASES")
	for _, a := range actors {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s\n", a.ID, orDash(a.Kind), orDash(a.Name), orDash(a.Country),
			a.Events, a.Mentions, orDash(a.FirstSeen), orDash(a.LastSeen), clip(strings.Join(a.Aliases, ", "), 60))
	}
	return tw.Flush()
}

// runSearch runs `sukien search`: ranked sentences with the matches marked.
func (m *Main) runSearch(ctx context.Context, args []string) error {
	fs := m.newFlags("search", "[--db DSN] [--limit N] [--format text|jsonl] QUERY...")
	var sf storeFlags
	sf.register(fs)
	limit := fs.Int("limit", 20, "at most this many hits")
	format := fs.String("format", "text", "output format: text or jsonl")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	q := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(q) == "" {
		fs.Usage()
		return &usageError{"search: no QUERY given"}
	}
	if *format != "text" && *format != "jsonl" {
		return &usageError{fmt.Sprintf("search: unknown format %q (want text or jsonl)", *format)}
	}
	st, _, err := m.openStore(ctx, sf)
	if err != nil {
		return err
	}
	defer st.Close()
	hits, err := st.Search(ctx, q, *limit)
	if err != nil {
		return inputError(err)
	}
	bw := bufio.NewWriter(m.Stdout)
	if *format == "jsonl" {
		for i := range hits {
			if err := writeJSONLine(bw, &hits[i]); err != nil {
				return err
			}
		}
		return bw.Flush()
	}
	bold := isTerminal(m.Stdout) // off a terminal «» stay: they survive pipes and files
	for i, h := range hits {
		where := "title"
		if h.Sentence >= 0 {
			where = "sentence " + strconv.Itoa(h.Sentence+1)
		}
		fmt.Fprintf(bw, "%d. %s  %s  %s  (%s, score %.2f)\n", i+1, h.Doc, orDash(h.Outlet), orDash(h.Published), where, h.Score)
		if h.Title != "" && h.Sentence >= 0 {
			fmt.Fprintf(bw, "   %s\n", h.Title)
		}
		snippet := h.Snippet
		if bold {
			snippet = boldMarks.Replace(snippet)
		}
		fmt.Fprintf(bw, "   %s\n", snippet)
	}
	if len(hits) == 0 {
		fmt.Fprintln(m.Stderr, "search: no matches")
	}
	return bw.Flush()
}

// boldMarks renders the «» marks of a snippet in bold on a terminal.
var boldMarks = strings.NewReplacer("«", "\033[1m", "»", "\033[0m")

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// runChannels runs `sukien channels [ID]`.
func (m *Main) runChannels(ctx context.Context, args []string) error {
	fs := m.newFlags("channels", "[--db DSN] [--format table|jsonl] [ID]")
	var sf storeFlags
	sf.register(fs)
	format := fs.String("format", "table", "output format: table or jsonl")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return &usageError{"channels: want at most one channel ID"}
	}
	if *format != "table" && *format != "jsonl" {
		return &usageError{fmt.Sprintf("channels: unknown format %q (want table or jsonl)", *format)}
	}
	st, _, err := m.openStore(ctx, sf)
	if err != nil {
		return err
	}
	defer st.Close()
	var chs []store.Channel
	if fs.NArg() == 1 {
		ch, err := st.Channel(ctx, fs.Arg(0))
		if err != nil {
			return err
		}
		chs = []store.Channel{*ch}
	} else if chs, err = st.Channels(ctx); err != nil {
		return err
	}
	if *format == "jsonl" {
		bw := bufio.NewWriter(m.Stdout)
		for i := range chs {
			if err := writeJSONLine(bw, &chs[i]); err != nil {
				return err
			}
		}
		return bw.Flush()
	}
	if fs.NArg() == 1 {
		return writeSessions(m.Stdout, &chs[0])
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tMEMBERS\tSESSIONS\tEVENTS\tLAST")
	for _, ch := range chs {
		last := ""
		if n := len(ch.Sessions); n > 0 {
			last = deref(ch.Sessions[n-1].Date)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\n", ch.ID, ch.Name, orDash(strings.Join(ch.Members, " ")),
			len(ch.Sessions), ch.NumEvents, orDash(last))
	}
	return tw.Flush()
}

// writeSessions prints a channel and its sessions, oldest first.
func writeSessions(w io.Writer, ch *store.Channel) error {
	fmt.Fprintf(w, "%s  %s", ch.ID, ch.Name)
	if len(ch.Members) > 0 {
		fmt.Fprintf(w, "  (%s)", strings.Join(ch.Members, ", "))
	}
	fmt.Fprintf(w, "\n%d sessions, %d events\n", len(ch.Sessions), ch.NumEvents)
	if len(ch.Sessions) == 0 {
		return nil
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tLEVEL\tPLACE\tPARTICIPANTS\tSOURCES\tEVENTS")
	for _, s := range ch.Sessions {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\n", orDash(deref(s.Date)), orDash(s.Level), orDash(locName(s.Place)),
			orDash(short(s.Participants)), s.NumSources, strings.Join(s.Events, ", "))
	}
	return tw.Flush()
}

// runExport runs `sukien export`: the selected events in a data format,
// to standard output or a file.
func (m *Main) runExport(ctx context.Context, args []string) error {
	fs := m.newFlags("export", "[--db DSN] [--format jsonl|csv|polecat] [filters] [--out FILE]")
	var sf storeFlags
	sf.register(fs)
	var f store.EventFilter
	filterFlags(fs, &f, 0)
	format := fs.String("format", store.FormatJSONL, "output format: jsonl, csv or polecat (tab-separated)")
	out := fs.String("out", "", "write to FILE instead of standard output")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{fmt.Sprintf("export: unexpected argument %q", fs.Arg(0))}
	}
	switch *format {
	case store.FormatJSONL, store.FormatCSV, store.FormatPOLECAT:
	default:
		return &usageError{fmt.Sprintf("export: unknown format %q (want jsonl, csv or polecat)", *format)}
	}
	st, _, err := m.openStore(ctx, sf)
	if err != nil {
		return err
	}
	defer st.Close()
	if *out == "" {
		return inputError(st.Export(ctx, m.Stdout, *format, f))
	}
	file, err := os.Create(*out)
	if err != nil {
		return err
	}
	err = st.Export(ctx, file, *format, f)
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(*out) // no half-written export left behind
		return inputError(err)
	}
	return nil
}
