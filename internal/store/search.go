package store

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/sukien/sukien"
)

// Search finds the sentences and titles matching q, best first, at most
// limit (20 when limit <= 0).
//
// The query language: words must all occur (in any order); "quoted words"
// must occur in a row; OR between two terms accepts either; NOT or a
// leading - excludes a term. Terms are folded with Fold, the operators are
// not, so `dam phan`, `Đàm phán` and `ĐÀM PHÁN` find the same sentences.
// Snippets mark each matching word «like this».
func (s *Store) Search(ctx context.Context, q string, limit int) ([]Hit, error) {
	pq := parseQuery(q)
	if !pq.positive() {
		return nil, sukien.Errorf(sukien.EINVALID, "search: %q has no word to look for", q)
	}
	if limit <= 0 {
		limit = 20
	}
	const columns = `s.doc_id, s.idx, s.start_off, s.end_off, s.text, d.title, d.outlet, d.published, d.url`
	var sqlq, match string
	switch s.dialect {
	case postgres:
		match = pq.tsquery()
		sqlq = `SELECT ` + columns + `, ts_rank(to_tsvector('simple', s.folded), q) AS score
			FROM sentences s JOIN documents d ON d.id = s.doc_id CROSS JOIN to_tsquery('simple', ?) AS q
			WHERE to_tsvector('simple', s.folded) @@ q
			ORDER BY score DESC, s.doc_id, s.idx LIMIT ?`
	default:
		// Rank inside FTS5 first (ORDER BY rank LIMIT, its own sorter), then
		// read sentences and documents for the best rows only: joining every
		// match before sorting cost three times the ranking. The inner
		// limit leaves room for rows tied at the cut, which the outer ORDER
		// BY puts in document order.
		match = pq.fts5()
		sqlq = `SELECT ` + columns + `, -f.rank AS score
			FROM (SELECT rowid, rank FROM sentences_fts WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ?) f
			JOIN sentences s ON s.sid = f.rowid JOIN documents d ON d.id = s.doc_id
			ORDER BY score DESC, s.doc_id, s.idx LIMIT ?`
	}
	args := []any{match, limit}
	if s.dialect == sqlite {
		args = []any{match, 2*limit + 16, limit}
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(sqlq), args...)
	if err != nil {
		return nil, internal("search", err)
	}
	defer rows.Close()
	terms := pq.terms()
	hits := []Hit{}
	for rows.Next() {
		var h Hit
		if err := rows.Scan(&h.Doc, &h.Sentence, &h.Start, &h.End, &h.Text, &h.Title, &h.Outlet, &h.Published, &h.URL, &h.Score); err != nil {
			return nil, internal("search", err)
		}
		h.Snippet = snippet(h.Text, terms, 240)
		hits = append(hits, h)
	}
	return hits, internal("search", rows.Err())
}

// searchQuery is a conjunction of groups; a group is a disjunction of
// phrases, each a run of folded words.
type searchQuery []searchGroup

type searchGroup struct {
	not     bool
	phrases [][]string
}

func parseQuery(q string) searchQuery {
	var sq searchQuery
	or, not := false, false
	add := func(text string, quoted bool) {
		if !quoted {
			switch text {
			case "OR":
				or = len(sq) > 0
				return
			case "AND":
				return
			case "NOT":
				not = true
				return
			}
			if strings.HasPrefix(text, "-") {
				not, text = true, text[1:]
			}
		}
		words := strings.Fields(Fold(text))
		if len(words) == 0 {
			return
		}
		if or && !not {
			last := &sq[len(sq)-1]
			last.phrases = append(last.phrases, words)
		} else {
			sq = append(sq, searchGroup{not: not, phrases: [][]string{words}})
		}
		or, not = false, false
	}
	for q != "" {
		q = strings.TrimLeft(q, " \t\r\n()")
		if q == "" {
			break
		}
		if q[0] == '"' {
			end := strings.IndexByte(q[1:], '"')
			if end < 0 {
				add(q[1:], true)
				break
			}
			add(q[1:1+end], true)
			q = q[end+2:]
			continue
		}
		end := strings.IndexAny(q, " \t\r\n()\"")
		if end < 0 {
			end = len(q)
		}
		add(q[:end], false)
		q = q[end:]
	}
	return sq
}

func (sq searchQuery) positive() bool {
	for _, g := range sq {
		if !g.not {
			return true
		}
	}
	return false
}

// terms returns the words of the groups that are not excluded.
func (sq searchQuery) terms() map[string]bool {
	t := map[string]bool{}
	for _, g := range sq {
		if g.not {
			continue
		}
		for _, p := range g.phrases {
			for _, w := range p {
				t[w] = true
			}
		}
	}
	return t
}

// fts5 renders the query as an SQLite FTS5 expression.
func (sq searchQuery) fts5() string {
	return sq.render(" AND ", " NOT ", " OR ", func(p []string) string { return `"` + strings.Join(p, " ") + `"` })
}

// tsquery renders the query for PostgreSQL's to_tsquery.
func (sq searchQuery) tsquery() string {
	return sq.render(" & ", " & !", " | ", func(p []string) string { return "(" + strings.Join(p, " <-> ") + ")" })
}

func (sq searchQuery) render(and, not, or string, phrase func([]string) string) string {
	group := func(g searchGroup) string {
		parts := make([]string, len(g.phrases))
		for i, p := range g.phrases {
			parts[i] = phrase(p)
		}
		return "(" + strings.Join(parts, or) + ")"
	}
	var pos []string
	for _, g := range sq {
		if !g.not {
			pos = append(pos, group(g))
		}
	}
	out := "(" + strings.Join(pos, and) + ")"
	for _, g := range sq {
		if g.not {
			out += not + group(g)
		}
	}
	return out
}

// snippet returns text, shortened to about width characters around the
// first match, with every word whose folded form is in terms marked «so».
func snippet(text string, terms map[string]bool, width int) string {
	type span struct{ start, end int }
	var marks []span
	words(text, func(start, end int) {
		if terms[Fold(text[start:end])] {
			marks = append(marks, span{start, end})
		}
	})
	from, to := 0, len(text)
	if utf8.RuneCountInString(text) > width {
		center := 0
		if len(marks) > 0 {
			center = marks[0].start
		}
		from = back(text, center, width/3)
		to = forward(text, from, width)
	}
	var b strings.Builder
	b.Grow(to - from + 8*len(marks))
	if from > 0 {
		b.WriteString("…")
	}
	at := from
	for _, m := range marks {
		if m.start < from || m.end > to {
			continue
		}
		b.WriteString(text[at:m.start])
		b.WriteString("«")
		b.WriteString(text[m.start:m.end])
		b.WriteString("»")
		at = m.end
	}
	b.WriteString(text[at:to])
	if to < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

// back returns the byte offset n characters before i, moved to the start of
// a word.
func back(s string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	for i > 0 && s[i-1] != ' ' {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return i
}

// forward returns the byte offset n characters after i, moved back to the
// end of a word when it can.
func forward(s string, i, n int) int {
	j := i
	for ; n > 0 && j < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[j:])
		j += size
	}
	if j >= len(s) {
		return len(s)
	}
	if k := strings.LastIndexByte(s[i:j], ' '); k > 0 {
		return i + k
	}
	return j
}
