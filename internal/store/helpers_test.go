package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sukien/sukien"
)

// eachBackend runs fn against a fresh SQLite file and, when
// SUKIEN_TEST_POSTGRES names a server, a fresh PostgreSQL schema.
func eachBackend(t *testing.T, fn func(t *testing.T, s *Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		fn(t, openSQLite(t))
	})
	t.Run("postgres", func(t *testing.T) {
		fn(t, openPostgres(t))
	})
}

func openSQLite(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// postgresDSN returns a DSN for a new, empty schema, dropped at cleanup.
func postgresDSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("SUKIEN_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("SUKIEN_TEST_POSTGRES is not set: CI must run the store tests against PostgreSQL (see scripts/pg-test.sh)")
		}
		t.Skip("SUKIEN_TEST_POSTGRES is not set; run scripts/pg-test.sh to test PostgreSQL too")
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "sukien_test_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		admin.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		admin.Close()
	})
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "search_path=" + schema
}

func openPostgres(t testing.TB) *Store {
	t.Helper()
	dsn := postgresDSN(t)
	s, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Actors of the fixtures.
func country(code, raw string) sukien.Actor {
	return sukien.Actor{Kind: sukien.KindCountry, ID: code, Name: code, Country: code, Raw: raw, Sector: "GOV"}
}

func person(id, name, code, raw string) sukien.Actor {
	return sukien.Actor{Kind: sukien.KindPerson, ID: id, Name: name, Country: code, Raw: raw, Sector: "GOV"}
}

func date(d string) *string { return &d }

// article builds an Article from sentences; each event's Sentence must be
// one of them, and gets its offsets.
func article(id, outlet, published string, sentences []string, events ...sukien.Event) Article {
	a := Article{Doc: sukien.Document{ID: id, Outlet: outlet, Published: published,
		URL: "https://example.vn/" + id, Title: sentences[0]}}
	var text strings.Builder
	for i, s := range sentences[1:] {
		if i > 0 {
			text.WriteString(" ")
		}
		start := utf8.RuneCountInString(text.String())
		text.WriteString(s)
		end := start + utf8.RuneCountInString(s)
		a.Sentences = append(a.Sentences, Sentence{Start: start, End: end, OrigStart: start, OrigEnd: end})
	}
	a.Text = text.String()
	a.Doc.Text = a.Text
	for _, e := range events {
		for i, s := range sentences[1:] {
			if s == e.Sentence {
				e.Start, e.End = a.Sentences[i].OrigStart, a.Sentences[i].OrigEnd
			}
		}
		a.Events = append(a.Events, e)
	}
	return a
}

func event(typ, d, sentence string, actor, recipient []sukien.Actor) sukien.Event {
	e := sukien.Event{Event: typ, Sentence: sentence, Actor: actor, Recipient: recipient}
	if d != "" {
		e.Date = &d
	}
	return e
}

// mapResolver resolves names through a fixed table.
type mapResolver map[string][]string

func (m mapResolver) Resolve(name string) []string { return m[strings.ToLower(name)] }
