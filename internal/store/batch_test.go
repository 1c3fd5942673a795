package store

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/sukien/sukien"
)

// dump returns every row of the tables Ingest writes, in key order, so
// that two databases can be compared.
func dump(t *testing.T, s *Store) string {
	t.Helper()
	var b strings.Builder
	if s.dialect == sqlite { // what the full-text index holds
		for _, w := range []string{"han", "ngoai giao", "trieu tien"} {
			var n, sum int64
			if err := s.db.QueryRow(`SELECT COUNT(*), COALESCE(SUM(rowid % 1000), 0) FROM sentences_fts WHERE sentences_fts MATCH ?`, w).Scan(&n, &sum); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "fts %s: %d %d\n", w, n, sum)
		}
	}
	for _, q := range []string{
		`SELECT * FROM events ORDER BY id`,
		`SELECT * FROM event_actors ORDER BY event_id, side, pos`,
		`SELECT id, event_id, doc_id, idx, sentence_idx, published, outlet, record FROM mentions ORDER BY id`,
		`SELECT * FROM actor_aliases ORDER BY actor_id, kind, name, country, raw`,
		`SELECT * FROM actor_stats ORDER BY actor_id`,
		`SELECT sid, doc_id, idx, text, folded FROM sentences ORDER BY sid`,
		`SELECT * FROM actor_names ORDER BY actor_id, folded, name_folded`,
		`SELECT * FROM event_keys ORDER BY key, date_lo, date_hi, type, event_id`,
		`SELECT * FROM role_sets WHERE n <> 0 ORDER BY role, type, keys`,
		`SELECT k.* FROM role_set_keys k JOIN role_sets s ON s.role = k.role AND s.type = k.type AND s.keys = k.keys
			WHERE s.n <> 0 ORDER BY k.key, k.role, k.type, k.keys`,
	} {
		rows, err := s.db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, v := range vals {
				if bs, ok := v.([]byte); ok {
					v = string(bs)
				}
				fmt.Fprintf(&b, "%v\t", v)
			}
			b.WriteByte('\n')
		}
		rows.Close()
	}
	return b.String()
}

// TestBatchSizeDoesNotMatter ingests the same documents one at a time and
// in batches: the events of a batch are merged in memory and written when
// it ends, which must come to what writing each record at once comes to.
// The corpus has merges inside and across batches, changed documents and
// copies.
func TestBatchSizeDoesNotMatter(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	var docs []Article
	for i := range 120 {
		docs = append(docs, synthArticle(r, i, 15))
	}
	// A changed version of some documents, and a copy under another id.
	for i := 0; i < 120; i += 17 {
		a := synthArticle(r, i, 15)
		a.Doc.Title = docs[i].Doc.Title
		docs = append(docs, a)
	}
	cp := docs[3]
	cp.Doc.ID, cp.Doc.URL = "copy-of-3", "https://example.vn/copy"
	docs = append(docs, cp)

	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		for _, a := range docs {
			if _, err := s.Ingest(ctx, []Article{a}); err != nil {
				t.Fatal(err)
			}
		}
		want := dump(t, s)
		if !strings.Contains(want, "P_KIMJU") || strings.Count(want, "\n") < 1000 {
			t.Fatalf("the corpus is too small to test anything:\n%.500s", want)
		}
		for _, size := range []int{7, len(docs)} {
			s2 := openSQLite(t)
			if s.dialect == postgres {
				s2 = openPostgres(t)
			}
			var merged int
			for start := 0; start < len(docs); start += size {
				res, err := s2.Ingest(ctx, docs[start:min(start+size, len(docs))])
				if err != nil {
					t.Fatal(err)
				}
				merged += res.Merged
			}
			if merged == 0 {
				t.Errorf("batches of %d: no record merged", size)
			}
			if got := dump(t, s2); got != want {
				t.Errorf("batches of %d differ from one document at a time:\n%s", size, firstDiff(got, want))
			}
		}
	})
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d\n got  %s\n want %s", i, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(g), len(w))
}

