package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
)

// TestSentenceKeysByPublication checks the order of sentence keys: by the
// day of publication, then the order documents of one day came in, then
// the sentence; and that a changed document gets a new number.
func TestSentenceKeysByPublication(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		mk := func(id, published string) Article {
			return article(id, "X", published, []string{"Tiêu đề " + id, "Câu một về Bình Nhưỡng.", "Câu hai."})
		}
		ingest(t, s, mk("b", "2024-06-19"), mk("a", "2024-06-18"), mk("c", "2024-06-19"), mk("m", "2024-06"))
		ingest(t, s, mk("d", "2024-06-18T23:00:00+07:00"))
		keys := func() map[string][]int64 {
			out := map[string][]int64{}
			rows, err := s.db.Query(`SELECT doc_id, sid FROM sentences ORDER BY doc_id, idx`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
				var doc string
				var sid int64
				if err := rows.Scan(&doc, &sid); err != nil {
					t.Fatal(err)
				}
				out[doc] = append(out[doc], sid)
			}
			return out
		}
		k := keys()
		day := dayOf("2024-06-18", "")
		want := map[string][]int64{
			"a": {sentenceKey(day, 1, -1), sentenceKey(day, 1, 0), sentenceKey(day, 1, 1)},
			"d": {sentenceKey(day, 2, -1), sentenceKey(day, 2, 0), sentenceKey(day, 2, 1)},
			"b": {sentenceKey(day+1, 1, -1), sentenceKey(day+1, 1, 0), sentenceKey(day+1, 1, 1)},
			"c": {sentenceKey(day+1, 2, -1), sentenceKey(day+1, 2, 0), sentenceKey(day+1, 2, 1)},
			"m": {sentenceKey(dayOf("2024-06-01", ""), 1, -1), sentenceKey(dayOf("2024-06-01", ""), 1, 0), sentenceKey(dayOf("2024-06-01", ""), 1, 1)},
		}
		for doc, w := range want {
			if !slices.Equal(k[doc], w) {
				t.Errorf("%s: keys %v, want %v", doc, k[doc], w)
			}
		}
		// A changed "d" is stored again under the next free number; the
		// search finds the newest first among equal scores.
		d2 := mk("d", "2024-06-18")
		d2.Doc.Title = "Tiêu đề mới"
		ingest(t, s, d2)
		if got := keys()["d"][0]; got != sentenceKey(day, 2, -1) {
			t.Errorf("replaced d: key %d, want %d (its old number, free again)", got, sentenceKey(day, 2, -1))
		}
		hits, err := s.Search(context.Background(), "Bình Nhưỡng", 10)
		if err != nil || len(hits) != 5 {
			t.Fatalf("search: %v, %v", hits, err)
		}
		var docs []string
		for _, h := range hits {
			docs = append(docs, h.Doc)
		}
		if !slices.Equal(docs, []string{"c", "b", "d", "a", "m"}) {
			t.Errorf("equal scores should come newest first: %v", docs)
		}
	})
}

func TestDayOf(t *testing.T) {
	for _, tc := range []struct {
		published, ingested string
		want                int64
	}{
		{"1970-01-01", "", 0},
		{"2024-06-18", "", 54*372 + 5*31 + 17},
		{"2024-06-18T10:00:00Z", "", 54*372 + 5*31 + 17},
		{"2024-06", "", 54*372 + 5*31},
		{"2024", "", 54 * 372},
		{"", "2025-01-02T03:04:05Z", 55*372 + 1},
		{"hôm qua", "2025-01-02", 55*372 + 1},
		{"", "", 0},
		{"1900-01-01", "", 0},
		{"9999-12-31", "", maxDay},
		{"2024-6-18", "", 54 * 372},
	} {
		if got := dayOf(tc.published, tc.ingested); got != tc.want {
			t.Errorf("dayOf(%q, %q) = %d, want %d", tc.published, tc.ingested, got, tc.want)
		}
	}
	if !(dayOf("2024-01-31", "") < dayOf("2024-02-01", "") && dayOf("2023-12-31", "") < dayOf("2024-01-01", "")) {
		t.Error("days out of order")
	}
}

// TestSearchWindow checks that a word with more matches than searchWindow
// gets the best of its newest matches, and a rare one all its matches.
func TestSearchWindow(t *testing.T) {
	eachBackend(t, testSearchWindow)
}

func testSearchWindow(t *testing.T, s *Store) {
	ctx := context.Background()
	var batch []Article
	for i := range searchWindow + 200 {
		published := fmt.Sprintf("2020-01-%02d", 1+i%28)
		if i >= searchWindow {
			published = "2024-01-01" // the newest 200
		}
		body := "Tin ngắn về hợp tác song phương giữa các nước trong khu vực."
		if i == 3 { // old, short, and the word twice: the best score of all
			body = "Hợp tác, hợp tác."
		}
		if i == searchWindow+50 { // new, and the only one with the rare word
			body += " Hiếm gặp."
		}
		batch = append(batch, article(fmt.Sprintf("w%04d", i), "X", published, []string{fmt.Sprintf("Tin số %d", i), body}))
	}
	ingest(t, s, batch...)
	hits, err := s.Search(ctx, "hợp tác", 20)
	if err != nil || len(hits) != 20 {
		t.Fatalf("hits %d, %v", len(hits), err)
	}
	for _, h := range hits {
		if h.Doc == "w0003" {
			t.Errorf("an old match outside the window was ranked: %+v", h)
		}
	}
	// Ranking inside the window: w0003 is in it when it is among the
	// newest matches, here by being the only match of a narrower query.
	hits, err = s.Search(ctx, `"hợp tác hợp tác"`, 20)
	if err != nil || len(hits) != 1 || hits[0].Doc != "w0003" {
		t.Errorf("phrase: %+v, %v", hits, err)
	}
	hits, err = s.Search(ctx, "hiếm", 20)
	if err != nil || len(hits) != 1 || hits[0].Doc != fmt.Sprintf("w%04d", searchWindow+50) {
		t.Errorf("rare word: %+v, %v", hits, err)
	}
	// All 200 newest documents come before the older ones: the window is
	// the newest searchWindow matches.
	hits, err = s.Search(ctx, "song phương", searchWindow)
	if err != nil || len(hits) != searchWindow {
		t.Fatalf("hits %d, %v", len(hits), err)
	}
	newest := 0
	for _, h := range hits {
		if h.Published == "2024-01-01" {
			newest++
		}
	}
	if newest != 200 {
		t.Errorf("%d of the 200 newest matches in the window", newest)
	}
}

