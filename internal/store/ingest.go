package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/sukien/sukien"
)

// Ingest stores a batch of articles in one transaction: either the whole
// batch is stored or, on any error (or a crash), none of it.
//
// An article whose id or URL is stored already with the same content and
// extraction changes nothing (Unchanged); one with the same content as a
// stored document under another id and URL is a copy and is skipped too.
// A changed article replaces the stored one: its old mentions are removed
// (and events left without mentions deleted) before the new ones merge in.
func (s *Store) Ingest(ctx context.Context, batch []Article) (Result, error) {
	for i := range batch {
		if strings.TrimSpace(batch[i].Doc.ID) == "" {
			return Result{}, &sukien.Error{Code: sukien.EINVALID, Message: "document without id",
				Source: batch[i].Doc.Source, Line: batch[i].Doc.Line}
		}
	}
	var res Result
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res = Result{}
		// Serialise writers on every engine: merging reads events it may create.
		if _, err := tx.ExecContext(ctx, `UPDATE store_meta SET value = value WHERE key = 'ingest_lock'`); err != nil {
			return err
		}
		w := newWriter(ctx, s, tx)
		for i := range batch {
			if err := w.article(&batch[i], &res); err != nil {
				return err
			}
		}
		return w.flush()
	})
	if err != nil {
		return Result{}, internal("ingest", err)
	}
	return res, nil
}

// writer does the work of one Ingest transaction. Statements are prepared
// once per transaction; sentences and mentions are written in multi-row
// INSERTs; the merged events a batch touches are kept in memory (pending)
// and written once, when the batch ends.
type writer struct {
	s     *Store
	tx    *sql.Tx
	ctx   context.Context
	stmts map[string]*sql.Stmt

	sentences, mentions, actors rowBuffer

	pending map[string]*pendingEvent   // by event id
	byKey   map[string][]*pendingEvent // by type and sides, for candidate
	order   []*pendingEvent            // in the order first touched
}

func newWriter(ctx context.Context, s *Store, tx *sql.Tx) *writer {
	return &writer{s: s, tx: tx, ctx: ctx, stmts: map[string]*sql.Stmt{},
		sentences: rowBuffer{head: `INSERT INTO sentences (sid, doc_id, idx, start_off, end_off, orig_start, orig_end, text, folded) VALUES `, cols: 9},
		mentions:  rowBuffer{head: `INSERT INTO mentions (id, event_id, doc_id, idx, sentence_idx, published, outlet, record) VALUES `, cols: 8},
		actors:    rowBuffer{head: `INSERT INTO mention_actors (mention_id, side, pos, doc_id, actor_id, kind, name, country, raw, folded, name_folded) VALUES `, cols: 11},
		pending:   map[string]*pendingEvent{},
		byKey:     map[string][]*pendingEvent{},
	}
}

// stmt returns query (written with ? placeholders) prepared in the
// transaction, preparing it on first use.
func (w *writer) stmt(query string) (*sql.Stmt, error) {
	if st := w.stmts[query]; st != nil {
		return st, nil
	}
	st, err := w.tx.PrepareContext(w.ctx, w.s.rebind(query))
	if err != nil {
		return nil, err
	}
	w.stmts[query] = st
	return st, nil
}

func (w *writer) exec(query string, args ...any) error {
	st, err := w.stmt(query)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(w.ctx, args...)
	return err
}

func (w *writer) query(query string, args ...any) (*sql.Rows, error) {
	st, err := w.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(w.ctx, args...)
}

func (w *writer) queryRow(query string, args ...any) *sql.Row {
	st, err := w.stmt(query)
	if err != nil {
		// A Row carrying the error: Scan reports it.
		return w.tx.QueryRowContext(w.ctx, w.s.rebind(query), args...)
	}
	return st.QueryRowContext(w.ctx, args...)
}

// rowBuffer collects the rows of a multi-row INSERT.
type rowBuffer struct {
	head string // "INSERT INTO t (a, b) VALUES "
	cols int
	args []any
}

// maxParams bounds the parameters of one statement, far below SQLite's
// 32,766 and PostgreSQL's 65,535: larger statements are no faster.
const maxParams = 4000