// TestReplacedNamesNoLongerResolve checks actor_names: a name only a
// replaced document wrote is forgotten, the new one is known, and search
// finds the new text only.
func TestReplacedNamesNoLongerResolve(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		s1 := "Bắc Hàn đã bắn thử một tên lửa tầm ngắn ra biển sáng thứ Hai."
		a := article("d1", "Báo A", "2024-03-04", []string{"Thử tên lửa", s1},
			event("THREATEN", "2024-03-04", s1, []sukien.Actor{country("PRK", "Bắc Hàn")}, nil))
		ingest(t, s, a)
		if _, _, err := s.Events(ctx, EventFilter{Actor: "Bắc Hàn"}); err != nil {
			t.Fatal(err)
		}
		s2 := "Bình Nhưỡng đã bắn thử một tên lửa đạn đạo ra vùng biển phía đông."
		b := article("d1", "Báo A", "2024-03-04", []string{"Thử tên lửa", s2},
			event("THREATEN", "2024-03-04", s2, []sukien.Actor{country("PRK", "Bình Nhưỡng")}, nil))
		if res := ingest(t, s, b); res.Replaced != 1 {
			t.Fatalf("%+v", res)
		}
		if _, _, err := s.Events(ctx, EventFilter{Actor: "Bắc Hàn"}); sukien.ErrorCode(err) != sukien.ENOTFOUND {
			t.Errorf("the replaced alias still resolves: %v", err)
		}
		evs, n, err := s.Events(ctx, EventFilter{Actor: "bình nhưỡng"})
		if err != nil || n != 1 || evs[0].Sentence != s2 {
			t.Errorf("new alias: %d events %v, %v", n, evs, err)
		}
		for q, want := range map[string]int{"tầm ngắn": 0, "đạn đạo": 1} {
			if hits, err := s.Search(ctx, q, 10); err != nil || len(hits) != want {
				t.Errorf("search %q: %d hits, want %d (%v)", q, len(hits), want, err)
			}
		}
	})
}

