package store

import (
	"cmp"
	"context"
	"math"
	"slices"
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
//
// Ranking: the newest searchWindow matching sentences (by their document's
// publication date, see sentenceKey) are scored with BM25, computed in Go
// over those sentences, so that both engines rank alike and a word found
// in every tenth sentence costs no more than a rare one. A word with fewer
// matches has all of them ranked; a common word gets the best of its
// recent matches.
func (s *Store) Search(ctx context.Context, q string, limit int) ([]Hit, error) {
	pq := parseQuery(q)
	if !pq.positive() {
		return nil, sukien.Errorf(sukien.EINVALID, "search: %q has no word to look for", q)
	}
	if limit <= 0 {
		limit = 20
	}
	// The newest matches, by key: the full-text index walks its rowids
	// backwards and stops; PostgreSQL reads the GIN index's matches (rare
	// words) or walks the keys backwards checking each stored tsvector
	// (common ones), whichever its statistics say is cheaper.
	var sqlq, match string
	switch s.dialect {
	case postgres:
		match = pq.tsquery()
		sqlq = `SELECT sid, folded FROM sentences WHERE tsv @@ to_tsquery('simple', ?) ORDER BY sid DESC LIMIT ?`
	default:
		match = pq.fts5()
		sqlq = `SELECT s.sid, s.folded FROM (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ? ORDER BY rowid DESC LIMIT ?) f
			JOIN sentences s ON s.sid = f.rowid`
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(sqlq), match, max(searchWindow, limit))
	if err != nil {
		return nil, internal("search", err)
	}
	var cands []candidate
	for rows.Next() {
		var c candidate
		var folded string
		if err := rows.Scan(&c.sid, &folded); err != nil {
			rows.Close()
			return nil, internal("search", err)
		}
		c.words = strings.Fields(folded)
		cands = append(cands, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, internal("search", err)
	}
	best := pq.rank(cands, limit)
	if len(best) == 0 {
		return []Hit{}, nil
	}

	ids := make([]any, len(best))
	at := make(map[int64]int, len(best))
	for i, c := range best {
		ids[i], at[c.sid] = c.sid, i
	}
	rows, err = s.db.QueryContext(ctx, s.rebind(`SELECT s.sid, s.doc_id, s.idx, s.start_off, s.end_off, s.text, d.title, d.outlet, d.published, d.url
		FROM sentences s JOIN documents d ON d.id = s.doc_id WHERE s.sid IN (`+placeholders(len(ids))+`)`), ids...)
	if err != nil {
		return nil, internal("search", err)
	}
	defer rows.Close()
	hits := make([]Hit, len(best))
	found := make([]bool, len(best))
	terms := pq.terms()
	for rows.Next() {
		var sid int64
		var h Hit
		if err := rows.Scan(&sid, &h.Doc, &h.Sentence, &h.Start, &h.End, &h.Text, &h.Title, &h.Outlet, &h.Published, &h.URL); err != nil {
			return nil, internal("search", err)
		}
		i := at[sid]
		h.Score = best[i].score
		h.Snippet = snippet(h.Text, terms, 240)
		hits[i], found[i] = h, true
	}
	if err := rows.Err(); err != nil {
		return nil, internal("search", err)
	}
	out := hits[:0]
	for i, h := range hits {
		if found[i] { // a sentence whose document is gone: not a hit
			out = append(out, h)
		}
	}
	return out, nil
}

// searchWindow is how many of the newest matching sentences Search ranks:
// about 10 ms of work on either engine (reading and scoring them).
const searchWindow = 1000

// candidate is a matching sentence: its key, its folded words, its score.
type candidate struct {
	sid   int64
	words []string
	score float64
}

// rank scores cands with BM25 (k1 = 1.2, b = 0.75, as SQLite's bm25) over
// the phrases of sq's positive groups, document frequencies and average
// length taken from cands themselves, and returns the best n, newest first
// among equal scores.
func (sq searchQuery) rank(cands []candidate, n int) []candidate {
	const k1, b = 1.2, 0.75
	var phrases [][]string
	for _, g := range sq {
		if !g.not {
			phrases = append(phrases, g.phrases...)
		}
	}
	tf := make([][]int, len(cands)) // by candidate, phrase
	df := make([]int, len(phrases))
	total := 0
	for i, c := range cands {
		total += len(c.words)
		tf[i] = make([]int, len(phrases))
		for j, p := range phrases {
			if tf[i][j] = occurrences(c.words, p); tf[i][j] > 0 {
				df[j]++
			}
		}
	}
	avg := float64(total) / float64(max(len(cands), 1))
	for i := range cands {
		norm := k1 * (1 - b + b*float64(len(cands[i].words))/max(avg, 1))
		score := 0.0
		for j := range phrases {
			if f := float64(tf[i][j]); f > 0 {
				// How rare the phrase is among the candidates: ln 2 when all
				// have it (so that a score never rounds to 0), more when few do.
				idf := math.Log(1 + (float64(len(cands))+1)/(float64(df[j])+0.5))
				score += idf * f * (k1 + 1) / (f + norm)
			}
		}
		cands[i].score = score
	}
	slices.SortFunc(cands, func(x, y candidate) int {
		if c := cmp.Compare(y.score, x.score); c != 0 {
			return c
		}
		return cmp.Compare(y.sid, x.sid)
	})
	return cands[:min(n, len(cands))]
}

// occurrences counts the runs of words equal to phrase.
func occurrences(words, phrase []string) int {
	n := 0
	for i := 0; i+len(phrase) <= len(words); i++ {
		if slices.Equal(words[i:i+len(phrase)], phrase) {
			n++
		}
	}
	return n
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
		plainQuotes.WriteString(&b, text[at:m.start])
		b.WriteString("«")
		plainQuotes.WriteString(&b, text[m.start:m.end])
		b.WriteString("»")
		at = m.end
	}
	plainQuotes.WriteString(&b, text[at:to])
	if to < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

// plainQuotes turns guillemets in the text into plain quotes, so that the
// only « » of a snippet are its marks.
var plainQuotes = strings.NewReplacer("«", `"`, "»", `"`)

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