// add appends a row to b, writing b out when it is full.
func (w *writer) add(b *rowBuffer, row ...any) error {
	b.args = append(b.args, row...)
	if len(b.args)+b.cols > maxParams {
		return w.write(b)
	}
	return nil
}

// write inserts the rows collected in b.
func (w *writer) write(b *rowBuffer) error {
	if len(b.args) == 0 {
		return nil
	}
	n := len(b.args) / b.cols
	row := "(" + placeholders(b.cols) + ")"
	var q strings.Builder
	q.Grow(len(b.head) + n*(len(row)+2))
	q.WriteString(b.head)
	for i := range n {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(row)
	}
	err := w.exec(q.String(), b.args...)
	clear(b.args)
	b.args = b.args[:0]
	return err
}

// writeRows writes out every buffered row, so that queries see them.
func (w *writer) writeRows() error {
	for _, b := range []*rowBuffer{&w.sentences, &w.mentions, &w.actors} {
		if err := w.write(b); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) article(a *Article, res *Result) error {
	d := &a.Doc
	text := a.Text
	if text == "" {
		text = d.Text
	}
	content := hashOf(d.Title, "\x00", text)
	record, err := json.Marshal(struct {
		Published, Outlet, URL, Title, Source string
		Sentences                             []Sentence
		Removed                               []Span
		Events                                []sukien.Event
	}{d.Published, d.Outlet, d.URL, d.Title, d.Source, a.Sentences, a.Removed, a.Events})
	if err != nil {
		return err
	}
	extract := hashOf(string(record))

	type stored struct{ id, content, extract string }
	var old []stored
	rows, err := w.query(`SELECT id, content_hash, extract_hash FROM documents WHERE id = ? OR (url = ? AND url <> '')`, d.ID, d.URL)
	if err != nil {
		return err
	}
	for rows.Next() {
		var o stored
		if err := rows.Scan(&o.id, &o.content, &o.extract); err != nil {
			rows.Close()
			return err
		}
		old = append(old, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	switch {
	case len(old) == 1 && old[0].id == d.ID && old[0].content == content && old[0].extract == extract:
		res.Unchanged++
		return nil
	case len(old) == 0:
		var dup string
		err := w.queryRow(`SELECT id FROM documents WHERE content_hash = ? LIMIT 1`, content).Scan(&dup)
		if err == nil {
			res.Unchanged++ // the same text under another id and URL: a copy
			return nil
		} else if err != sql.ErrNoRows {
			return err
		}
		res.Added++
	default:
		for _, o := range old {
			if err := w.deleteDocument(o.id); err != nil {
				return err
			}
		}
		res.Replaced++
	}

	removed, _ := json.Marshal(a.Removed)
	if a.Removed == nil {
		removed = []byte("[]")
	}
	if err := w.exec(`INSERT INTO documents (id, url, outlet, published, title, source, original, text, removed, content_hash, extract_hash, ingested_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.ID, d.URL, d.Outlet, d.Published, d.Title, d.Source, d.Text, text, string(removed), content, extract, now()); err != nil {
		return err
	}
	if err := w.addSentences(d.ID, d.Title, text, a.Sentences); err != nil {
		return err
	}
	for i := range a.Events {
		merged, err := w.mention(a, i)
		if err != nil {
			return err
		}
		res.Events++
		if merged {
			res.Merged++
		}
	}
	return nil
}

// addSentences stores the title (index -1) and the body sentences for search.
func (w *writer) addSentences(docID, title, text string, ss []Sentence) error {
	if strings.TrimSpace(title) != "" {
		if err := w.add(&w.sentences, sentenceID(docID, -1), docID, -1, 0, 0, 0, 0, title, Fold(title)); err != nil {
			return err
		}
	}
	var runes []rune
	for i, sn := range ss {
		t := sn.Text
		if t == "" {
			if runes == nil {
				runes = []rune(text)
			}
			if 0 <= sn.Start && sn.Start <= sn.End && sn.End <= len(runes) {
				t = string(runes[sn.Start:sn.End])
			}
		}
		if err := w.add(&w.sentences, sentenceID(docID, i), docID, i, sn.Start, sn.End, sn.OrigStart, sn.OrigEnd, t, Fold(t)); err != nil {
			return err
		}
	}
	return nil
}

// deleteDocument removes a document with its sentences and mentions and
// takes the events it reported into the batch, to be brought up to date.
func (w *writer) deleteDocument(id string) error {
	if err := w.writeRows(); err != nil {
		return err
	}
	events, err := w.strings(`SELECT DISTINCT event_id FROM mentions WHERE doc_id = ?`, id)
	if err != nil {
		return err
	}
	for _, q := range []string{
		`DELETE FROM mention_actors WHERE doc_id = ?`,
		`DELETE FROM mentions WHERE doc_id = ?`,
		`DELETE FROM sentences WHERE doc_id = ?`,
		`DELETE FROM documents WHERE id = ?`,
	} {
		if err := w.exec(q, id); err != nil {
			return err
		}
	}
	for _, ev := range events {
		if p := w.pending[ev]; p != nil {
			p.ms = slices.DeleteFunc(p.ms, func(m mentionRow) bool { return m.doc == id })
			p.merged = nil
			continue
		}
		if _, err := w.load(ev); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) strings(query string, args ...any) ([]string, error) {
	rows, err := w.query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// mention stores the i-th record of a, merged into an event, and reports
// whether the event existed before.
func (w *writer) mention(a *Article, i int) (merged bool, err error) {
	e := a.Events[i]
	e.Doc = a.Doc.ID
	e.Event = strings.ToUpper(strings.TrimSpace(e.Event))
	e.Date = cleanDate(e.Date)
	mid := a.Doc.ID + "#" + strconv.Itoa(i)
	if e.ID == "" {
		e.ID = mid
	}
	k := keyOf(&e)
	p, merged, err := w.place(k, mid)
	if err != nil {
		return false, err
	}
	record, err := json.Marshal(&e)
	if err != nil {
		return false, err
	}
	if err := w.add(&w.mentions, mid, p.id, a.Doc.ID, i, sentenceIndex(a.Sentences, e.Start), a.Doc.Published, a.Doc.Outlet, string(record)); err != nil {
		return false, err
	}
	for side, actors := range [2][]sukien.Actor{e.Actor, e.Recipient} {
		for pos, ac := range actors {
			raw := ac.Raw
			if raw == "" {
				raw = ac.Name
			}
			if err := w.add(&w.actors, mid, sideNames[side], pos, a.Doc.ID, actorID(ac), ac.Kind, ac.Name, ac.Country, raw, Fold(raw), Fold(ac.Name)); err != nil {
				return false, err
			}
		}
	}
	p.ms = append(p.ms, mentionRow{rec: e, doc: a.Doc.ID, idx: i, published: a.Doc.Published, outlet: a.Doc.Outlet})
	p.merged = nil
	return merged, nil
}

var sideNames = [2]string{"actor", "recipient"}

// sentenceIndex returns the index of the sentence holding original offset
// off, or -1.
func sentenceIndex(ss []Sentence, off int) int {
	for i, s := range ss {
		if s.OrigStart <= off && off < s.OrigEnd {
			return i
		}
	}
	return -1
}

// key is what decides whether two records report the same event.
type key struct {
	typ     string
	sides   string                     // "CHN+KOR" (symmetric) or "PRK>KOR" (directed)
	date    string                     // "" when unknown
	persons map[string]map[string]bool // country → person ids
}

func keyOf(e *sukien.Event) key {
	k := key{typ: e.Event, persons: map[string]map[string]bool{}}
	if e.Date != nil {
		k.date = *e.Date
	}
	if sukien.Symmetric(e.Event) {
		k.sides = strings.Join(sideSet(e.Actor, e.Recipient), "+")
	} else {
		k.sides = strings.Join(sideSet(e.Actor), "+") + ">" + strings.Join(sideSet(e.Recipient), "+")
	}
	for _, side := range [2][]sukien.Actor{e.Actor, e.Recipient} {
		for _, a := range side {
			if a.Kind == sukien.KindPerson {
				k.addPerson(a.Country, actorID(a))
			}
		}
	}
	return k
}

func (k key) addPerson(country, id string) {
	if k.persons[country] == nil {
		k.persons[country] = map[string]bool{}
	}
	k.persons[country][id] = true
}

// compatible reports whether the persons of k and of an event can be the
// same meeting: for every country both name persons of, they share one.
func (k key) compatible(persons map[string]map[string]bool) bool {
	for c, mine := range k.persons {
		theirs := persons[c]
		if c == "" || len(theirs) == 0 {
			continue
		}
		shared := false
		for p := range mine {
			if theirs[p] {
				shared = true
				break
			}
		}
		if !shared {
			return false
		}
	}
	return true
}

// sideSet returns the sorted distinct countries of the actors (an actor
// without a country stands for itself).
func sideSet(sides ...[]sukien.Actor) []string {
	seen := map[string]bool{}
	var out []string
	for _, side := range sides {
		for _, a := range side {
			c := a.Country
			if c == "" {
				c = actorID(a)
			}
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	sort.Strings(out)
	return out
}

// actorID is the identity of an actor across documents: its dictionary id,
// else its country code for a state, else kind and folded name.
func actorID(a sukien.Actor) string {
	switch {
	case a.ID != "":
		return a.ID
	case a.Kind == sukien.KindCountry && a.Country != "":
		return a.Country
	}
	kind := a.Kind
	if kind == "" {
		kind = "actor"
	}
	return kind + ":" + strings.ReplaceAll(Fold(a.Name), " ", "-")
}

// place finds the event a record with key k joins, or makes a new event id.
//
// The merge window: records of the same type and sides join when their
// dates are the same day (or the same month or year, for records dated no
// more precisely), preferring the candidate sharing most persons; a record
// dated by month or year joins an event with a more precise date inside it,
// and a day-dated record joins an event dated only by its month or year,
// only when exactly one such event is a candidate. Undated records never
// merge across records. Persons must be compatible (see key.compatible).
func (w *writer) place(k key, mention string) (id string, merged bool, err error) {
	if k.date != "" {
		id, err = w.candidate(k)
		if err != nil || id != "" {
			return id, true, err
		}
	}
	id = "ev_" + hashOf(k.typ, "|", k.sides, "|", k.date)[:16]
	if k.date == "" {
		id = "ev_" + hashOf(k.typ, "|", k.sides, "|", mention)[:16]
	}
	var one int
	switch err := w.tx.QueryRowContext(w.ctx, w.s.rebind(`SELECT 1 FROM events WHERE id = ?`), id).Scan(&one); err {
	case sql.ErrNoRows:
		return id, false, nil
	case nil: // a different event with the same key: persons differ
		return "ev_" + hashOf(id, "|", mention)[:16], false, nil
	default:
		return "", false, err
	}
}

func (w *writer) candidate(k key) (string, error) {
	in := []any{k.typ, k.sides}
	for p := len(k.date); p >= 4; p = strings.LastIndexByte(k.date[:p], '-') {
		in = append(in, k.date[:p])
	}
	in = append(in, k.date+"-%")
	rows, err := w.query(`SELECT id, date FROM events WHERE type = ? AND sides = ? AND (date IN (`+placeholders(len(in)-3)+`) OR date LIKE ?) ORDER BY id`, in...)
	if err != nil {
		return "", err
	}
	type cand struct {
		id, date string
		persons  map[string]map[string]bool
	}
	var cands []*cand
	byID := map[string]*cand{}
	for rows.Next() {
		c := &cand{persons: map[string]map[string]bool{}}
		if err := rows.Scan(&c.id, &c.date); err != nil {
			rows.Close()
			return "", err
		}
		cands = append(cands, c)
		byID[c.id] = c
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(cands) == 0 {
		return "", err
	}
	args := make([]any, len(cands))
	for i, c := range cands {
		args[i] = c.id
	}
	rows, err = w.query(`SELECT event_id, actor_id, country FROM event_actors WHERE kind = 'person' AND event_id IN (`+placeholders(len(args))+`)`, args...)
	if err != nil {
		return "", err
	}
	for rows.Next() {
		var ev, actor, country string
		if err := rows.Scan(&ev, &actor, &country); err != nil {
			rows.Close()
			return "", err
		}
		c := byID[ev]
		if c.persons[country] == nil {
			c.persons[country] = map[string]bool{}
		}
		c.persons[country][actor] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return "", err
	}

	var best *cand
	bestShared := -1
	var other []*cand
	for _, c := range cands {
		if !k.compatible(c.persons) {
			continue
		}
		if c.date != k.date {
			other = append(other, c)
			continue
		}
		shared := 0
		for country, ps := range k.persons {
			for p := range ps {
				if c.persons[country][p] {
					shared++
				}
			}
		}
		if shared > bestShared {
			best, bestShared = c, shared
		}
	}
	switch {
	case best != nil:
		return best.id, nil
	case len(other) == 1:
		return other[0].id, nil
	}
	return "", nil
}

// cleanDate keeps a date of the forms 2024, 2024-06 and 2024-06-18 (a time
// after the day is dropped) and nothing else.
func cleanDate(d *string) *string {
	if d == nil {
		return nil
	}
	v := strings.TrimSpace(*d)
	if len(v) > 10 && v[10] == 'T' {
		v = v[:10]
	}
	if _, _, ok := dateRange(v); !ok {
		return nil
	}
	return &v
}

// refresh recomputes a merged event from its mentions, or deletes it when
// none is left.
func (w *writer) refresh(id string) error {
	rows, err := w.query(`SELECT record, doc_id, published, outlet FROM mentions WHERE event_id = ? ORDER BY published, doc_id, idx`, id)
	if err != nil {
		return err
	}
	var ms []mentionRow
	for rows.Next() {
		var m mentionRow
		var record string
		if err := rows.Scan(&record, &m.doc, &m.published, &m.outlet); err != nil {
			rows.Close()
			return err
		}
		if err := json.Unmarshal([]byte(record), &m.rec); err != nil {
			rows.Close()
			return err
		}
		ms = append(ms, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if err := w.exec(`DELETE FROM event_actors WHERE event_id = ?`, id); err != nil {
		return err
	}
	if len(ms) == 0 {
		return w.exec(`DELETE FROM events WHERE id = ?`, id)
	}
	ev := mergeMentions(id, ms)
	k := keyOf(&ms[0].rec)
	var date, lo, hi any
	if ev.Date != nil {
		l, h, _ := dateRange(*ev.Date)
		date, lo, hi = *ev.Date, l, h
	}
	loc, locCountry := "", ""
	if ev.Location != nil {
		loc, locCountry = ev.Location.Name, ev.Location.Country
	}
	sym := 0
	if sukien.Symmetric(ev.Event) {
		sym = 1
	}
	if err := w.exec(`INSERT INTO events (id, type, is_symmetric, sides, mode, cameo, date, date_lo, date_hi, channel, level, location, location_country,
		sentence, summary, num_mentions, num_sources, num_outlets, first_seen, last_seen)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET mode = excluded.mode, cameo = excluded.cameo, date = excluded.date,
		date_lo = excluded.date_lo, date_hi = excluded.date_hi, channel = excluded.channel, level = excluded.level,
		location = excluded.location, location_country = excluded.location_country, sentence = excluded.sentence,
		summary = excluded.summary, num_mentions = excluded.num_mentions, num_sources = excluded.num_sources,
		num_outlets = excluded.num_outlets, first_seen = excluded.first_seen, last_seen = excluded.last_seen`,
		id, ev.Event, sym, k.sides, ev.Mode, ev.Cameo, date, lo, hi, ev.Channel, ev.Level, loc, locCountry,
		ev.Sentence, ev.Summary, ev.NumMentions, ev.NumSources, ev.NumOutlets, ev.FirstSeen, ev.LastSeen); err != nil {
		return err
	}
	for side, actors := range [2][]sukien.Actor{ev.Actor, ev.Recipient} {
		for pos, a := range actors {
			if err := w.exec(`INSERT INTO event_actors (event_id, side, pos, actor_id, kind, name, country, sector, title) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				id, sideNames[side], pos, actorID(a), a.Kind, a.Name, a.Country, a.Sector, a.Title); err != nil {
				return err
			}
		}
	}
	return nil
}

type mentionRow struct {
	rec                    sukien.Event
	doc, published, outlet string
}

// mergeMentions computes a merged event from its mentions, earliest first.
func mergeMentions(id string, ms []mentionRow) *Event {
	first := &ms[0].rec
	ev := &Event{ID: id, Event: first.Event, Sentence: first.Sentence}
	var modes, cameos, channels, levels, dates, locs []string
	location := map[string]*sukien.Location{}
	docs, outlets := map[string]bool{}, map[string]bool{}
	seen := [2]map[string]bool{{}, {}}
	sym := sukien.Symmetric(first.Event)
	for _, m := range ms {
		r := &m.rec
		modes = append(modes, r.Mode)
		cameos = append(cameos, r.Cameo)
		channels = append(channels, r.Channel)
		levels = append(levels, r.Level)
		if r.Date != nil {
			dates = append(dates, *r.Date)
		}
		if r.Location != nil && r.Location.Name != "" {
			k := r.Location.Name + "\x00" + r.Location.Country
			locs = append(locs, k)
			if location[k] == nil {
				location[k] = r.Location
			}
		}
		if ev.Summary == "" {
			ev.Summary = r.Summary
		}
		ev.NumMentions += max(1, r.Mentions)
		docs[m.doc] = true
		if m.outlet != "" {
			outlets[m.outlet] = true
		}
		if m.published != "" {
			if ev.FirstSeen == "" || m.published < ev.FirstSeen {
				ev.FirstSeen = m.published
			}
			if m.published > ev.LastSeen {
				ev.LastSeen = m.published
			}
		}
		for side, actors := range [2][]sukien.Actor{r.Actor, r.Recipient} {
			for _, a := range actors {
				s := side
				if sym {
					s = 0 // one set of participants, wherever they were written
				}
				id := actorID(a)
				if seen[s][id] {
					continue
				}
				seen[s][id] = true
				a.Raw = ""
				if side == 0 {
					ev.Actor = append(ev.Actor, a)
				} else {
					ev.Recipient = append(ev.Recipient, a)
				}
			}
		}
	}
	ev.Mode = mostFrequent(modes)
	ev.Cameo = mostFrequent(cameos)
	ev.Channel = mostFrequent(channels)
	ev.Level = mostFrequent(levels)
	if l := mostFrequent(locs); l != "" {
		ev.Location = location[l]
	}
	ev.Date = mostPrecise(dates)
	ev.NumSources = len(docs)
	ev.NumOutlets = len(outlets)
	if ev.Actor == nil {
		ev.Actor = []sukien.Actor{}
	}
	if ev.Recipient == nil {
		ev.Recipient = []sukien.Actor{}
	}
	return ev
}

// mostFrequent returns the most frequent non-empty value, the first seen
// on a tie.
func mostFrequent(vals []string) string {
	n := map[string]int{}
	best := ""
	for _, v := range vals {
		if v == "" {
			continue
		}
		n[v]++
		if n[v] > n[best] || best == "" {
			best = v
		}
	}
	return best
}

// mostPrecise returns the most precise date, the most frequent among those
// as precise.
func mostPrecise(dates []string) *string {
	longest := 0
	for _, d := range dates {
		longest = max(longest, len(d))
	}
	var keep []string
	for _, d := range dates {
		if len(d) == longest {
			keep = append(keep, d)
		}
	}
	if d := mostFrequent(keep); d != "" {
		return &d
	}
	return nil
}

func hashOf(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// sentenceID derives the sentence key, a positive 63-bit integer, from the
// document id and sentence index.
func sentenceID(docID string, idx int) int64 {
	h := sha256.Sum256([]byte(docID + "\x00" + strconv.Itoa(idx)))
	return int64(binary.BigEndian.Uint64(h[:8]) >> 1)
}
