package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sukien/sukien"
)

// The large-database benchmarks time the queries of `sukien events` and
// `sukien search` on a synthetic database of SUKIEN_BENCH_EVENTS merged
// events (1,000,000 by default), a tenth as many documents and ten
// sentences a document. The database is built once, written straight into
// the tables (Ingest would take too long at this size), and kept in
// $TMPDIR/sukien-bench-EVENTS-vN.db for later runs.
//
//	go test -run '^$' -bench LargeDB -benchtime 200x ./internal/store/

const largeVersion = 4 // bump when the schema or the generator changes

var large struct {
	once sync.Once
	path string
	err  error
}

func largeDB(b *testing.B) *Store {
	b.Helper()
	n := 1_000_000
	if v := os.Getenv("SUKIEN_BENCH_EVENTS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatal(err)
		}
	}
	large.once.Do(func() {
		large.path = filepath.Join(os.TempDir(), fmt.Sprintf("sukien-bench-%d-v%d.db", n, largeVersion))
		if _, err := os.Stat(large.path); err == nil {
			return
		}
		start := time.Now()
		tmp := large.path + ".tmp"
		os.Remove(tmp)
		large.err = buildLarge(tmp, n)
		if large.err == nil {
			large.err = os.Rename(tmp, large.path)
		}
		b.Logf("built %s (%d events) in %v", large.path, n, time.Since(start).Round(time.Second))
	})
	if large.err != nil {
		b.Fatal(large.err)
	}
	s, err := Open(context.Background(), large.path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// bulk inserts rows in multi-row statements inside tx.
type bulk struct {
	tx   *sql.Tx
	head string
	cols int
	args []any
	err  error
}

func (k *bulk) add(row ...any) {
	k.args = append(k.args, row...)
	if len(k.args)+k.cols > 30000 {
		k.flush()
	}
}

func (k *bulk) flush() {
	if len(k.args) == 0 || k.err != nil {
		return
	}
	rb := rowBuffer{head: k.head, cols: k.cols}
	_, k.err = k.tx.Exec(rb.statement(len(k.args)/k.cols), k.args...)
	k.args = k.args[:0]
}

// zipfWords is the vocabulary of the synthetic sentences, most frequent
// first: the topical words of synthWords among generated syllables.
var zipfWords = func() []string {
	var w []string
	for i := range 3000 {
		w = append(w, fmt.Sprintf("từ%d", i))
	}
	r := rand.New(rand.NewPCG(3, 4))
	for _, t := range synthWords {
		i := 20 + r.IntN(400)
		w = slices.Insert(w, i, t)
	}
	return w
}()

func zipfSentence(r *rand.Rand, z *rand.Zipf, b *strings.Builder) string {
	b.Reset()
	if r.IntN(10) < 3 {
		_, a := synthState(r)
		_, c := synthState(r)
		fmt.Fprintf(b, "Phía %s và %s", a, c)
	} else {
		b.WriteString("Theo nguồn tin")
	}
	for n := 10 + r.IntN(16); n > 0; n-- {
		b.WriteByte(' ')
		b.WriteString(zipfWords[z.Uint64()])
	}
	if r.IntN(20) == 0 {
		b.WriteString(" về phi hạt nhân hóa")
	}
	b.WriteByte('.')
	return b.String()
}

func buildLarge(path string, n int) error {
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		return err
	}
	defer s.Close()
	for _, q := range []string{`PRAGMA journal_mode = OFF`, `PRAGMA synchronous = OFF`} {
		if _, err := s.db.Exec(q); err != nil {
			return err
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	r := rand.New(rand.NewPCG(5, 6))
	z := rand.NewZipf(r, 1.07, 1, uint64(len(zipfWords)-1))
	var sb strings.Builder

	docs := &bulk{tx: tx, head: `INSERT INTO documents (id, url, outlet, published, title, content_hash, extract_hash, ingested_at) VALUES `, cols: 8}
	sents := &bulk{tx: tx, head: `INSERT INTO sentences (sid, doc_id, idx, start_off, end_off, orig_start, orig_end, text, folded) VALUES `, cols: 9}
	first := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	days := int(time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC).Sub(first).Hours() / 24)
	ndocs := max(n/10, 1)
	perDay := map[int64]int64{}
	for d := range ndocs {
		id := fmt.Sprintf("doc-%07d", d)
		pub := first.AddDate(0, 0, d*days/ndocs).Format("2006-01-02")
		docs.add(id, "https://example.vn/"+id, fmt.Sprintf("Báo %d", d%23), pub, "Tin số "+strconv.Itoa(d), hashOf(id), hashOf(id), pub)
		day := dayOf(pub, "")
		perDay[day]++
		for i := -1; i < 10; i++ {
			text := zipfSentence(r, z, &sb)
			sents.add(sentenceKey(day, perDay[day], i), id, i, 0, len(text), 0, len(text), text, Fold(text))
		}
	}
	docs.flush()
	sents.flush()
	if err := cmpErr(docs.err, sents.err); err != nil {
		return err
	}
	if s.dialect == sqlite {
		if _, err := tx.Exec(`INSERT INTO sentences_fts (rowid, folded) SELECT sid, folded FROM sentences ORDER BY sid`); err != nil {
			return err
		}
	}

	events := &bulk{tx: tx, head: `INSERT INTO events (id, type, is_symmetric, sides, mode, date, date_lo, date_hi, sentence,
		num_mentions, num_sources, num_outlets, first_seen, last_seen) VALUES `, cols: 14}
	actors := &bulk{tx: tx, head: `INSERT INTO event_actors (event_id, side, pos, actor_id, kind, name, country) VALUES `, cols: 7}
	// The participants of mentions, as the tables before migration 0009
	// held them, for the backfill below.
	if _, err := tx.Exec(`CREATE TABLE mention_actors (mention_id TEXT, side TEXT, pos INTEGER, doc_id TEXT,
		actor_id TEXT, kind TEXT, name TEXT, country TEXT, raw TEXT, folded TEXT, name_folded TEXT)`); err != nil {
		return err
	}
	names := &bulk{tx: tx, head: `INSERT INTO mention_actors (mention_id, side, pos, doc_id, actor_id, kind, name, country, raw, folded, name_folded) VALUES `, cols: 11}
	for i := range n {
		typ := synthTypes[r.IntN(len(synthTypes))]
		a, aName := synthState(r)
		c, cName := synthState(r)
		for c == a {
			c, cName = synthState(r)
		}
		list := []sukien.Actor{{Kind: sukien.KindCountry, ID: a, Country: a, Name: a, Raw: aName}}
		rec := []sukien.Actor{{Kind: sukien.KindCountry, ID: c, Country: c, Name: c, Raw: cName}}
		if r.IntN(4) == 0 {
			p := synthPersons[r.IntN(len(synthPersons))]
			list = append(list, sukien.Actor{Kind: sukien.KindPerson, ID: p.id, Name: p.name, Country: p.country, Raw: p.name})
		}
		e := sukien.Event{Event: typ, Actor: list, Recipient: rec}
		day := first.AddDate(0, 0, r.IntN(days))
		var dt, lo, hi any
		switch r.IntN(30) {
		case 0:
		case 1, 2, 3:
			dt = day.Format("2006-01")
		default:
			dt = day.Format("2006-01-02")
		}
		if dt != nil {
			lo, hi, _ = dateRange(dt.(string))
		}
		id := fmt.Sprintf("ev_%015d", i)
		sym := 0
		if sukien.Symmetric(typ) {
			sym = 1
		}
		pub := day.Format("2006-01-02")
		doc := fmt.Sprintf("doc-%07d", r.IntN(ndocs))
		events.add(id, typ, sym, keyOf(&e).sides, "verbal", dt, lo, hi, zipfSentence(r, z, &sb), 1+r.IntN(3), 1, 1, pub, pub)
		for side, as := range [2][]sukien.Actor{list, rec} {
			for pos, ac := range as {
				actors.add(id, sideNames[side], pos, ActorID(ac), ac.Kind, ac.Name, ac.Country)
				names.add(doc+"#"+strconv.Itoa(i), sideNames[side], pos, doc, ActorID(ac), ac.Kind, ac.Name, ac.Country, ac.Raw, Fold(ac.Raw), Fold(ac.Name))
			}
		}
	}
	events.flush()
	actors.flush()
	names.flush()
	if err := cmpErr(events.err, actors.err, names.err); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	// The tables Ingest derives from those, filled as the migrations fill
	// them for a database written before they existed.
	if err := backfill(s, "actor_names", "event_keys", "role_sets", "role_set_keys", "actor_stats", "actor_aliases"); err != nil {
		return err
	}
	if _, err := s.db.Exec(`DROP TABLE mention_actors`); err != nil {
		return err
	}
	_, err = s.db.Exec(`ANALYZE`)
	return err
}

// backfill fills tables Ingest derives from the others (actor_names,
// event_keys, role_sets, actor_stats, ...) as the
// migrations fill them for a database written before they existed: with
// the INSERT statements of the last migration filling each.
func backfill(s *Store, tables ...string) error {
	ms, err := s.pending()
	if err != nil {
		return err
	}
	for _, table := range tables {
		var last []string
		for _, m := range ms {
			body, err := migrations.ReadFile("migrations/" + m.name)
			if err != nil {
				return err
			}
			var stmts []string
			for _, stmt := range strings.Split(string(body), ";") {
				if i := strings.Index(stmt, "INSERT INTO "+table+" "); i >= 0 {
					stmts = append(stmts, stmt[i:])
				}
			}
			if stmts != nil {
				last = stmts
			}
		}
		for _, stmt := range last {
			if _, err := s.db.Exec(stmt); err != nil {
				return fmt.Errorf("%s: %v", table, err)
			}
		}
	}
	return nil
}

func cmpErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// largeFilters are the common filters of `sukien events`, each with
// --limit 50.
var largeFilters = []EventFilter{
	{Actor: "KOR"},
	{Actor: "Triều Tiên"},
	{Actor: "PRK", With: "USA"},
	{Type: "CONSULT"},
	{Type: "ACCUSE", Actor: "CHN"},
	{Since: "2019-01", Until: "2019-06"},
	{Actor: "KOR", Type: "CONSULT", Since: "2018", Until: "2019"},
	{Person: "Kim Jong-un", Since: "2018"},
	{Country: "JPN", Since: "2024"},
	{},
	// Names standing for several ids (see largeResolver).
	{Actor: "bán đảo"},
	{Actor: "bán đảo", Type: "CONSULT"},
	{Person: "lãnh đạo", Since: "2020"},
	{Actor: "bán đảo", With: "USA"},
	{Country: "bán đảo", Person: "Kim Jong-un"},
}

// largeResolver gives the filters names for several ids.
var largeResolver = mapResolver{"bán đảo": {"KOR", "PRK"}, "lãnh đạo": {"P_MOON", "P_KIMJU", "P_TRUMP", "P_XI"}}

var largeSearches = []string{
	"Triều Tiên",     // a country in the sentence frame, ~5% of sentences
	"hội đàm",        // topical words, together
	`"phi hạt nhân"`, // a phrase
	"từ30 OR từ70",
	"từ2500", // a rare word
	"Mỹ -Nga",
}

func reportLatency(b *testing.B, ds []time.Duration) {
	slices.Sort(ds)
	at := func(p float64) float64 { return float64(ds[int(p*float64(len(ds)-1))].Microseconds()) / 1000 }
	b.ReportMetric(at(0.5), "p50-ms")
	b.ReportMetric(at(0.95), "p95-ms")
	b.ReportMetric(at(1), "max-ms")
}

func BenchmarkEventsLargeDB(b *testing.B) {
	s := largeDB(b)
	s.SetResolver(largeResolver)
	ctx := context.Background()
	for _, f := range largeFilters { // warm the cache, and check
		f.Limit = 50
		evs, total, err := s.Events(ctx, f)
		if err != nil || len(evs) == 0 || total < len(evs) {
			b.Fatalf("%+v: %d events of %d, %v", f, len(evs), total, err)
		}
	}
	var ds []time.Duration
	per := make([][]time.Duration, len(largeFilters))
	i := 0
	for b.Loop() {
		f := largeFilters[i%len(largeFilters)]
		f.Limit = 50
		start := time.Now()
		if _, _, err := s.Events(ctx, f); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(start))
		per[i%len(largeFilters)] = append(per[i%len(largeFilters)], time.Since(start))
		i++
	}
	reportLatency(b, ds)
	for i, d := range per {
		if len(d) > 0 {
			slices.Sort(d)
			b.Logf("%v: median %v", largeFilters[i], d[len(d)/2])
		}
	}
}