// TestMigrationOrdersSentences gives the sentences of a database hash keys,
// as Ingest wrote them before migration 0007, runs 0007 again, and checks
// the keys, the full-text index and that ingest goes on after the
// migrated documents.
func TestMigrationOrdersSentences(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		testMigrationOrdersSentences(t, filepath.Join(t.TempDir(), "old.db"))
	})
	t.Run("postgres", func(t *testing.T) {
		testMigrationOrdersSentences(t, postgresDSN(t))
	})
}

func testMigrationOrdersSentences(t *testing.T, dsn string) {
	ctx := context.Background()
	old, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	ingest(t, old, corpus()...)
	if _, err := old.db.Exec(`DELETE FROM schema_migrations WHERE version = 7`); err != nil {
		t.Fatal(err)
	}
	// Hash keys as before 0007, in an order unrelated to publication.
	r := rand.New(rand.NewPCG(1, 1))
	rows, err := old.db.Query(`SELECT sid FROM sentences`)
	if err != nil {
		t.Fatal(err)
	}
	var sids []int64
	for rows.Next() {
		var sid int64
		rows.Scan(&sid)
		sids = append(sids, sid)
	}
	rows.Close()
	for _, sid := range sids {
		if _, err := old.db.Exec(old.rebind(`UPDATE sentences SET sid = ? WHERE sid = ?`), -1-r.Int64N(1<<62), sid); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := old.db.Exec(`UPDATE sentences SET sid = -sid`); err != nil {
		t.Fatal(err)
	}
	if old.dialect == sqlite {
		for _, q := range []string{`DELETE FROM sentences_fts`, `INSERT INTO sentences_fts (rowid, folded) SELECT sid, folded FROM sentences`} {
			if _, err := old.db.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
	}
	var b []string
	rows, err = old.db.Query(`SELECT doc_id, idx FROM sentences WHERE folded LIKE '%han quoc%'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var doc string
		var idx int
		rows.Scan(&doc, &idx)
		b = append(b, fmt.Sprint(doc, idx))
	}
	rows.Close()
	if len(b) < 5 {
		t.Fatalf("before: %d sentences", len(b))
	}
	old.Close()

	s, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var bad int
	if err := s.db.QueryRow(`SELECT COUNT(*) FROM sentences s JOIN documents d ON d.id = s.doc_id
		WHERE s.sid % 8388608 <> s.idx + 1`).Scan(&bad); err != nil || bad != 0 {
		t.Errorf("%d sentences whose key does not end in their index, %v", bad, err)
	}
	for _, doc := range corpus() {
		var sid int64
		if err := s.db.QueryRow(s.rebind(`SELECT sid FROM sentences WHERE doc_id = ? AND idx = -1`), doc.Doc.ID).Scan(&sid); err != nil {
			t.Fatal(err)
		}
		// One document a day in the corpus but doc-a and doc-b (18 and 19 June: one each too).
		if want := sentenceKey(dayOf(doc.Doc.Published, ""), 1, -1); sid != want {
			t.Errorf("%s: title key %d, want %d", doc.Doc.ID, sid, want)
		}
	}
	after, err := s.Search(ctx, "Hàn Quốc", 50)
	if err != nil {
		t.Fatal(err)
	}
	var a []string
	for _, h := range after {
		a = append(a, fmt.Sprint(h.Doc, h.Sentence))
	}
	slices.Sort(a)
	slices.Sort(b)
	if !slices.Equal(a, b) {
		t.Errorf("the migration changed what search finds:\n%v\n%v", a, b)
	}
	// A document of a migrated day comes after the one stored there.
	e := article("doc-e", "X", docA().Doc.Published, []string{"Hàn Quốc", "Hàn Quốc và Nhật Bản."})
	ingest(t, s, e)
	var sid int64
	if err := s.db.QueryRow(`SELECT sid FROM sentences WHERE doc_id = 'doc-e' AND idx = -1`).Scan(&sid); err != nil {
		t.Fatal(err)
	}
	if want := sentenceKey(dayOf(e.Doc.Published, ""), 2, -1); sid != want {
		t.Errorf("new document: key %d, want %d", sid, want)
	}
	if hits, err := s.Search(ctx, "Nhật Bản", 5); err != nil || len(hits) != 1 || hits[0].Doc != "doc-e" {
		t.Errorf("search after: %+v, %v", hits, err)
	}
}
