package store

import (
	"database/sql"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseQuery: whatever a user types, a query Search hands to FTS5 is
// one SQLite accepts, and snippets of any text stay valid UTF-8.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"binh nhuong", `"Đàm phán" OR hội_đàm`, "Seoul -Tokyo NOT Bắc", `or AND (x)`,
		`"`, `""`, "NOT", "OR OR", "-", `*`, "a:b", "NEAR(a b)", "^x", "{col}: y", "\x00", "đ Đ ð", "(((", `"a" "b`} {
		f.Add(s)
	}
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		f.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE VIRTUAL TABLE t USING fts5(body, tokenize = "unicode61 remove_diacritics 2")`); err != nil {
		f.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO t(body) VALUES ('binh nhuong dam phan voi seoul')`); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if len(in) > 256 {
			// Search boxes hold short queries; long ones only make FTS5 slow,
			// which stalls the fuzzing workers.
			in = in[:256]
		}
		q := parseQuery(in)
		// Search refuses a query with no word to look for before it
		// reaches the index; every other one must be valid FTS5.
		if m := q.fts5(); q.positive() {
			var n int
			if err := db.QueryRow(`SELECT count(*) FROM t WHERE t MATCH ?`, m).Scan(&n); err != nil {
				t.Fatalf("query %q gives FTS5 %q, which SQLite refuses: %v", in, m, err)
			}
		}
		_ = q.tsquery()
		s := snippet("Cuộc đàm phán "+in+" kết thúc ở Bình Nhưỡng.", q.terms(), 40)
		if !utf8.ValidString(s) && utf8.ValidString(in) {
			t.Fatalf("snippet of valid text is not UTF-8: %q", s)
		}
		if strings.Count(s, "«") != strings.Count(s, "»") {
			t.Fatalf("unbalanced highlight: %q", s)
		}
	})
}