func BenchmarkSearchLargeDB(b *testing.B) {
	s := largeDB(b)
	ctx := context.Background()
	for _, q := range largeSearches {
		if hits, err := s.Search(ctx, q, 20); err != nil || len(hits) == 0 {
			b.Fatalf("%s: %d hits, %v", q, len(hits), err)
		}
	}
	var ds []time.Duration
	per := make([][]time.Duration, len(largeSearches))
	i := 0
	for b.Loop() {
		start := time.Now()
		if _, err := s.Search(ctx, largeSearches[i%len(largeSearches)], 20); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(start))
		per[i%len(largeSearches)] = append(per[i%len(largeSearches)], time.Since(start))
		i++
	}
	reportLatency(b, ds)
	for i, d := range per {
		if len(d) > 0 {
			slices.Sort(d)
			b.Logf("%q: median %v", largeSearches[i], d[len(d)/2])
		}
	}
}

// BenchmarkActorsLargeDB times the actor list of the web UI's overview.
func BenchmarkActorsLargeDB(b *testing.B) {
	s := largeDB(b)
	ctx := context.Background()
	var ds []time.Duration
	for b.Loop() {
		start := time.Now()
		actors, err := s.Actors(ctx)
		if err != nil || len(actors) < 10 {
			b.Fatal(len(actors), err)
		}
		ds = append(ds, time.Since(start))
	}
	reportLatency(b, ds)
}
