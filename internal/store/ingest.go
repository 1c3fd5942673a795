package store

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"math/bits"
	"slices"
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
	fn := func(tx *sql.Tx, kept *writerConn) error {
		res = Result{}
		// Serialise writers on every engine: merging reads events it may create.
		if _, err := tx.ExecContext(ctx, `UPDATE store_meta SET value = value WHERE key = 'ingest_lock'`); err != nil {
			return err
		}
		w := newWriter(ctx, s, tx)
		w.kept = kept
		preps := make([]*preparedArticle, len(batch))
		recs := make([][]preparedRecord, len(batch))
		for i := range batch {
			var err error
			if preps[i], err = batch[i].prepared(); err != nil {
				return err
			}
			recs[i] = prepareRecords(&batch[i])
		}
		if err := w.prefetch(recs); err != nil {
			return err
		}
		for i := range batch {
			if err := w.article(&batch[i], preps[i], recs[i], &res); err != nil {
				return err
			}
		}
		return w.flush()
	}
	var err error
	if s.writer != nil {
		err = s.writer.inTx(ctx, s.db, fn)
	} else {
		err = s.inTx(ctx, func(tx *sql.Tx) error { return fn(tx, nil) })
	}
	if err != nil {
		return Result{}, internal("ingest", err)
	}
	return res, nil
}

// inTx runs fn in a transaction on the kept connection, opening it first
// if need be, and committed when fn returns nil.
func (wc *writerConn) inTx(ctx context.Context, db *sql.DB, fn func(*sql.Tx, *writerConn) error) (err error) {
	wc.mu.Lock()
	defer wc.mu.Unlock()
	defer func() {
		if err != nil {
			wc.reset()
		}
	}()
	if wc.conn == nil {
		if wc.conn, err = db.Conn(ctx); err != nil {
			return err
		}
		wc.stmts = map[string]*sql.Stmt{}
	}
	tx, err := wc.conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx, wc); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// writer does the work of one Ingest transaction. Statements are prepared
// once per transaction; sentences and mentions are written in multi-row
// INSERTs; the merged events a batch touches are kept in memory (pending)
// and written once, when the batch ends.
type writer struct {
	s       *Store
	tx      *sql.Tx
	ctx     context.Context
	stmts   map[string]*sql.Stmt // SQLite: prepared in tx
	kept    *writerConn          // SQLite files: tx's connection, with statements kept across batches
	rebound map[string]string    // PostgreSQL: queries with $n placeholders

	sentences, mentions rowBuffer
	unindexed           []any // documents whose sentences are not in sentences_fts yet

	pending    map[string]*pendingEvent     // by event id
	byKey      map[string][]*pendingEvent   // by type and sides, for candidate
	candidates map[string][]storedCandidate // by type, sides and date
	stored     map[string]bool              // event ids known to be stored or not (see prefetch)
	names      map[actorName]bool           // for actor_names
	aliases    map[alias]int                // for actor_aliases: participants added less removed
	lastDoc    map[int64]int64              // by day: the last document number given out (see sentenceKey)
	oldNames   []actorName                  // of replaced documents
	order      []*pendingEvent              // in the order first touched
}

func newWriter(ctx context.Context, s *Store, tx *sql.Tx) *writer {
	return &writer{s: s, tx: tx, ctx: ctx, stmts: map[string]*sql.Stmt{}, rebound: map[string]string{},
		sentences:  rowBuffer{head: `INSERT INTO sentences (sid, doc_id, idx, start_off, end_off, orig_start, orig_end, text, folded) VALUES `, cols: 9, byKey: true},
		mentions:   rowBuffer{head: `INSERT INTO mentions (id, event_id, doc_id, idx, sentence_idx, published, outlet, record) VALUES `, cols: 8},
		pending:    map[string]*pendingEvent{},
		byKey:      map[string][]*pendingEvent{},
		candidates: map[string][]storedCandidate{},
		stored:     map[string]bool{},
		names:      map[actorName]bool{},
		aliases:    map[alias]int{},
		lastDoc:    map[int64]int64{},
	}
}

// stmt returns query (written with ? placeholders) prepared in the
// transaction, preparing it on first use. On PostgreSQL it returns nil:
// pgx prepares and caches every statement of a connection by itself, and
// a statement prepared apart would cost a round trip more.
func (w *writer) stmt(query string) (*sql.Stmt, string, error) {
	if w.s.dialect == postgres {
		q, ok := w.rebound[query]
		if !ok {
			q = w.s.rebind(query)
			w.rebound[query] = q
		}
		return nil, q, nil
	}
	if st := w.stmts[query]; st != nil {
		return st, query, nil
	}
	if k := w.kept; k != nil {
		// A statement of the connection runs in the transaction open on it.
		if st := k.stmts[query]; st != nil {
			return st, query, nil
		}
		if len(k.stmts) < maxKept {
			st, err := k.conn.PrepareContext(w.ctx, query)
			if err != nil {
				return nil, query, err
			}
			k.stmts[query] = st
			return st, query, nil
		}
	}
	st, err := w.tx.PrepareContext(w.ctx, query)
	if err != nil {
		return nil, query, err
	}
	w.stmts[query] = st
	return st, query, nil
}

func (w *writer) exec(query string, args ...any) error {
	st, q, err := w.stmt(query)
	switch {
	case err != nil:
		return err
	case st == nil:
		_, err = w.tx.ExecContext(w.ctx, q, args...)
	default:
		_, err = st.ExecContext(w.ctx, args...)
	}
	return err
}

func (w *writer) query(query string, args ...any) (*sql.Rows, error) {
	st, q, err := w.stmt(query)
	switch {
	case err != nil:
		return nil, err
	case st == nil:
		return w.tx.QueryContext(w.ctx, q, args...)
	}
	return st.QueryContext(w.ctx, args...)
}

func (w *writer) queryRow(query string, args ...any) *sql.Row {
	st, q, err := w.stmt(query)
	if err != nil || st == nil {
		// On error, a Row carrying it: Scan reports it.
		return w.tx.QueryRowContext(w.ctx, q, args...)
	}
	return st.QueryRowContext(w.ctx, args...)
}

// rowBuffer collects the rows of a multi-row INSERT.
type rowBuffer struct {
	head string // "INSERT INTO t (a, b) VALUES "
	cols int
	args []any
	// byKey holds the rows until the batch ends and writes them in key
	// order (the leading columns, int64 or string): an index filled in
	// order touches each page once.
	byKey bool
}

// maxParams bounds the parameters of one statement, far below SQLite's
// 32,766 and PostgreSQL's 65,535: larger statements are no faster.
const maxParams = 4000

// add appends a row to b, writing b out when it is full.
func (w *writer) add(b *rowBuffer, row ...any) error {
	b.args = append(b.args, row...)
	if !b.byKey && len(b.args)+b.cols > maxParams {
		return w.write(b)
	}
	return nil
}

// statement returns the INSERT for n rows of b.
func (b *rowBuffer) statement(n int) string {
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
	return q.String()
}

// write inserts the rows collected in b, suffix appended to each statement.
func (w *writer) write(b *rowBuffer, suffix ...string) error {
	if b.byKey {
		rows := slices.Collect(slices.Chunk(b.args, b.cols))
		slices.SortFunc(rows, compareRows)
		b.args = slices.Concat(rows...)
	}
	var err error
	for rows := range chunks(b.args, b.cols) {
		if err = w.exec(b.statement(len(rows)/b.cols)+strings.Join(suffix, ""), rows...); err != nil {
			break
		}
	}
	clear(b.args)
	b.args = b.args[:0]
	return err
}