// legacyWhere is the WHERE clause Events had before event_roles (now
// event_keys), straight
// from event_actors: the reference the filters are checked against.
func legacyWhere(t *testing.T, s *Store, f EventFilter) (string, []any) {
	t.Helper()
	var conds []string
	var args []any
	c, err := s.compile(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	if c.typ != "" {
		conds, args = append(conds, "e.type = ?"), append(args, c.typ)
	}
	if c.lo != "" {
		conds, args = append(conds, "e.date_hi >= ?"), append(args, c.lo)
	}
	if c.hi != "" {
		conds, args = append(conds, "e.date_lo <= ?"), append(args, c.hi)
	}
	for _, r := range c.roles {
		p := placeholders(len(r.ids))
		switch r.role {
		case "actor", "recipient":
			conds = append(conds, `EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.id AND (e.is_symmetric = 1 OR a.side = '`+r.role+`') AND (a.actor_id IN (`+p+`) OR a.country IN (`+p+`)))`)
			args = append(append(args, r.ids...), r.ids...)
		case "person":
			conds = append(conds, `EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.id AND a.kind = 'person' AND (a.actor_id IN (`+p+`) OR a.country IN (`+p+`)))`)
			args = append(append(args, r.ids...), r.ids...)
		case "country":
			conds = append(conds, `(e.location_country IN (`+p+`) OR EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.id AND a.country IN (`+p+`)))`)
			args = append(append(args, r.ids...), r.ids...)
		}
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// TestFiltersMatchEventActors checks that Events, which filters through
// event_keys, selects what the same filter over event_actors selects, and
// that the migration filling event_keys from event_actors comes to what
// Ingest writes.
func TestFiltersMatchEventActors(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	var docs []Article
	for i := range 150 {
		a := synthArticle(r, i, 3)
		if i%5 == 0 {
			a.Events[0].Location = &sukien.Location{Name: "Bàn Môn Điếm", Country: "PRK"}
		}
		docs = append(docs, a)
	}
	for i := 0; i < 50; i += 7 { // changed in later batches: their events lose records
		a := synthArticle(r, i, 3)
		a.Doc.Title = docs[i].Doc.Title
		docs = append(docs, a)
	}
	filters := []EventFilter{
		{}, {Actor: "KOR"}, {Actor: "Triều Tiên"}, {With: "USA"}, {Actor: "PRK", With: "USA"},
		{Type: "consult"}, {Type: "ACCUSE", Actor: "CHN"}, {Since: "2016-01-20"}, {Until: "2016-02"},
		{Since: "2016-01-10", Until: "2016-01-31"}, {Actor: "KOR", Type: "CONSULT", Since: "2016-01", Until: "2016-02-15"},
		{Person: "Kim Jong-un"}, {Person: "KOR", Since: "2016-02"}, {Country: "PRK"}, {Country: "JPN", Until: "2016-01-25"},
		{Actor: "Mỹ", With: "Trung Quốc", Person: "USA"}, {Actor: "KOR", With: "USA", Type: "CONSULT"}, {Actor: "KOR", With: "KOR"},
		{Actor: "PRK", With: "USA", Since: "2016-01-15"}, {Person: "P_KIMJU", Type: "THREATEN"}, {Country: "CHN", Type: "CONSULT"},
		// Names for several ids (see the resolver below).
		{Actor: "bán đảo"}, {Actor: "bán đảo", With: "USA"}, {Actor: "bán đảo", With: "bán đảo"}, {With: "bán đảo", Type: "ACCUSE"},
		{Person: "lãnh đạo", Type: "CONSULT"}, {Country: "bán đảo"}, {Actor: "USA", With: "bán đảo", Since: "2016-01-15"},
		// Several roles, undated: counted from the event signatures.
		{Country: "bán đảo", Person: "Kim Jong-un"}, {Country: "USA", Person: "lãnh đạo", Type: "CONSULT"},
		{Actor: "bán đảo", With: "USA", Person: "lãnh đạo"}, {With: "bán đảo", Country: "JPN"},
		{Actor: "bán đảo", Person: "P_KIMJU", Country: "USA"}, {Actor: "bán đảo", With: "bán đảo", Type: "CONSULT"},
		// Dated, several ids: COUNT(*) unless an event may have two of them.
		{Actor: "bán đảo", Since: "2016-01-15"}, {Person: "lãnh đạo", Until: "2016-02"},
		{Country: "bán đảo", Person: "Kim Jong-un", Since: "2016-01-20"}, {Actor: "KOR", With: "KOR", Since: "2016-01-10"},
		{Person: "lãnh đạo", Country: "USA", Since: "2016-01-15"}, {Actor: "bán đảo", With: "bán đảo", Until: "2016-02"},
		{With: "JPN", Country: "CHN", Type: "CONSULT", Since: "2016-01-10"},
	}
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		s.SetResolver(mapResolver{"bán đảo": {"KOR", "PRK"}, "lãnh đạo": {"P_MOON", "P_KIMJU", "P_TRUMP"}})
		replaced := 0
		for start := 0; start < len(docs); start += 50 {
			res, err := s.Ingest(ctx, docs[start:min(start+50, len(docs))])
			if err != nil {
				t.Fatal(err)
			}
			replaced += res.Replaced
		}
		if replaced != 8 {
			t.Fatalf("%d documents replaced, want 8", replaced)
		}
		nonEmpty := 0
		for _, f := range filters {
			where, args := legacyWhere(t, s, f)
			var want []string
			rows, err := s.db.Query(s.rebind(`SELECT e.id FROM events e`+where+` ORDER BY COALESCE(e.date_lo, '') DESC, e.id`), args...)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var id string
				rows.Scan(&id)
				want = append(want, id)
			}
			rows.Close()
			evs, total, err := s.Events(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, ev := range evs {
				got = append(got, ev.ID)
			}
			if total != len(want) || !slices.Equal(got, want) {
				t.Errorf("%+v: %d events (total %d), want %d", f, len(got), total, len(want))
			}
			if len(want) > 0 && len(want) < 900 {
				nonEmpty++
			}
			page, total, err := s.Events(ctx, EventFilter{Actor: f.Actor, With: f.With, Type: f.Type, Since: f.Since,
				Until: f.Until, Person: f.Person, Country: f.Country, Limit: 5, Offset: 3})
			if err != nil || total != len(want) || len(page) != min(5, max(len(want)-3, 0)) {
				t.Errorf("%+v, page of 5 from 3: %d events of %d, %v", f, len(page), total, err)
			}
		}
		if nonEmpty < len(filters)-3 {
			t.Errorf("only %d filters select some but not all events", nonEmpty)
		}

		// actor_aliases: the participants of the mention records.
		aliases := map[alias]int{}
		rows, err := s.db.Query(`SELECT record FROM mentions`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var record string
			var e sukien.Event
			if err := rows.Scan(&record); err != nil || json.Unmarshal([]byte(record), &e) != nil {
				t.Fatal(err)
			}
			for _, ac := range slices.Concat(e.Actor, e.Recipient) {
				a, _ := aliasOf(ac)
				aliases[a]++
			}
		}
		rows.Close()
		rows, err = s.db.Query(`SELECT actor_id, kind, name, country, raw, n FROM actor_aliases`)
		if err != nil {
			t.Fatal(err)
		}
		stored := map[alias]int{}
		for rows.Next() {
			var a alias
			var n int
			if err := rows.Scan(&a.id, &a.kind, &a.name, &a.country, &a.raw, &n); err != nil {
				t.Fatal(err)
			}
			stored[a] = n
		}
		rows.Close()
		if len(stored) < 10 || !maps.Equal(stored, aliases) {
			t.Errorf("actor_aliases %v, the mentions give %v", stored, aliases)
		}

		want := dump(t, s)
		tables := []string{"event_keys", "role_sets", "role_set_keys", "actor_stats"}
		for _, table := range tables {
			if _, err := s.db.Exec(`DELETE FROM ` + table); err != nil {
				t.Fatal(err)
			}
		}
		if err := backfill(s, tables...); err != nil {
			t.Fatal(err)
		}
		if got := dump(t, s); got != want {
			t.Errorf("tables filled by the migrations differ from Ingest's:\n%s", firstDiff(got, want))
		}
	})
}

// TestConcurrentIngest ingests from two goroutines into one Store (whose
// SQLite writes go through one kept connection) while a third reads: every
// document is stored once, and the events are those of a sequential run.
func TestConcurrentIngest(t *testing.T) {
	batches := genBatches(20, 6)
	seq := openSQLite(t)
	for _, b := range batches {
		if _, err := seq.Ingest(context.Background(), b); err != nil {
			t.Fatal(err)
		}
	}
	_, want, err := seq.Events(context.Background(), EventFilter{})
	if err != nil {
		t.Fatal(err)
	}

	s := openSQLite(t)
	var wg sync.WaitGroup
	errs := make(chan error, len(batches)+1)
	added := make(chan int, len(batches))
	for half := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := half; i < len(batches); i += 2 {
				res, err := s.Ingest(context.Background(), batches[i])
				errs <- err
				added <- res.Added
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for range 20 {
			if _, _, err := s.Events(context.Background(), EventFilter{Limit: 5}); err != nil {
				errs <- err
				return
			}
		}
	}()
	wg.Wait()
	close(errs)
	close(added)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	for a := range added {
		n += a
	}
	if n != 120 {
		t.Errorf("%d documents added, want 120", n)
	}
	if _, got, err := s.Events(context.Background(), EventFilter{}); err != nil || got != want {
		t.Errorf("%d events (%v), want %d as ingested in order", got, err, want)
	}
}

// TestPrepareChangesNothing ingests the same documents prepared ahead
// (Article.Prepare, as sukien ingest does) and not: the databases are the
// same, and an article changed after Prepare is stored as changed.
func TestPrepareChangesNothing(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var docs []Article
	for i := range 60 {
		docs = append(docs, synthArticle(r, i, 10))
	}
	docs[5].Removed = []Span{{Kind: "caption", Start: 0, End: 3}}
	docs[7].Sentences[2].Text = "" // taken from the text
	stored := func(s *Store) string {
		out := dump(t, s)
		rows, err := s.db.Query(`SELECT id, title, text, removed, content_hash, extract_hash FROM documents ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var v [6]string
			if err := rows.Scan(&v[0], &v[1], &v[2], &v[3], &v[4], &v[5]); err != nil {
				t.Fatal(err)
			}
			out += strings.Join(v[:], "\t") + "\n"
		}
		return out
	}
	plain, ahead := openSQLite(t), openSQLite(t)
	prepared := slices.Clone(docs)
	for i := range prepared {
		prepared[i].Prepare()
	}
	prepared[9].Doc.Title = "Tiêu đề đổi sau Prepare" // must not use what Prepare computed
	docs[9].Doc.Title = prepared[9].Doc.Title
	for i := 0; i < len(docs); i += 20 {
		if _, err := plain.Ingest(context.Background(), docs[i:i+20]); err != nil {
			t.Fatal(err)
		}
		if _, err := ahead.Ingest(context.Background(), prepared[i:i+20]); err != nil {
			t.Fatal(err)
		}
	}
	want, got := stored(plain), stored(ahead)
	if !strings.Contains(want, "Tiêu đề đổi sau Prepare") || !strings.Contains(want, "caption") {
		t.Fatal("the corpus lacks the cases under test")
	}
	if got != want {
		t.Errorf("prepared ahead, the database differs:\n%s", firstDiff(got, want))
	}
}

// TestReplacedFirstReportInBatch replaces, in the batch that merges a new
// report into a stored event, the document of that event's first report:
// the event must come out as if the batch had been stored one document at
// a time, its sentence, summary and actors' titles now those of the report
// that is first after the replacement. (A stored event is read into a
// batch keeping only what its first reports give the merge.)
func TestReplacedFirstReportInBatch(t *testing.T) {
	moon := func(title string) sukien.Actor {
		a := person("P_MOON", "Moon Jae-in", "KOR", "ông Moon")
		a.Title = title
		return a
	}
	report := func(id, published, sentence, summary, title string) Article {
		e := event("CONSULT", "2018-04-27", sentence, []sukien.Actor{country("KOR", "Hàn Quốc"), moon(title)}, []sukien.Actor{country("PRK", "Triều Tiên")})
		e.Summary = summary
		return article(id, "Báo "+id, published, []string{"Tin " + id, "Mở đầu " + id + ".", sentence}, e)
	}
	first := report("a", "2018-04-27", "Lãnh đạo hai miền gặp nhau tại Bàn Môn Điếm.", "", "Tổng thống")
	second := report("b", "2018-04-28", "Hai nhà lãnh đạo đã hội đàm hôm qua.", "Leaders of the two Koreas met", "Chủ tịch")
	third := report("c", "2018-04-29", "Cuộc gặp thượng đỉnh liên Triều diễn ra hôm 27/4.", "Inter-Korean summit", "Lãnh đạo")
	changed := article("a", "Báo a", "2018-04-27", []string{"Tin a", "Mở đầu a.", "Thời tiết hôm nay đẹp."})

	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		one := openSQLite(t)
		if s.dialect == postgres {
			one = openPostgres(t)
		}
		for _, a := range []Article{first, second, third, changed} {
			if _, err := one.Ingest(ctx, []Article{a}); err != nil {
				t.Fatal(err)
			}
		}
		for _, batch := range [][]Article{{first, second}, {third, changed}} {
			if _, err := s.Ingest(ctx, batch); err != nil {
				t.Fatal(err)
			}
		}
		evs := findEvent(t, s, "CONSULT", "2018-04-27")
		if len(evs) != 1 || evs[0].Sentence != second.Events[0].Sentence || evs[0].Summary != second.Events[0].Summary {
			t.Fatalf("after replacing the first report: %+v, want one event told by the second", evs)
		}
		if got, want := dump(t, s), dump(t, one); got != want {
			t.Errorf("batched differs from one document at a time:\n%s", firstDiff(got, want))
		}
	})
}