// chunks splits args, rows of cols values, into statements of at most
// maxParams values: as many full ones as fit, then the rest in row counts
// that are powers of two, so that few statements of different lengths are
// prepared (and kept, see writerConn) however the batches come.
func chunks(args []any, cols int) func(yield func([]any) bool) {
	return func(yield func([]any) bool) {
		full := maxParams / cols
		for len(args) > 0 {
			n := min(full, len(args)/cols)
			if n < full {
				n = 1 << (bits.Len(uint(n)) - 1) // the largest power of two ≤ n
			}
			if !yield(args[:n*cols]) {
				return
			}
			args = args[n*cols:]
		}
	}
}

// compareRows orders rows of int64 and string values column by column.
func compareRows(x, y []any) int {
	for i := range x {
		var c int
		switch v := x[i].(type) {
		case int64:
			c = cmp.Compare(v, y[i].(int64))
		case string:
			c = strings.Compare(v, y[i].(string))
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

// writeRows writes out every buffered row, so that queries see them.
func (w *writer) writeRows() error {
	for _, b := range []*rowBuffer{&w.sentences, &w.mentions} {
		if err := w.write(b); err != nil {
			return err
		}
	}
	return w.index()
}

// index adds the sentences of the documents stored since the last call to
// SQLite's full-text index (PostgreSQL's GIN index keeps itself): one
// statement for many documents, in rowid order (see migration 0003).
func (w *writer) index() error {
	if w.s.dialect != sqlite {
		w.unindexed = w.unindexed[:0]
		return nil
	}
	for docs := range slices.Chunk(w.unindexed, chunk) {
		if err := w.exec(`INSERT INTO sentences_fts (rowid, folded)
			SELECT sid, folded FROM sentences WHERE doc_id IN (`+placeholders(len(docs))+`) ORDER BY sid`, docs...); err != nil {
			return err
		}
	}
	w.unindexed = w.unindexed[:0]
	return nil
}

func (w *writer) article(a *Article, pr *preparedArticle, recs []preparedRecord, res *Result) error {
	d := &a.Doc
	text, content, extract := pr.text, pr.content, pr.extract

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

	ingested := now()
	if err := w.exec(`INSERT INTO documents (id, url, outlet, published, title, source, original, text, removed, content_hash, extract_hash, ingested_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.ID, d.URL, d.Outlet, d.Published, d.Title, d.Source, d.Text, text, pr.removed, content, extract, ingested); err != nil {
		return err
	}
	if err := w.addSentences(d.ID, d.Title, dayOf(d.Published, ingested), pr); err != nil {
		return err
	}
	w.unindexed = append(w.unindexed, d.ID)
	for i := range recs {
		merged, err := w.mention(a, &recs[i])
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

// addSentences stores the title (index -1) and the body sentences for
// search, keyed in publication order (see sentenceKey).
func (w *writer) addSentences(docID, title string, day int64, pr *preparedArticle) error {
	hasTitle := strings.TrimSpace(title) != ""
	ss := pr.sentences
	if !hasTitle && len(ss) == 0 {
		return nil // no key given out, so that the next document takes it as it would alone
	}
	if len(ss) >= maxSentences {
		return sukien.Errorf(sukien.EINVALID, "document %s: %d sentences, more than %d", docID, len(ss), maxSentences-1)
	}
	base, err := w.docKey(day)
	if err != nil {
		return err
	}
	if hasTitle {
		if err := w.add(&w.sentences, base, docID, -1, 0, 0, 0, 0, title, pr.titleFolded); err != nil {
			return err
		}
	}
	for i, sn := range ss {
		if err := w.add(&w.sentences, base+int64(i)+1, docID, i, sn.Start, sn.End, sn.OrigStart, sn.OrigEnd, sn.Text, sn.folded); err != nil {
			return err
		}
	}
	return nil
}

// Sentence keys (sentences.sid, the full-text index's rowids) sort by
// publication: bits 47-62 hold the day a document was published (see
// dayOf), bits 23-46 its number among that day's documents, bits 0-22 the
// sentence index + 1 (0 for the title). Search reads a common word's
// newest matches first and stops. Migration 0007 renumbered older
// databases the same way.
const (
	dayShift     = 47
	docShift     = 23
	maxDocs      = 1 << (dayShift - docShift) // documents a day
	maxSentences = 1<<docShift - 1            // sentences a document, title aside
	maxDay       = 1<<(63-dayShift) - 1
)

func sentenceKey(day, doc int64, idx int) int64 {
	return day<<dayShift | doc<<docShift | int64(idx+1)
}

// dayOf numbers the day of published, else of ingested (both "2024-06-18",
// "2024-06" or "2024" and maybe more): (year - 1970) * 372 + (month - 1) *
// 31 + day - 1, between 0 and maxDay. Not a calendar count, but in the
// same order, and simple enough for migration 0007 to compute it in SQL.
func dayOf(published, ingested string) int64 {
	p := published
	if !digits(p, 0, 4) {
		p = ingested
	}
	if !digits(p, 0, 4) {
		return 0
	}
	num := func(i, j int) int64 { n, _ := strconv.Atoi(p[i:j]); return int64(n) }
	day := (num(0, 4) - 1970) * 372
	if len(p) > 4 && p[4] == '-' && digits(p, 5, 7) {
		day += (num(5, 7) - 1) * 31
		if len(p) > 7 && p[7] == '-' && digits(p, 8, 10) {
			day += num(8, 10) - 1
		}
	}
	return min(max(day, 0), maxDay)
}

// digits reports whether s[i:j] is all ASCII digits.
func digits(s string, i, j int) bool {
	if len(s) < j {
		return false
	}
	for _, c := range []byte(s[i:j]) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// docKey gives out the key of a document's title (its sentences follow):
// the next document number of its day, after those stored and those of
// the batch. Writers are serialised (Ingest's lock), so numbers are not
// given twice. A full day spills into the next.
func (w *writer) docKey(day int64) (int64, error) {
	for ; day <= maxDay; day++ {
		last, ok := w.lastDoc[day]
		if !ok {
			var top sql.NullInt64
			if err := w.queryRow(`SELECT MAX(sid) FROM sentences WHERE sid >= ? AND sid < ?`,
				day<<dayShift, (day+1)<<dayShift).Scan(&top); err != nil {
				return 0, err
			}
			if top.Valid {
				last = top.Int64 >> docShift & (maxDocs - 1)
			}
		}
		if last+1 < maxDocs {
			w.lastDoc[day] = last + 1
			return sentenceKey(day, last+1, -1), nil
		}
	}
	return 0, sukien.Errorf(sukien.EINVALID, "no sentence key is left for documents of day %d", day)
}

// deleteDocument removes a document with its sentences and mentions and
// takes the events it reported into the batch, to be brought up to date.
func (w *writer) deleteDocument(id string) error {
	if err := w.writeRows(); err != nil {
		return err
	}
	// The events and the actors of its mentions, as their records hold them.
	var events []string
	rows, err := w.query(`SELECT event_id, record FROM mentions WHERE doc_id = ?`, id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var ev string
		var record []byte
		var e sukien.Event
		if err := rows.Scan(&ev, &record); err != nil {
			rows.Close()
			return err
		}
		if err := json.Unmarshal(record, &e); err != nil {
			rows.Close()
			return err
		}
		if !slices.Contains(events, ev) {
			events = append(events, ev)
		}
		for _, ac := range slices.Concat(e.Actor, e.Recipient) {
			al, n := aliasOf(ac)
			w.aliases[al]--
			w.oldNames = append(w.oldNames, n)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, q := range []string{
		`DELETE FROM mentions WHERE doc_id = ?`,
		`DELETE FROM sentences WHERE doc_id = ?`,
		`DELETE FROM documents WHERE id = ?`,
	} {
		if err := w.exec(q, id); err != nil {
			return err
		}
	}
	clear(w.lastDoc) // the document's number may be free again: as if alone
	// A tally cannot take a mention out: the events are tallied again
	// from the mentions left (the batch's are written above).
	for _, ev := range events {
		t, err := w.retally(ev)
		if err != nil {
			return err
		}
		if p := w.pending[ev]; p != nil {
			p.t = t
			p.changed()
			continue
		}
		w.touch(ev, true, t)
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
func (w *writer) mention(a *Article, r *preparedRecord) (merged bool, err error) {
	p, merged, err := w.place(r.key, r.mid, r.newID)
	if err != nil {
		return false, err
	}
	// Encoded here rather than in prepare: held for a whole batch, the
	// records' JSON left the collector less room under the memory limit
	// than it saved.
	record, err := json.Marshal(&r.e)
	if err != nil {
		return false, err
	}
	if err := w.add(&w.mentions, r.mid, p.id, a.Doc.ID, r.idx, r.sentence, a.Doc.Published, a.Doc.Outlet, string(record)); err != nil {
		return false, err
	}
	for i, al := range r.aliases {
		w.aliases[al]++
		w.names[r.names[i]] = true
	}
	if p.t == nil {
		p.t = &tally{}
	}
	p.t.add(&r.e, mentionKey{Published: a.Doc.Published, Doc: a.Doc.ID, Idx: r.idx}, a.Doc.Outlet)
	p.changed()
	return merged, nil
}

// preparedArticle is what Ingest computes of an article without the
// database and is worth computing ahead, off the writer's goroutine (see
// Article.Prepare): hashes (with the JSON of the whole article) and folded
// texts.
type preparedArticle struct {
	of                              Article // as prepared, to tell a changed one
	text, content, extract, removed string
	titleFolded                     string
	sentences                       []preparedSentence
}

type preparedSentence struct {
	Sentence        // Text filled in
	folded   string // Fold(Text)
}

// preparedRecord is a record as stored (see recordOf) and what storing it
// needs, computed once for the prefetch and the writing.
type preparedRecord struct {
	e          sukien.Event
	mid, newID string // mention id; the id a new event of it takes
	key        key
	idx        int // in the document's records
	sentence   int // index of its sentence, or -1
	aliases    []alias
	names      []actorName // of aliases, one for one
}

// Prepare computes ahead much of what Ingest would compute of a without the
// database, so that a caller can do it alongside a running Ingest (sukien
// ingest does it while the batch before is stored). Call it once a is
// final: Ingest uses what it computed, unless a's fields (not the
// elements of its slices) changed since. An article that cannot be encoded
// is left unprepared, for Ingest to report.
func (a *Article) Prepare() {
	a.prep, _ = prepare(a)
}

// prepared returns what Prepare computed, else computes it.
func (a *Article) prepared() (*preparedArticle, error) {
	if pr := a.prep; pr != nil && pr.of.same(a) {
		return pr, nil
	}
	return prepare(a)
}

// same reports whether a has the fields of b, slices compared by address.
func (b *Article) same(a *Article) bool {
	return a.Doc.ID == b.Doc.ID && a.Doc.URL == b.Doc.URL && a.Doc.Title == b.Doc.Title && a.Doc.Text == b.Doc.Text &&
		a.Doc.Published == b.Doc.Published && a.Doc.Outlet == b.Doc.Outlet && a.Doc.Source == b.Doc.Source && a.Text == b.Text &&
		sameSlice(a.Sentences, b.Sentences) && sameSlice(a.Removed, b.Removed) && sameSlice(a.Events, b.Events)
}

func sameSlice[T any](x, y []T) bool {
	return len(x) == len(y) && (len(x) == 0 || &x[0] == &y[0])
}

func prepare(a *Article) (*preparedArticle, error) {
	d := &a.Doc
	pr := &preparedArticle{text: a.Text, of: *a}
	pr.of.prep = nil
	if pr.text == "" {
		pr.text = d.Text
	}
	pr.content = hashOf(d.Title, "\x00", pr.text)
	record, err := json.Marshal(struct {
		Published, Outlet, URL, Title, Source string
		Sentences                             []Sentence
		Removed                               []Span
		Events                                []sukien.Event
	}{d.Published, d.Outlet, d.URL, d.Title, d.Source, a.Sentences, a.Removed, a.Events})
	if err != nil {
		return nil, err
	}
	pr.extract = hashBytes(record)
	pr.removed = "[]"
	if a.Removed != nil {
		removed, _ := json.Marshal(a.Removed)
		pr.removed = string(removed)
	}
	if strings.TrimSpace(d.Title) != "" {
		pr.titleFolded = Fold(d.Title)
	}
	var runes []rune
	for _, sn := range a.Sentences {
		if sn.Text == "" {
			if runes == nil {
				runes = []rune(pr.text)
			}
			if 0 <= sn.Start && sn.Start <= sn.End && sn.End <= len(runes) {
				sn.Text = string(runes[sn.Start:sn.End])
			}
		}
		pr.sentences = append(pr.sentences, preparedSentence{sn, Fold(sn.Text)})
	}
	return pr, nil
}

// prepareRecords returns a's records as stored (see recordOf) with what
// storing them needs. Not part of Prepare: held for a whole batch, they
// left the collector less room under the memory limit than they saved.
func prepareRecords(a *Article) []preparedRecord {
	records := make([]preparedRecord, len(a.Events))
	for i := range a.Events {
		r := &records[i]
		r.e, r.mid = recordOf(a, i)
		r.idx = i
		r.key = keyOf(&r.e)
		r.newID = newEventID(r.key, r.mid)
		r.sentence = sentenceIndex(a.Sentences, r.e.Start)
		for _, ac := range slices.Concat(r.e.Actor, r.e.Recipient) {
			al, n := aliasOf(ac)
			r.aliases = append(r.aliases, al)
			r.names = append(r.names, n)
		}
	}
	return records
}

// recordOf returns the i-th record of a as stored, and its mention id.
func recordOf(a *Article, i int) (e sukien.Event, mid string) {
	e = a.Events[i]
	e.Doc = a.Doc.ID
	e.Event = strings.ToUpper(strings.TrimSpace(e.Event))
	e.Date = cleanDate(e.Date)
	mid = a.Doc.ID + "#" + strconv.Itoa(i)
	if e.ID == "" {
		e.ID = mid
	}
	return e, mid
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
	k := plainKeyOf(e)
	k.persons = map[string]map[string]bool{}
	for _, side := range [2][]sukien.Actor{e.Actor, e.Recipient} {
		for _, a := range side {
			if a.Kind == sukien.KindPerson {
				k.addPerson(a.Country, ActorID(a))
			}
		}
	}
	return k
}

// plainKeyOf is keyOf without the persons, for what needs only type,
// sides and date.
func plainKeyOf(e *sukien.Event) key {
	k := key{typ: e.Event}
	if e.Date != nil {
		k.date = *e.Date
	}
	if sukien.Symmetric(e.Event) {
		k.sides = strings.Join(sideSet(e.Actor, e.Recipient), "+")
	} else {
		k.sides = strings.Join(sideSet(e.Actor), "+") + ">" + strings.Join(sideSet(e.Recipient), "+")
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
				c = ActorID(a)
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

// ActorID is the identity of an actor across documents: its dictionary id,
// else its country code for a state, else kind and folded name.
func ActorID(a sukien.Actor) string {
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

// pendingEvent is a merged event the batch touches: the tally of its
// mentions as they stand in the transaction, and the merge, computed when
// needed.
type pendingEvent struct {
	id     string
	stored bool   // it had a row in events before the batch
	t      *tally // nil when no mention is left
	merged *Event // nil when t changed since
	// The date and persons of the merge: placing a record asks them of
	// every event of its type and sides.
	placed bool // date and person are up to date
	date   string
	person map[string]map[string]bool
}

// changed marks the merge out of date, after t changed.
func (p *pendingEvent) changed() {
	p.merged, p.placed = nil, false
}

// dated returns the date of the merged event ("" when undated) and its
// persons by country, as event would, or ok false when no mention is left.
func (p *pendingEvent) dated() (date string, persons map[string]map[string]bool, ok bool) {
	if p.t == nil {
		return "", nil, false
	}
	if !p.placed {
		p.date = ""
		if d := p.t.date(); d != nil {
			p.date = *d
		}
		p.person = p.t.persons()
		p.placed = true
	}
	return p.date, p.person, true
}

// event returns the merged event, or nil when no mention is left.
func (p *pendingEvent) event() *Event {
	if p.t == nil {
		return nil
	}
	if p.merged == nil {
		p.merged = p.t.event(p.id)
	}
	return p.merged
}

// touch adds an event to the batch: new (t nil), or stored with its tally.
func (w *writer) touch(id string, stored bool, t *tally) *pendingEvent {
	p := &pendingEvent{id: id, stored: stored, t: t}
	w.pending[id] = p
	w.order = append(w.order, p)
	if t != nil {
		k := t.Type + "|" + t.Sides
		w.byKey[k] = append(w.byKey[k], p)
	}
	return p
}

// load takes a stored event into the batch with its tally, as stored
// with it, or made again from its mentions when it was stored without
// one or by a writer that did not keep it.
func (w *writer) load(id string) (*pendingEvent, error) {
	var state sql.NullString
	var mentions int
	err := w.queryRow(`SELECT merge_state, num_mentions FROM events WHERE id = ?`, id).Scan(&state, &mentions)
	if err != nil && err != sql.ErrNoRows {
		return nil, err
	}
	var t *tally
	if state.Valid {
		t = &tally{}
		if json.Unmarshal([]byte(state.String), t) != nil || t.Mentions != mentions || t.Mentions == 0 {
			t = nil
		}
	}
	if t == nil {
		if t, err = w.retally(id); err != nil {
			return nil, err
		}
	}
	return w.touch(id, true, t), nil
}

// retally makes the tally of event id from its stored mentions; nil when
// it has none.
func (w *writer) retally(id string) (*tally, error) {
	rows, err := w.query(`SELECT record, doc_id, idx, published, outlet FROM mentions WHERE event_id = ?`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var t *tally
	for rows.Next() {
		var k mentionKey
		var outlet string
		var record []byte
		if err := rows.Scan(&record, &k.Doc, &k.Idx, &k.Published, &outlet); err != nil {
			return nil, err
		}
		var r sukien.Event
		if err := json.Unmarshal(record, &r); err != nil {
			return nil, err
		}
		if t == nil {
			t = &tally{}
		}
		t.add(&r, k, outlet)
	}
	return t, rows.Err()
}

// place finds the event a record with key k joins, or makes a new one.
//
// The merge window: records of the same type and sides join when their
// dates are the same day (or the same month or year, for records dated no
// more precisely), preferring the candidate sharing most persons; a record
// dated by month or year joins an event with a more precise date inside it,
// and a day-dated record joins an event dated only by its month or year,
// only when exactly one such event is a candidate. Undated records never
// merge across records. Persons must be compatible (see key.compatible).
// A new event takes newID (newEventID of k and mention) unless taken.
func (w *writer) place(k key, mention, newID string) (p *pendingEvent, merged bool, err error) {
	if k.date != "" {
		id, err := w.candidate(k)
		if err != nil {
			return nil, false, err
		}
		if id != "" {
			if p = w.pending[id]; p == nil {
				if p, err = w.load(id); err != nil {
					return nil, false, err
				}
			}
			return p, true, nil
		}
	}
	id := newID
	exists, err := w.exists(id)
	if err != nil {
		return nil, false, err
	}
	if exists { // a different event with the same key: persons differ
		id = "ev_" + hashOf(id, "|", mention)[:16]
	}
	p = w.pending[id]
	if p == nil {
		p = w.touch(id, false, nil)
	}
	w.byKey[k.typ+"|"+k.sides] = append(w.byKey[k.typ+"|"+k.sides], p)
	return p, false, nil
}

// newEventID is the id of a new event for a record with key k: its key,
// or for an undated record its mention (undated records never merge).
func newEventID(k key, mention string) string {
	if k.date == "" {
		return "ev_" + hashOf(k.typ, "|", k.sides, "|", mention)[:16]
	}
	return "ev_" + hashOf(k.typ, "|", k.sides, "|", k.date)[:16]
}

// exists reports whether event id has mentions, in the batch or stored.
func (w *writer) exists(id string) (bool, error) {
	if p := w.pending[id]; p != nil {
		return p.t != nil, nil
	}
	if stored, ok := w.stored[id]; ok {
		return stored, nil
	}
	var one int
	switch err := w.queryRow(`SELECT 1 FROM events WHERE id = ?`, id).Scan(&one); err {
	case sql.ErrNoRows:
		return false, nil
	case nil:
		return true, nil
	default:
		return false, err
	}
}

// candidate returns the event a dated record with key k joins, or "".
// Stored events come from the database, unless the batch touched them:
// those, and the events the batch made, come from memory.
func (w *writer) candidate(k key) (string, error) {
	type cand = storedCandidate
	var cands []*cand
	var prefixes []any
	for p := len(k.date); p >= 4; p = strings.LastIndexByte(k.date[:p], '-') {
		prefixes = append(prefixes, k.date[:p])
	}

	stored, err := w.storedCandidates(k, prefixes)
	if err != nil {
		return "", err
	}
	byID := map[string]*cand{}
	for _, c := range stored {
		if w.pending[c.id] != nil {
			continue // as it stands in the batch, below
		}
		byID[c.id] = &c
		cands = append(cands, &c)
	}
	for _, p := range w.byKey[k.typ+"|"+k.sides] {
		d, persons, ok := p.dated()
		if !ok || d == "" || byID[p.id] != nil {
			continue
		}
		if slices.Contains(prefixes, any(d)) || strings.HasPrefix(d, k.date+"-") {
			byID[p.id] = &cand{id: p.id, date: d, persons: persons}
			cands = append(cands, byID[p.id])
		}
	}
	if len(cands) == 0 {
		return "", nil
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].id < cands[j].id })

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

// prefetch reads, in a few statements, what placing the batch's records
// asks the database: the stored candidates of every dated key (see
// storedCandidates) and whether the ids new events would take are stored.
// One query per record cost more in statement overhead than in look-ups.
// Events are written only when the batch ends, so the answers hold for the
// whole batch.
func (w *writer) prefetch(batch [][]preparedRecord) error {
	type tsd struct{ typ, sides, date string }
	var keys []tsd
	seenKey := map[tsd]bool{}
	var ids []any
	for _, recs := range batch {
		for i := range recs {
			k := recs[i].key
			if id := recs[i].newID; !w.stored[id] {
				w.stored[id] = false // until found below
				ids = append(ids, id)
			}
			if t := (tsd{k.typ, k.sides, k.date}); k.date != "" && !seenKey[t] {
				seenKey[t] = true
				keys = append(keys, t)
			}
		}
	}
	for chunk := range slices.Chunk(ids, chunk) {
		found, err := w.strings(`SELECT id FROM events WHERE id IN (`+placeholders(len(chunk))+`)`, chunk...)
		if err != nil {
			return err
		}
		for _, id := range found {
			w.stored[id] = true
		}
	}

	// The events dated by a key's date or a period holding it, and for a
	// key dated by month or year, those dated more precisely inside it.
	type row struct {
		id, date       string
		actor, country sql.NullString
	}
	exact, inside := map[tsd][]row{}, map[tsd][]row{}
	var exactArgs, insideArgs [][]any
	asked := map[tsd]bool{}
	for _, k := range keys {
		for p := len(k.date); p >= 4; p = strings.LastIndexByte(k.date[:p], '-') {
			if t := (tsd{k.typ, k.sides, k.date[:p]}); !asked[t] {
				asked[t] = true
				exactArgs = append(exactArgs, []any{t.typ, t.sides, t.date})
			}
		}
		if len(k.date) < 10 {
			_, hi, _ := dateRange(k.date)
			insideArgs = append(insideArgs, []any{k.typ, k.sides, k.date, hi})
		}
	}
	read := func(into map[tsd][]row, args [][]any, cols int, cond string) error {
		for rows := range slices.Chunk(args, maxParams/cols) {
			vals := strings.TrimSuffix(strings.Repeat("("+placeholders(cols)+"), ", len(rows)), ", ")
			names := "type, sides, date"
			if cols == 4 {
				names += ", hi"
			}
			res, err := w.query(`WITH k (`+names+`) AS (VALUES `+vals+`)
				SELECT k.type, k.sides, k.date, e.id, e.date, a.actor_id, a.country FROM k
				JOIN events e ON e.type = k.type AND e.sides = k.sides AND `+cond+`
				LEFT JOIN event_actors a ON a.event_id = e.id AND a.kind = 'person'`, slices.Concat(rows...)...)
			if err != nil {
				return err
			}
			for res.Next() {
				var t tsd
				var r row
				if err := res.Scan(&t.typ, &t.sides, &t.date, &r.id, &r.date, &r.actor, &r.country); err != nil {
					res.Close()
					return err
				}
				into[t] = append(into[t], r)
			}
			res.Close()
			if err := res.Err(); err != nil {
				return err
			}
		}
		return nil
	}
	if err := read(exact, exactArgs, 3, `e.date = k.date`); err != nil {
		return err
	}
	if err := read(inside, insideArgs, 4, `e.date > k.date AND e.date <= k.hi AND LENGTH(e.date) > LENGTH(k.date)`); err != nil {
		return err
	}
	for _, k := range keys {
		var cs []storedCandidate
		at := map[string]int{}
		add := func(r row) {
			i, ok := at[r.id]
			if !ok { // rows of one event need not come together
				i = len(cs)
				at[r.id] = i
				cs = append(cs, storedCandidate{id: r.id, date: r.date, persons: map[string]map[string]bool{}})
			}
			if c := &cs[i]; r.actor.Valid {
				if c.persons[r.country.String] == nil {
					c.persons[r.country.String] = map[string]bool{}
				}
				c.persons[r.country.String][r.actor.String] = true
			}
		}
		for p := len(k.date); p >= 4; p = strings.LastIndexByte(k.date[:p], '-') {
			for _, r := range exact[tsd{k.typ, k.sides, k.date[:p]}] {
				add(r)
			}
		}
		for _, r := range inside[k] {
			add(r)
		}
		w.candidates[k.typ+"|"+k.sides+"|"+k.date] = cs
	}
	return nil
}

// storedCandidate is an event as stored before the batch.
type storedCandidate struct {
	id, date string
	persons  map[string]map[string]bool
}

// storedCandidates returns the stored events of k's type and sides dated
// by one of prefixes (k's date and the periods holding it) or, for a
// record dated by month or year, by a more precise date inside it.
// Ingest writes events only when the batch ends, so the answers are kept
// for the batch: records of one event mostly come in the same batch.
func (w *writer) storedCandidates(k key, prefixes []any) ([]storedCandidate, error) {
	ck := k.typ + "|" + k.sides + "|" + k.date
	if cs, ok := w.candidates[ck]; ok {
		return cs, nil
	}
	// date LIKE '2024-06-%' as a range, which an index serves on every
	// engine and collation; UNION ALL, for SQLite does not split the OR.
	const head = `SELECT e.id, e.date, a.actor_id, a.country FROM events e
		LEFT JOIN event_actors a ON a.event_id = e.id AND a.kind = 'person'
		WHERE e.type = ? AND e.sides = ? AND `
	q := head + `e.date IN (` + placeholders(len(prefixes)) + `)`
	args := append([]any{k.typ, k.sides}, prefixes...)
	if len(k.date) < 10 {
		_, hi, _ := dateRange(k.date)
		q += ` UNION ALL ` + head + `e.date > ? AND e.date <= ? AND LENGTH(e.date) > ?`
		args = append(args, k.typ, k.sides, k.date, hi, len(k.date))
	}
	rows, err := w.query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cs []storedCandidate
	at := map[string]int{}
	for rows.Next() {
		var id, date string
		var actor, country sql.NullString
		if err := rows.Scan(&id, &date, &actor, &country); err != nil {
			return nil, err
		}
		i, ok := at[id]
		if !ok { // rows of one event need not come together
			i = len(cs)
			at[id] = i
			cs = append(cs, storedCandidate{id: id, date: date, persons: map[string]map[string]bool{}})
		}
		if c := &cs[i]; actor.Valid {
			if c.persons[country.String] == nil {
				c.persons[country.String] = map[string]bool{}
			}
			c.persons[country.String][actor.String] = true
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	w.candidates[ck] = cs
	return cs, nil
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

// flush writes the buffered rows and the events the batch touched: each
// merged event is recomputed from its mentions, or deleted when none is left.
// A stored event is rewritten only where it changed: merging a report
// mostly changes its counts, not its participants, keys, date or channel,
// and every row and index entry left alone is work saved.
func (w *writer) flush() error {
	if err := w.writeRows(); err != nil {
		return err
	}
	const eventCols = `INSERT INTO events (id, type, is_symmetric, sides, mode, cameo, date, date_lo, date_hi, channel, level, location, location_country,
		sentence, summary, num_mentions, num_sources, num_outlets, first_seen, last_seen, merge_state) VALUES `
	events := rowBuffer{head: eventCols, cols: 21}
	counts := rowBuffer{head: eventCols, cols: 21} // stored events whose indexed columns stay
	actors := rowBuffer{head: `INSERT INTO event_actors (event_id, side, pos, actor_id, kind, name, country, sector, title) VALUES `, cols: 9}
	keys := rowBuffer{head: `INSERT INTO event_keys (key, date_lo, date_hi, type, event_id, roles) VALUES `, cols: 6, byKey: true}
	var stale, gone []any        // stored events to update, to delete
	var newActors, newKeys []any // stored events whose event_actors, event_keys rows are replaced
	for _, p := range w.order {
		if p.stored {
			stale = append(stale, p.id)
		}
	}
	old, err := w.storedEvents(stale)
	if err != nil {
		return err
	}
	type typedKeys struct {
		typ  string
		keys []eventKey
	}
	var now []typedKeys // of the events as they are now
	for _, p := range w.order {
		ev := p.event()
		if ev == nil {
			if p.stored {
				gone = append(gone, p.id)
			}
			continue
		}
		o := old[p.id] // nil for an event new to the store
		var date, lo, hi any
		dlo, dhi := "", ""
		if ev.Date != nil {
			dlo, dhi, _ = dateRange(*ev.Date)
			date, lo, hi = *ev.Date, dlo, dhi
		}
		loc, locCountry := "", ""
		if ev.Location != nil {
			loc, locCountry = ev.Location.Name, ev.Location.Country
		}
		sym := 0
		if sukien.Symmetric(ev.Event) {
			sym = 1
		}
		b := &events
		if o != nil && o.date == date && o.channel == ev.Channel {
			b = &counts
		}
		state, err := p.t.state()
		if err != nil {
			return err
		}
		b.args = append(b.args, p.id, ev.Event, sym, p.t.Sides, ev.Mode, ev.Cameo, date, lo, hi,
			ev.Channel, ev.Level, loc, locCountry, ev.Sentence, ev.Summary, ev.NumMentions, ev.NumSources, ev.NumOutlets, ev.FirstSeen, ev.LastSeen, state)
		var as []any
		for side, list := range [2][]sukien.Actor{ev.Actor, ev.Recipient} {
			for pos, a := range list {
				as = append(as, p.id, sideNames[side], pos, ActorID(a), a.Kind, a.Name, a.Country, a.Sector, a.Title)
			}
		}
		if o == nil || !slices.Equal(o.actors, as) {
			actors.args = append(actors.args, as...)
			if p.stored {
				newActors = append(newActors, p.id)
			}
		}
		ks := eventKeys(ev)
		if o == nil || o.typ != ev.Event || o.lo != dlo || o.hi != dhi || !sameKeys(o.keys, ks) {
			for _, k := range ks {
				keys.args = append(keys.args, k.key, dlo, dhi, ev.Event, p.id, k.roles)
			}
			if p.stored {
				newKeys = append(newKeys, p.id)
			}
		}
		now = append(now, typedKeys{ev.Event, ks})
	}
	// role_sets: minus the sets of the events as stored, plus their sets
	// now.
	type roleSet struct{ role, typ, keys string }
	delta := map[roleSet]int{}
	count := func(typ string, keys []eventKey, n int) {
		for role, set := range roleSets(keys) {
			delta[roleSet{role, typ, set}] += n
		}
	}
	for _, o := range old {
		if o.keys != nil {
			count(o.typ, o.keys, -1)
		}
	}
	for _, e := range now {
		count(e.typ, e.keys, 1)
	}
	var sets [][]any
	for r, n := range delta {
		if n != 0 {
			sets = append(sets, []any{r.role, r.typ, r.keys, n})
		}
	}
	slices.SortFunc(sets, compareRows)

	stats, err := w.actorStats(stale)
	if err != nil {
		return err
	}

	for _, c := range []struct {
		query string
		ids   []any
	}{
		{`DELETE FROM event_actors WHERE event_id IN `, slices.Concat(newActors, gone)},
		{`DELETE FROM event_keys WHERE event_id IN `, slices.Concat(newKeys, gone)},
		{`DELETE FROM events WHERE id IN `, gone},
	} {
		for ids := range slices.Chunk(c.ids, chunk) {
			if err := w.exec(c.query+"("+placeholders(len(ids))+")", ids...); err != nil {
				return err
			}
		}
	}
	if err := w.writeNames(); err != nil {
		return err
	}
	const upsert = `
		ON CONFLICT (id) DO UPDATE SET mode = excluded.mode, cameo = excluded.cameo, level = excluded.level,
		location = excluded.location, location_country = excluded.location_country, sentence = excluded.sentence,
		summary = excluded.summary, num_mentions = excluded.num_mentions, num_sources = excluded.num_sources,
		num_outlets = excluded.num_outlets, first_seen = excluded.first_seen, last_seen = excluded.last_seen,
		merge_state = excluded.merge_state`
	if err := w.write(&events, upsert+`, date = excluded.date, date_lo = excluded.date_lo, date_hi = excluded.date_hi, channel = excluded.channel`); err != nil {
		return err
	}
	// Setting no indexed column spares SQLite rewriting the events' index
	// entries (and lets PostgreSQL update in place).
	if err := w.write(&counts, upsert); err != nil {
		return err
	}
	if err := w.write(&actors); err != nil {
		return err
	}
	if err := w.write(&keys); err != nil {
		return err
	}
	if err := w.writeSets(sets); err != nil {
		return err
	}
	return w.writeActorStats(stats)
}

// storedEvent is what flush compares a stored event with: the columns of
// events that indexes hold (but type and sides, which never change), its
// event_actors rows and its event_keys rows.
type storedEvent struct {
	date, channel any    // date NULL or a string
	typ, lo, hi   string // of its event_keys rows
	keys          []eventKey
	actors        []any // event_actors rows, as flush writes them
}

// storedEvents reads the stored events ids as they are before the batch.
func (w *writer) storedEvents(ids []any) (map[string]*storedEvent, error) {
	out := map[string]*storedEvent{}
	each := func(query string, ids []any, scan func(*sql.Rows) error) error {
		rows, err := w.query(query+"("+placeholders(len(ids))+")", ids...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	for ids := range slices.Chunk(ids, chunk) {
		err := each(`SELECT id, date, channel FROM events WHERE id IN `, ids, func(rows *sql.Rows) error {
			var id, channel string
			var date sql.NullString
			if err := rows.Scan(&id, &date, &channel); err != nil {
				return err
			}
			o := &storedEvent{channel: channel}
			if date.Valid {
				o.date = date.String
			}
			out[id] = o
			return nil
		})
		if err != nil {
			return nil, err
		}
		err = each(`SELECT event_id, key, roles, type, date_lo, date_hi FROM event_keys WHERE event_id IN `, ids, func(rows *sql.Rows) error {
			var id string
			var k eventKey
			var typ, lo, hi string
			if err := rows.Scan(&id, &k.key, &k.roles, &typ, &lo, &hi); err != nil {
				return err
			}
			if o := out[id]; o != nil {
				o.keys = append(o.keys, k)
				o.typ, o.lo, o.hi = typ, lo, hi
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		err = each(`SELECT event_id, side, pos, actor_id, kind, name, country, sector, title FROM event_actors WHERE event_id IN `, ids, func(rows *sql.Rows) error {
			var id, side, actor, kind, name, country, sector, title string
			var pos int
			if err := rows.Scan(&id, &side, &pos, &actor, &kind, &name, &country, &sector, &title); err != nil {
				return err
			}
			if o := out[id]; o != nil {
				o.actors = append(o.actors, id, side, pos, actor, kind, name, country, sector, title)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	// event_actors rows in the order flush writes them: by side, then pos.
	for _, o := range out {
		rows := slices.Collect(slices.Chunk(o.actors, 9))
		slices.SortFunc(rows, func(a, b []any) int {
			if c := slices.Index(sideNames[:], a[1].(string)) - slices.Index(sideNames[:], b[1].(string)); c != 0 {
				return c
			}
			return a[2].(int) - b[2].(int)
		})
		o.actors = slices.Concat(rows...)
	}
	return out, nil
}

// sameKeys reports whether a and b hold the same keys with the same roles.
func sameKeys(a, b []eventKey) bool {
	if len(a) != len(b) {
		return false
	}
	cmpKey := func(x, y eventKey) int { return cmp.Or(strings.Compare(x.key, y.key), x.roles-y.roles) }
	return slices.Equal(slices.SortedFunc(slices.Values(a), cmpKey), slices.SortedFunc(slices.Values(b), cmpKey))
}

// writeSets adds the changes of a batch to role_sets (rows of role, type,
// keys and a change of count), and the keys of the sets new to it to
// role_set_keys: a set whose count comes out as the batch's change was
// new, or at 0 and so had its keys already (inserting them again does
// nothing).
func (w *writer) writeSets(sets [][]any) error {
	b := rowBuffer{head: `INSERT INTO role_sets (role, type, keys, n) VALUES `, cols: 4}
	keys := rowBuffer{head: `INSERT INTO role_set_keys (key, role, type, keys) VALUES `, cols: 4, byKey: true}
	for rows := range slices.Chunk(sets, maxParams/b.cols) {
		added := map[[3]string]int{}
		for _, r := range rows {
			added[[3]string{r[0].(string), r[1].(string), r[2].(string)}] = r[3].(int)
		}
		res, err := w.query(b.statement(len(rows))+` ON CONFLICT (role, type, keys) DO UPDATE SET n = role_sets.n + excluded.n
			RETURNING role, type, keys, n`, slices.Concat(rows...)...)
		if err != nil {
			return err
		}
		for res.Next() {
			var k [3]string
			var n int
			if err := res.Scan(&k[0], &k[1], &k[2], &n); err != nil {
				res.Close()
				return err
			}
			if n > 0 && n == added[k] {
				for elem := range strings.SplitSeq(k[2], "|") {
					keys.args = append(keys.args, setKey(k[0], elem), k[0], k[1], k[2])
				}
			}
		}
		res.Close()
		if err := res.Err(); err != nil {
			return err
		}
	}
	return w.write(&keys, ` ON CONFLICT (key, role, type, keys) DO NOTHING`)
}

// actorDelta is what a batch changes in actor_stats: events gained less
// events lost by actor, the earliest and latest report of the events
// gained, and the actors whose first or last report must be read again
// (an event they took part in lost them, or its earliest or latest report).
type actorDelta struct {
	events      map[string]int
	first, last map[string]string
	recount     map[string]bool
}

// actorStats compares the participants of the events the batch touches,
// as stored (stale) and as they are now. Merging only adds reports and
// participants, so the recounts come from replaced documents.
func (w *writer) actorStats(stale []any) (*actorDelta, error) {
	d := &actorDelta{events: map[string]int{}, first: map[string]string{}, last: map[string]string{}, recount: map[string]bool{}}
	now := map[string]map[string]bool{} // by event: its actors now
	for _, p := range w.order {
		ev := p.event()
		if ev == nil {
			continue
		}
		now[p.id] = map[string]bool{}
		for _, a := range slices.Concat(ev.Actor, ev.Recipient) {
			id := ActorID(a)
			if now[p.id][id] {
				continue
			}
			now[p.id][id] = true
			d.events[id]++
			if f := ev.FirstSeen; f != "" && (d.first[id] == "" || f < d.first[id]) {
				d.first[id] = f
			}
			if l := ev.LastSeen; l > d.last[id] {
				d.last[id] = l
			}
		}
	}
	for ids := range slices.Chunk(stale, chunk) {
		rows, err := w.query(`SELECT DISTINCT a.event_id, a.actor_id, e.first_seen, e.last_seen FROM event_actors a JOIN events e ON e.id = a.event_id
			WHERE a.event_id IN (`+placeholders(len(ids))+`)`, ids...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var ev, id, first, last string
			if err := rows.Scan(&ev, &id, &first, &last); err != nil {
				rows.Close()
				return nil, err
			}
			d.events[id]--
			if p := w.pending[ev].event(); p == nil || !now[ev][id] ||
				(first != "" && (p.FirstSeen == "" || p.FirstSeen > first)) || p.LastSeen < last {
				d.recount[id] = true
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// writeActorStats applies d to actor_stats, once events and event_actors
// are written.
func (w *writer) writeActorStats(d *actorDelta) error {
	null := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	rows := rowBuffer{head: `INSERT INTO actor_stats (actor_id, events, first_seen, last_seen) VALUES `, cols: 4, byKey: true}
	for id, n := range d.events {
		if n != 0 || d.first[id] != "" || d.last[id] != "" {
			rows.args = append(rows.args, id, n, null(d.first[id]), null(d.last[id]))
		}
	}
	if err := w.write(&rows, ` ON CONFLICT (actor_id) DO UPDATE SET events = actor_stats.events + excluded.events,
		first_seen = CASE WHEN actor_stats.first_seen IS NULL OR excluded.first_seen < actor_stats.first_seen THEN excluded.first_seen ELSE actor_stats.first_seen END,
		last_seen = CASE WHEN actor_stats.last_seen IS NULL OR excluded.last_seen > actor_stats.last_seen THEN excluded.last_seen ELSE actor_stats.last_seen END`); err != nil {
		return err
	}
	for id := range d.recount {
		if err := w.exec(`DELETE FROM actor_stats WHERE actor_id = ? AND events <= 0`, id); err != nil {
			return err
		}
		if err := w.exec(`UPDATE actor_stats SET
			first_seen = (SELECT MIN(NULLIF(e.first_seen, '')) FROM event_actors a JOIN events e ON e.id = a.event_id WHERE a.actor_id = ?),
			last_seen = (SELECT MAX(NULLIF(e.last_seen, '')) FROM event_actors a JOIN events e ON e.id = a.event_id WHERE a.actor_id = ?)
			WHERE actor_id = ?`, id, id, id); err != nil {
			return err
		}
	}
	return nil
}

// role is a role a key has in an event (see eventRoles).
type role struct{ key, role string }

// roleNames are the roles of event_keys.roles, bit by bit, and of
// event_role_counts.role.
var roleNames = []string{"actor", "recipient", "person", "country", "pair"}

// roleBit returns the bit of event_keys.roles standing for role.
func roleBit(role string) int {
	return 1 << slices.Index(roleNames, role)
}

// eventRoles returns the roles of ev's participants and location, each once:
// what the participant filters of Events match (see Store.where).
func eventRoles(ev *Event) []role {
	// Most events have a few dozen roles: a scan beats a map until a
	// summit's many participants and their pairs.
	out := make([]role, 0, 16)
	var seen map[role]bool
	add := func(r role) {
		switch {
		case r.key == "":
			return
		case seen != nil:
			if seen[r] {
				return
			}
			seen[r] = true
		case slices.Contains(out, r):
			return
		case len(out) >= 64:
			seen = map[role]bool{r: true}
			for _, o := range out {
				seen[o] = true
			}
		}
		out = append(out, r)
	}
	sym := sukien.Symmetric(ev.Event)
	for side, list := range [2][]sukien.Actor{ev.Actor, ev.Recipient} {
		for _, a := range list {
			id := ActorID(a)
			for s, name := range sideNames {
				if sym || s == side {
					add(role{id, name})
					add(role{a.Country, name})
				}
			}
			if a.Kind == sukien.KindPerson {
				add(role{id, "person"})
				add(role{a.Country, "person"})
			}
			add(role{a.Country, "country"})
		}
	}
	if ev.Location != nil {
		add(role{ev.Location.Country, "country"})
	}
	// Pairs of an actor key and another recipient key, for filters on
	// both: most events have a few keys a side. Every key of a symmetric
	// event is both, so its pairs go once each, sorted (see pairKeys).
	n := len(out)
	for _, a := range out[:n] {
		for _, b := range out[:n] {
			if a.role == "actor" && b.role == "recipient" && a.key != b.key && (!sym || a.key < b.key) {
				add(role{pairKey(sym, a.key, b.key), "pair"})
			}
		}
	}
	return out
}

// pairKey is the event_keys key of a pair of an actor key and a recipient
// key: "A B" in a directed event, "A~B" with A < B in a symmetric one.
func pairKey(sym bool, a, b string) string {
	if sym {
		return min(a, b) + "~" + max(a, b)
	}
	return a + " " + b
}

// pairKeys returns the keys of the events where a is an actor key and b
// a recipient key.
func pairKeys(a, b string) []any {
	return []any{pairKey(false, a, b), pairKey(true, a, b)}
}

// eventKey is a row of event_keys (migration 0008) but for the event's
// type, dates and id: a key and its roles as bits.
type eventKey struct {
	key   string
	roles int
}

// roleSets returns, for each role some of keys have, those keys sorted
// and joined by | (a row of role_sets, migration 0010), and under allRole
// the event's signature (see signature).
func roleSets(keys []eventKey) map[string]string {
	out := map[string]string{}
	for bit, role := range roleNames {
		var in []string
		for _, k := range keys {
			if k.roles&(1<<bit) != 0 {
				in = append(in, k.key)
			}
		}
		if in != nil {
			slices.Sort(in)
			out[role] = strings.Join(in, "|")
		}
	}
	if sig := signature(keys); sig != "" {
		out[allRole] = sig
	}
	return out
}

// allRole is the role of role_sets rows counting events by signature
// (migration 0013): a filter on several roles is counted from them.
const allRole = "all"

// sigRoles are the roles a signature keeps: the pairs follow from the
// actor and recipient keys.
const sigRoles = 1 | 2 | 4 | 8

// signature returns every key of an event with its roles but pair, as
// "roles:key" sorted by key and joined by | ("9:KOR|10:USA"): whether an
// event matches filters on any roles, its date aside, follows from it.
func signature(keys []eventKey) string {
	ks := slices.Clone(keys)
	slices.SortFunc(ks, func(a, b eventKey) int { return strings.Compare(a.key, b.key) })
	var b strings.Builder
	for _, k := range ks {
		if k.roles&sigRoles == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('|')
		}
		b.WriteString(strconv.Itoa(k.roles & sigRoles))
		b.WriteByte(':')
		b.WriteString(k.key)
	}
	return b.String()
}

// setKey returns the key of role_set_keys for an element of a set of role:
// a signature's elements are found by key, without their roles.
func setKey(role, elem string) string {
	if role == allRole {
		_, elem, _ = strings.Cut(elem, ":")
	}
	return elem
}

// eventKeys returns the keys of ev with their roles, in the order first met.
func eventKeys(ev *Event) []eventKey {
	var out []eventKey
	roles := eventRoles(ev)
	var at map[string]int // for many roles, else a scan
	if len(roles) > 64 {
		at = map[string]int{}
	}
	for _, r := range roles {
		var i int
		if at != nil {
			var ok bool
			if i, ok = at[r.key]; !ok {
				i = -1
			}
		} else {
			i = slices.IndexFunc(out, func(k eventKey) bool { return k.key == r.key })
		}
		if i < 0 {
			i = len(out)
			if at != nil {
				at[r.key] = i
			}
			out = append(out, eventKey{key: r.key})
		}
		out[i].roles |= roleBit(r.role)
	}
	return out
}

// actorName is a row of actor_names: an actor and a name written for it.
type actorName struct{ id, folded, name string }

// alias is the key of a row of actor_aliases: an actor as a mention wrote it.
type alias struct{ id, kind, name, country, raw string }

// aliasOf returns how a participant of a mention was written, and the name
// it adds to actor_names.
func aliasOf(ac sukien.Actor) (alias, actorName) {
	raw := ac.Raw
	if raw == "" {
		raw = ac.Name
	}
	id := ActorID(ac)
	return alias{id, ac.Kind, ac.Name, ac.Country, raw}, actorName{id, Fold(raw), Fold(ac.Name)}
}

// writeNames brings actor_aliases up to date with the participants the
// batch added and removed, adds the names the batch wrote to actor_names,
// and removes those of replaced documents that no alias writes any more.
func (w *writer) writeNames() error {
	aliases := rowBuffer{head: `INSERT INTO actor_aliases (actor_id, kind, name, country, raw, n) VALUES `, cols: 6, byKey: true}
	var gone []alias
	for a, n := range w.aliases {
		if n != 0 {
			aliases.args = append(aliases.args, a.id, a.kind, a.name, a.country, a.raw, n)
		}
		if n < 0 {
			gone = append(gone, a)
		}
	}
	if err := w.write(&aliases, ` ON CONFLICT (actor_id, kind, name, country, raw) DO UPDATE SET n = actor_aliases.n + excluded.n`); err != nil {
		return err
	}
	for _, a := range gone {
		if err := w.exec(`DELETE FROM actor_aliases WHERE actor_id = ? AND kind = ? AND name = ? AND country = ? AND raw = ? AND n <= 0`,
			a.id, a.kind, a.name, a.country, a.raw); err != nil {
			return err
		}
	}
	// A name of a replaced document stays while an alias left folds to it.
	still := map[string]map[actorName]bool{} // by actor
	for _, n := range w.oldNames {
		if still[n.id] == nil {
			still[n.id] = map[actorName]bool{}
			rows, err := w.query(`SELECT raw, name FROM actor_aliases WHERE actor_id = ?`, n.id)
			if err != nil {
				return err
			}
			for rows.Next() {
				var raw, name string
				if err := rows.Scan(&raw, &name); err != nil {
					rows.Close()
					return err
				}
				still[n.id][actorName{n.id, Fold(raw), Fold(name)}] = true
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		if !still[n.id][n] {
			if err := w.exec(`DELETE FROM actor_names WHERE actor_id = ? AND folded = ? AND name_folded = ?`, n.id, n.folded, n.name); err != nil {
				return err
			}
		}
	}
	names := rowBuffer{head: `INSERT INTO actor_names (actor_id, folded, name_folded) VALUES `, cols: 3}
	for n := range w.names {
		names.args = append(names.args, n.id, n.folded, n.name)
	}
	return w.write(&names, ` ON CONFLICT (actor_id, folded, name_folded) DO NOTHING`)
}

// hashOf returns the SHA-256 of the parts joined, in hex. The parts are
// copied into one buffer, on the stack when short: writing each to a
// hash.Hash copied every one to the heap.
func hashOf(parts ...string) string {
	var buf [256]byte
	b := buf[:0]
	for _, p := range parts {
		b = append(b, p...)
	}
	return hashBytes(b)
}

func hashBytes(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
