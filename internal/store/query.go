package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sukien/sukien"
)

// EventFilter selects merged events. Actor, With, Country and Person take a
// code, a canonical name or any alias (resolved through the Resolver and the
// names seen in the corpus); the zero value selects every event.
type EventFilter struct {
	Actor   string // who acts: the actor side of a directed event, any participant of a symmetric one
	With    string // whom: the recipient side of a directed event, any participant of a symmetric one
	Type    string // PLOVER type, e.g. CONSULT
	Since   string // 2024, 2024-06 or 2024-06-18: events whose date overlaps [Since, Until]
	Until   string
	Country string // a participant's country, or the event's location
	Person  string // a person taking part
	Channel string // channel id
	Limit   int    // 0: no limit
	Offset  int
}

// dateRange returns the first and last day of a date given as 2024,
// 2024-06 or 2024-06-18.
func dateRange(d string) (lo, hi string, ok bool) {
	switch len(d) {
	case 4:
		if _, err := time.Parse("2006", d); err == nil {
			return d + "-01-01", d + "-12-31", true
		}
	case 7:
		if t, err := time.Parse("2006-01", d); err == nil {
			return d + "-01", t.AddDate(0, 1, -1).Format("2006-01-02"), true
		}
	case 10:
		if _, err := time.Parse("2006-01-02", d); err == nil {
			return d, d, true
		}
	}
	return "", "", false
}

// where turns f into a WHERE clause over events e, with its arguments.
func (s *Store) where(ctx context.Context, f EventFilter) (string, []any, error) {
	c, err := s.compile(ctx, f)
	if err != nil {
		return "", nil, err
	}
	w, args := c.where()
	return w, args, nil
}

// compiled is an EventFilter in SQL terms.
type compiled struct {
	typ, channel string
	lo, hi       string     // dates of Since and Until, "" when open
	roles        []roleCond // participant filters, answered by event_keys
}

// roleCond selects the events where one of ids has role (see eventRoles).
type roleCond struct {
	role string
	ids  []any
}

func (s *Store) compile(ctx context.Context, f EventFilter) (*compiled, error) {
	c := &compiled{channel: f.Channel}
	if f.Type != "" {
		c.typ = strings.ToUpper(strings.TrimSpace(f.Type))
	}
	if f.Since != "" {
		lo, _, ok := dateRange(f.Since)
		if !ok {
			return nil, sukien.Errorf(sukien.EINVALID, "since: %q is not a date like 2024, 2024-06 or 2024-06-18", f.Since)
		}
		c.lo = lo
	}
	if f.Until != "" {
		_, hi, ok := dateRange(f.Until)
		if !ok {
			return nil, sukien.Errorf(sukien.EINVALID, "until: %q is not a date like 2024, 2024-06 or 2024-06-18", f.Until)
		}
		c.hi = hi
	}
	for _, p := range []struct{ name, role string }{
		{f.Actor, "actor"}, {f.With, "recipient"}, {f.Person, "person"}, {f.Country, "country"},
	} {
		if p.name == "" {
			continue
		}
		ids, err := s.resolve(ctx, p.name)
		if err != nil {
			return nil, err
		}
		c.roles = append(c.roles, roleCond{p.role, ids})
	}
	return c, nil
}

// dates returns the conditions of the date filter on columns
// alias.date_lo and alias.date_hi. An event overlapping [lo, hi] is dated
// within a year (the longest period a date names), so its date_lo is at
// least the first day of lo's year: a bound that lets an index on date_lo
// serve Since, said outright.
func (c *compiled) dates(alias string, conds []string, args []any) ([]string, []any) {
	if c.lo != "" {
		conds = append(conds, alias+".date_lo >= ?", alias+".date_hi >= ?")
		args = append(args, c.lo[:4]+"-01-01", c.lo)
	}
	if c.hi != "" {
		conds = append(conds, alias+".date_lo <= ?")
		args = append(args, c.hi)
	}
	return conds, args
}

// cond returns the EXISTS condition of r over the events of column eventID.
func (r roleCond) cond(eventID string) string {
	return `EXISTS (SELECT 1 FROM event_keys r WHERE r.event_id = ` + eventID + ` AND (r.roles & ` + strconv.Itoa(roleBit(r.role)) +
		`) <> 0 AND r.key IN (` + placeholders(len(r.ids)) + `))`
}

// where returns the WHERE clause over events e, with its arguments.
func (c *compiled) where() (string, []any) {
	var conds []string
	var args []any
	if c.typ != "" {
		conds, args = append(conds, "e.type = ?"), append(args, c.typ)
	}
	conds, args = c.dates("e", conds, args)
	if c.channel != "" {
		conds, args = append(conds, "e.channel = ?"), append(args, c.channel)
	}
	for _, r := range c.roles {
		conds, args = append(conds, r.cond("e.id")), append(args, r.ids...)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// count returns how many events c selects. Undated filters on
// participants add up the counts Ingest keeps by sets of keys (role_sets):
// on one role (or an actor towards a recipient, through their pair keys)
// the sets holding one of its ids, on several roles the event signatures.
// Others count event_keys rows of a range of its primary key, for the role
// with the fewest events, without reading events: a row per event and
// key, so COUNT(*) counts events unless an event has two of the ids.
func (s *Store) count(ctx context.Context, c *compiled) (int, error) {
	if len(c.roles) == 0 {
		w, args := c.where()
		return s.scalar(ctx, `SELECT COUNT(*) FROM events e`+w, args...)
	}
	first, rest := c.roles[0], c.roles[1:]
	if pairs, ok := c.pairs(); ok {
		first, rest = pairs, nil
	} else if len(rest) > 0 {
		var err error
		if first, rest, err = s.leastFirst(ctx, c.roles); err != nil {
			return 0, err
		}
	}
	if c.lo == "" && c.hi == "" && c.channel == "" {
		if len(rest) == 0 {
			return s.sumSets(ctx, c.typ, first)
		}
		return s.sumSignatures(ctx, c.typ, first, c.roles)
	}
	distinct := false
	if len(first.ids) > 1 {
		var err error
		if distinct, err = s.shared(ctx, c.typ, first); err != nil {
			return 0, err
		}
	}
	conds := []string{`r0.key IN (` + placeholders(len(first.ids)) + `)`, `(r0.roles & ` + strconv.Itoa(roleBit(first.role)) + `) <> 0`}
	args := append([]any{}, first.ids...)
	if c.typ != "" {
		conds, args = append(conds, "r0.type = ?"), append(args, c.typ)
	}
	if c.hi != "" && c.lo == "" {
		conds = append(conds, "r0.date_lo <> ''") // undated: '' here, NULL in events
	}
	conds, args = c.dates("r0", conds, args)
	if c.channel != "" {
		conds, args = append(conds, "EXISTS (SELECT 1 FROM events e WHERE e.id = r0.event_id AND e.channel = ?)"), append(args, c.channel)
	}
	if len(rest) > 0 {
		// Only the types where some signatures satisfy the other roles
		// and some do not need them looked up for each event.
		all, some, err := s.typesByRoles(ctx, c.typ, first, c.roles)
		if err != nil {
			return 0, err
		}
		if len(all)+len(some) == 0 {
			return 0, nil
		}
		cond := `r0.type IN (` + placeholders(len(all)) + `)`
		if len(all) == 0 {
			cond = `1 = 0`
		}
		args = append(args, all...)
		if len(some) > 0 {
			exists := []string{`r0.type IN (` + placeholders(len(some)) + `)`}
			args = append(args, some...)
			for _, r := range rest {
				exists, args = append(exists, r.cond("r0.event_id")), append(args, r.ids...)
			}
			cond += ` OR (` + strings.Join(exists, " AND ") + `)`
		}
		conds = append(conds, `(`+cond+`)`)
	}
	n := "COUNT(*)"
	if distinct {
		n = "COUNT(DISTINCT r0.event_id)"
	}
	return s.scalar(ctx, `SELECT `+n+` FROM event_keys r0 WHERE `+strings.Join(conds, " AND "), args...)
}

// scalar runs a query returning one number.
func (s *Store) scalar(ctx context.Context, q string, args ...any) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, s.rebind(q), args...).Scan(&n)
	return n, err
}

// pairs returns the pair keys (see eventRoles) of a filter on an actor
// towards a recipient, false for other filters and for an actor with
// itself. An event has one key of a pair: directed or symmetric.
func (c *compiled) pairs() (roleCond, bool) {
	if len(c.roles) != 2 || c.roles[0].role != "actor" || c.roles[1].role != "recipient" || len(c.roles[0].ids)*len(c.roles[1].ids) > maxPairs {
		return roleCond{}, false
	}
	pairs := roleCond{role: "pair"}
	for _, a := range c.roles[0].ids {
		for _, b := range c.roles[1].ids {
			if a == b {
				return roleCond{}, false
			}
			pairs.ids = append(pairs.ids, pairKeys(a.(string), b.(string))...)
		}
	}
	return pairs, true
}

// leastFirst returns the role of roles whose ids take part in the fewest
// events, as actor_stats counts them (in any role: a bound, and 0 for a
// key that is no actor's), and the others: the rows of its keys are those
// a count reads.
func (s *Store) leastFirst(ctx context.Context, roles []roleCond) (roleCond, []roleCond, error) {
	var all []any
	for _, r := range roles {
		all = append(all, r.ids...)
	}
	events := map[string]int{}
	rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT actor_id, events FROM actor_stats WHERE actor_id IN (`+placeholders(len(all))+`)`), all...)
	if err != nil {
		return roleCond{}, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return roleCond{}, nil, err
		}
		events[id] = n
	}
	if err := rows.Err(); err != nil {
		return roleCond{}, nil, err
	}
	best, least := 0, -1
	for i, r := range roles {
		n := 0
		for _, id := range r.ids {
			n += events[id.(string)]
		}
		if least < 0 || n < least {
			best, least = i, n
		}
	}
	return roles[best], slices.Concat(roles[:best], roles[best+1:]), nil
}

// sumSets returns how many events of type typ ("": any) have one of r's
// ids in r's role, from role_sets.
func (s *Store) sumSets(ctx context.Context, typ string, r roleCond) (int, error) {
	cond, args := `role = ?`, []any{r.role}
	if typ != "" {
		cond, args = cond+` AND type = ?`, append(args, typ)
	}
	// (type, keys), not keys alone: with statistics (ANALYZE) SQLite would
	// rather skip-scan role_sets for each set than look it up.
	return s.scalar(ctx, `SELECT COALESCE(SUM(n), 0) FROM role_sets WHERE `+cond+` AND (type, keys) IN
		(SELECT type, keys FROM role_set_keys WHERE `+cond+` AND key IN (`+placeholders(len(r.ids))+`))`,
		slices.Concat(args, args, r.ids)...)
}

// shared reports whether some set of keys of r's role, in events of type
// typ, holds two of r's ids: whether an event may have two rows of them
// in event_keys. Sets no event has any more count too.
func (s *Store) shared(ctx context.Context, typ string, r roleCond) (bool, error) {
	cond, args := `role = ? AND key IN (`+placeholders(len(r.ids))+`)`, append([]any{r.role}, r.ids...)
	if typ != "" {
		cond, args = cond+` AND type = ?`, append(args, typ)
	}
	ids := map[string]bool{}
	for _, id := range r.ids {
		ids[id.(string)] = true
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT keys FROM role_set_keys WHERE `+cond), args...)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	for rows.Next() {
		var set string
		if err := rows.Scan(&set); err != nil {
			return false, err
		}
		n := 0
		for key := range strings.SplitSeq(set, "|") {
			if ids[key] {
				n++
			}
		}
		if n > 1 {
			return true, nil
		}
	}
	return false, rows.Err()
}

// sigCount is a row of role_sets of role allRole: a type, the keys of
// events of that type with their roles (see signature in ingest.go), and
// how many events have them.
type sigCount struct {
	typ, keys string
	n         int
}

// signatures returns the signatures of events of type typ ("": any)
// holding one of r's ids, each once; with their counts if counted, else
// with those no event has any more (n 0).
func (s *Store) signatures(ctx context.Context, typ string, r roleCond, counted bool) ([]sigCount, error) {
	cond, args := `k.role = ? AND k.key IN (`+placeholders(len(r.ids))+`)`, append([]any{allRole}, r.ids...)
	if typ != "" {
		cond, args = cond+` AND k.type = ?`, append(args, typ)
	}
	// CROSS JOIN: SQLite keeps k outside, so it reads the signatures of
	// the ids rather than every signature (the join reordered by SQLite
	// took 69 ms for four ids).
	q := `SELECT s.type, s.keys, s.n FROM role_set_keys k CROSS JOIN role_sets s
		WHERE ` + cond + ` AND s.role = k.role AND s.type = k.type AND s.keys = k.keys AND s.n <> 0`
	if !counted {
		q = `SELECT k.type, k.keys, 0 FROM role_set_keys k WHERE ` + cond
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sigCount
	seen := map[[2]string]bool{} // a signature holding several of the ids
	for rows.Next() {
		var sc sigCount
		if err := rows.Scan(&sc.typ, &sc.keys, &sc.n); err != nil {
			return nil, err
		}
		if !seen[[2]string{sc.typ, sc.keys}] {
			seen[[2]string{sc.typ, sc.keys}] = true
			out = append(out, sc)
		}
	}
	return out, rows.Err()
}

// matcher tells whether a signature satisfies every role of a filter.
type matcher []struct {
	bit int
	ids map[string]bool
}

func newMatcher(roles []roleCond) matcher {
	var m matcher
	for _, r := range roles {
		ids := map[string]bool{}
		for _, id := range r.ids {
			ids[id.(string)] = true
		}
		m = append(m, struct {
			bit int
			ids map[string]bool
		}{roleBit(r.role), ids})
	}
	return m
}

func (m matcher) match(sig string) (bool, error) {
	met := 0 // roles met, a bit each
	for elem := range strings.SplitSeq(sig, "|") {
		roles, key, _ := strings.Cut(elem, ":")
		bits, err := strconv.Atoi(roles)
		if err != nil {
			return false, fmt.Errorf("signature %q: %v", sig, err)
		}
		for i, w := range m {
			if bits&w.bit != 0 && w.ids[key] {
				met |= 1 << i
			}
		}
	}
	return met == 1<<len(m)-1, nil
}

// sumSignatures returns how many events of type typ ("": any) satisfy
// every role of roles, from the event signatures holding one of first's
// ids.
func (s *Store) sumSignatures(ctx context.Context, typ string, first roleCond, roles []roleCond) (int, error) {
	sigs, err := s.signatures(ctx, typ, first, true)
	if err != nil {
		return 0, err
	}
	m, total := newMatcher(roles), 0
	for _, sc := range sigs {
		ok, err := m.match(sc.keys)
		if err != nil {
			return 0, err
		}
		if ok {
			total += sc.n
		}
	}
	return total, nil
}

// typesByRoles sorts the types of the events holding one of first's ids
// (of type typ, "": any) by their signatures: those where every signature
// satisfies roles, and those where some do and some do not. Events of
// other types satisfy none. Signatures no event has any more may put a
// type among the second, not among the wrong ones: reading role_set_keys
// alone is cheaper.
func (s *Store) typesByRoles(ctx context.Context, typ string, first roleCond, roles []roleCond) (all, some []any, err error) {
	sigs, err := s.signatures(ctx, typ, first, false)
	if err != nil {
		return nil, nil, err
	}
	m := newMatcher(roles)
	yes, no := map[string]bool{}, map[string]bool{}
	for _, sc := range sigs {
		ok, err := m.match(sc.keys)
		if err != nil {
			return nil, nil, err
		}
		if ok {
			yes[sc.typ] = true
		} else {
			no[sc.typ] = true
		}
	}
	for _, t := range slices.Sorted(maps.Keys(yes)) {
		if no[t] {
			some = append(some, t)
		} else {
			all = append(all, t)
		}
	}
	return all, some, nil
}

// resolve returns the actor ids a name stands for: those of the Resolver,
// those stored under that id, canonical name or alias (compared folded),
// and the name itself when it looks like a country code.
func (s *Store) resolve(ctx context.Context, name string) ([]any, error) {
	name = strings.TrimSpace(name)
	seen := map[string]bool{}
	var ids []any
	addID := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	if s.resolver != nil {
		for _, id := range s.resolver.Resolve(name) {
			addID(id)
		}
	}
	upper := strings.ToUpper(name)
	if len(name) == 3 && strings.Trim(upper, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" {
		addID(upper)
	}
	folded := Fold(name)
	rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT DISTINCT actor_id FROM actor_names
		WHERE actor_id = ? OR actor_id = ? OR folded = ? OR name_folded = ?`), name, upper, folded, folded)
	if err != nil {
		return nil, internal("resolve", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, internal("resolve", err)
		}
		addID(id)
	}
	if err := rows.Err(); err != nil {
		return nil, internal("resolve", err)
	}
	if len(ids) == 0 {
		return nil, sukien.Errorf(sukien.ENOTFOUND, "no actor is known as %q", name)
	}
	return ids, nil
}

const eventColumns = `e.id, e.type, e.mode, e.cameo, e.date, e.channel, e.level, e.location, e.location_country,
	e.sentence, e.summary, e.num_mentions, e.num_sources, e.num_outlets, e.first_seen, e.last_seen`

func scanEvent(rows interface{ Scan(...any) error }) (*Event, error) {
	var ev Event
	var date sql.NullString
	var loc, locCountry string
	if err := rows.Scan(&ev.ID, &ev.Event, &ev.Mode, &ev.Cameo, &date, &ev.Channel, &ev.Level, &loc, &locCountry,
		&ev.Sentence, &ev.Summary, &ev.NumMentions, &ev.NumSources, &ev.NumOutlets, &ev.FirstSeen, &ev.LastSeen); err != nil {
		return nil, err
	}
	if date.Valid {
		ev.Date = &date.String
	}
	if loc != "" {
		ev.Location = &sukien.Location{Name: loc, Country: locCountry}
	}
	ev.Actor, ev.Recipient = []sukien.Actor{}, []sukien.Actor{}
	return &ev, nil
}

// Events returns a page of the merged events f selects, most recent first,
// and how many f selects in all.
func (s *Store) Events(ctx context.Context, f EventFilter) ([]Event, int, error) {
	c, err := s.compile(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	total, err := s.count(ctx, c)
	if err != nil {
		return nil, 0, internal("events", err)
	}
	where, args := c.where()
	evs, err := s.selectEvents(ctx, where, args, f.Limit, f.Offset)
	if err != nil {
		return nil, 0, err
	}
	return evs, total, nil
}

func (s *Store) selectEvents(ctx context.Context, where string, args []any, limit, offset int) ([]Event, error) {
	q := `SELECT ` + eventColumns + ` FROM events e` + where + ` ORDER BY e.date_lo DESC NULLS LAST, e.id`
	if limit > 0 {
		q += ` LIMIT ? OFFSET ?`
		args = append(args[:len(args):len(args)], limit, max(offset, 0))
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, internal("events", err)
	}
	var evs []Event
	for rows.Next() {
		ev, err := scanEvent(rows)
		if err != nil {
			rows.Close()
			return nil, internal("events", err)
		}
		evs = append(evs, *ev)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, internal("events", err)
	}
	if err := s.attachActors(ctx, evs); err != nil {
		return nil, err
	}
	return evs, nil
}

// maxPairs bounds the actor-recipient pairs a filter is counted through.
const maxPairs = 64

// chunk is how many ids one IN list holds, well under every engine's limit
// on bound parameters.
const chunk = 500

// attachActors fills the actors of evs.
func (s *Store) attachActors(ctx context.Context, evs []Event) error {
	index := make(map[string]*Event, len(evs))
	for i := range evs {
		index[evs[i].ID] = &evs[i]
	}
	for start := 0; start < len(evs); start += chunk {
		ids := make([]any, 0, chunk)
		for _, ev := range evs[start:min(start+chunk, len(evs))] {
			ids = append(ids, ev.ID)
		}
		rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT event_id, side, kind, name, country, actor_id, sector, title
			FROM event_actors WHERE event_id IN (`+placeholders(len(ids))+`) ORDER BY event_id, side, pos`), ids...)
		if err != nil {
			return internal("events", err)
		}
		for rows.Next() {
			var id, side, actorID string
			var a sukien.Actor
			if err := rows.Scan(&id, &side, &a.Kind, &a.Name, &a.Country, &actorID, &a.Sector, &a.Title); err != nil {
				rows.Close()
				return internal("events", err)
			}
			if !strings.Contains(actorID, ":") {
				a.ID = actorID
			}
			ev := index[id]
			if side == "actor" {
				ev.Actor = append(ev.Actor, a)
			} else {
				ev.Recipient = append(ev.Recipient, a)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return internal("events", err)
		}
	}
	return nil
}

// Event returns one merged event with its mentions.
func (s *Store) Event(ctx context.Context, id string) (*Event, error) {
	ev, err := scanEvent(s.db.QueryRowContext(ctx, s.rebind(`SELECT `+eventColumns+` FROM events e WHERE e.id = ?`), id))
	if err == sql.ErrNoRows {
		return nil, sukien.Errorf(sukien.ENOTFOUND, "no event %q", id)
	} else if err != nil {
		return nil, internal("event", err)
	}
	evs := []Event{*ev}
	if err := s.attachActors(ctx, evs); err != nil {
		return nil, err
	}
	if err := s.attachMentions(ctx, evs); err != nil {
		return nil, err
	}
	return &evs[0], nil
}

const mentionQuery = `SELECT m.id, m.event_id, m.doc_id, m.sentence_idx, m.published, m.outlet, m.record, d.url, d.title
	FROM mentions m JOIN documents d ON d.id = m.doc_id`

func (s *Store) mentions(ctx context.Context, where string, args ...any) ([]Mention, error) {
	rows, err := s.db.QueryContext(ctx, s.rebind(mentionQuery+where+` ORDER BY m.published, m.doc_id, m.idx`), args...)
	if err != nil {
		return nil, internal("mentions", err)
	}
	defer rows.Close()
	var ms []Mention
	for rows.Next() {
		var m Mention
		var record string
		if err := rows.Scan(&m.ID, &m.EventID, &m.Doc, &m.SentenceIndex, &m.Published, &m.Outlet, &record, &m.URL, &m.Title); err != nil {
			return nil, internal("mentions", err)
		}
		var r sukien.Event
		if err := json.Unmarshal([]byte(record), &r); err != nil {
			return nil, internal("mentions", err)
		}
		m.Event, m.Date, m.DateText, m.Location = r.Event, r.Date, r.DateText, r.Location
		m.Actor, m.Recipient, m.Sentence, m.Start, m.End, m.Trigger = r.Actor, r.Recipient, r.Sentence, r.Start, r.End, r.Trigger
		ms = append(ms, m)
	}
	return ms, internal("mentions", rows.Err())
}

// attachMentions fills the mentions of evs.
func (s *Store) attachMentions(ctx context.Context, evs []Event) error {
	index := make(map[string]*Event, len(evs))
	for i := range evs {
		index[evs[i].ID] = &evs[i]
	}
	for start := 0; start < len(evs); start += chunk {
		ids := make([]any, 0, chunk)
		for _, ev := range evs[start:min(start+chunk, len(evs))] {
			ids = append(ids, ev.ID)
		}
		ms, err := s.mentions(ctx, ` WHERE m.event_id IN (`+placeholders(len(ids))+`)`, ids...)
		if err != nil {
			return err
		}
		for _, m := range ms {
			ev := index[m.EventID]
			ev.Mentions = append(ev.Mentions, m)
		}
	}
	return nil
}

const documentColumns = `d.id, d.url, d.outlet, d.published, d.title, d.source, d.content_hash, d.ingested_at,
	(SELECT COUNT(*) FROM mentions m WHERE m.doc_id = d.id)`

func scanDocument(row interface{ Scan(...any) error }, d *Document, extra ...any) error {
	dest := append([]any{&d.ID, &d.URL, &d.Outlet, &d.Published, &d.Title, &d.Source, &d.Hash, &d.IngestedAt, &d.NumEvents}, extra...)
	return row.Scan(dest...)
}

// Documents returns a page of the stored documents, latest published first,
// and how many there are.
func (s *Store) Documents(ctx context.Context, limit, offset int) ([]Document, int, error) {
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM documents`).Scan(&total); err != nil {
		return nil, 0, internal("documents", err)
	}
	q := `SELECT ` + documentColumns + ` FROM documents d ORDER BY d.published DESC, d.id`
	var args []any
	if limit > 0 {
		q += ` LIMIT ? OFFSET ?`
		args = append(args, limit, max(offset, 0))
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(q), args...)
	if err != nil {
		return nil, 0, internal("documents", err)
	}
	defer rows.Close()
	var docs []Document
	for rows.Next() {
		var d Document
		if err := scanDocument(rows, &d); err != nil {
			return nil, 0, internal("documents", err)
		}
		docs = append(docs, d)
	}
	return docs, total, internal("documents", rows.Err())
}

// Document returns one document with its text, sentences, removed spans and
// mentions.
func (s *Store) Document(ctx context.Context, id string) (*Document, error) {
	d := &Document{}
	var removed string
	err := scanDocument(s.db.QueryRowContext(ctx, s.rebind(`SELECT `+documentColumns+`, d.original, d.text, d.removed FROM documents d WHERE d.id = ?`), id),
		d, &d.Original, &d.Text, &removed)
	if err == sql.ErrNoRows {
		return nil, sukien.Errorf(sukien.ENOTFOUND, "no document %q", id)
	} else if err != nil {
		return nil, internal("document", err)
	}
	if err := json.Unmarshal([]byte(removed), &d.Removed); err != nil {
		return nil, internal("document", err)
	}
	rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT start_off, end_off, orig_start, orig_end, text FROM sentences WHERE doc_id = ? AND idx >= 0 ORDER BY idx`), id)
	if err != nil {
		return nil, internal("document", err)
	}
	for rows.Next() {
		var sn Sentence
		if err := rows.Scan(&sn.Start, &sn.End, &sn.OrigStart, &sn.OrigEnd, &sn.Text); err != nil {
			rows.Close()
			return nil, internal("document", err)
		}
		d.Sentences = append(d.Sentences, sn)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, internal("document", err)
	}
	if d.Mentions, err = s.mentions(ctx, ` WHERE m.doc_id = ?`, id); err != nil {
		return nil, err
	}
	return d, nil
}

// Actors returns every actor taking part in a stored event, most events
// first.
func (s *Store) Actors(ctx context.Context) ([]ActorStat, error) {
	return s.actorStats(ctx, nil)
}

// Actor returns one actor by id, or by any name that resolves to one id.
func (s *Store) Actor(ctx context.Context, id string) (*ActorStat, error) {
	ids := []any{id}
	stats, err := s.actorStats(ctx, ids)
	if err == nil && len(stats) == 0 {
		if ids, err = s.resolve(ctx, id); err == nil {
			stats, err = s.actorStats(ctx, ids)
		}
	}
	if err != nil {
		return nil, err
	}
	if len(stats) != 1 {
		return nil, sukien.Errorf(sukien.ENOTFOUND, "no single actor is known as %q", id)
	}
	return &stats[0], nil
}

// actorStats reads the tables Ingest keeps for them: actor_stats and
// actor_aliases.
func (s *Store) actorStats(ctx context.Context, ids []any) ([]ActorStat, error) {
	in := ""
	if ids != nil {
		in = ` WHERE actor_id IN (` + placeholders(len(ids)) + `)`
	}
	stats := map[string]*ActorStat{}
	rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT actor_id, events, first_seen, last_seen FROM actor_stats`+in), ids...)
	if err != nil {
		return nil, internal("actors", err)
	}
	for rows.Next() {
		var st ActorStat
		var first, last sql.NullString
		if err := rows.Scan(&st.ID, &st.Events, &first, &last); err != nil {
			rows.Close()
			return nil, internal("actors", err)
		}
		st.FirstSeen, st.LastSeen = first.String, last.String
		stats[st.ID] = &st
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, internal("actors", err)
	}

	// Names, kinds and aliases as written, most frequent first.
	rows, err = s.db.QueryContext(ctx, s.rebind(`SELECT actor_id, kind, name, country, raw, n FROM actor_aliases`+in+`
		ORDER BY actor_id, n DESC, raw`), ids...)
	if err != nil {
		return nil, internal("actors", err)
	}
	defer rows.Close()
	named := map[string]bool{}
	for rows.Next() {
		var id, kind, name, country, raw string
		var n int
		if err := rows.Scan(&id, &kind, &name, &country, &raw, &n); err != nil {
			return nil, internal("actors", err)
		}
		st := stats[id]
		if st == nil {
			continue
		}
		if !named[id] {
			named[id] = true
			st.Kind, st.Name, st.Country = kind, name, country
		}
		st.Mentions += n
		if raw != "" && !contains(st.Aliases, raw) {
			st.Aliases = append(st.Aliases, raw)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, internal("actors", err)
	}
	out := make([]ActorStat, 0, len(stats))
	for _, st := range stats {
		out = append(out, *st)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Events != out[j].Events {
			return out[i].Events > out[j].Events
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// Stats counts the merged events f selects (Limit and Offset are ignored).
func (s *Store) Stats(ctx context.Context, f EventFilter) (*Stats, error) {
	where, args, err := s.where(ctx, f)
	if err != nil {
		return nil, err
	}
	st := &Stats{ByType: []Count{}, ByMonth: []Count{}, ByPair: []Count{}}
	if err := s.db.QueryRowContext(ctx, s.rebind(`SELECT COUNT(*), COALESCE(SUM(e.num_mentions), 0) FROM events e`+where), args...).
		Scan(&st.Events, &st.Mentions); err != nil {
		return nil, internal("stats", err)
	}
	dated := " WHERE e.date IS NOT NULL"
	if where != "" {
		dated = where + " AND e.date IS NOT NULL"
	}
	for _, q := range []struct {
		expr, where string
		out         *[]Count
		byKey       bool
	}{
		{"e.type", where, &st.ByType, false},
		{"SUBSTR(e.date, 1, 7)", dated, &st.ByMonth, true},
		{"e.sides", where, &st.ByPair, false},
	} {
		order := "COUNT(*) DESC, 1"
		if q.byKey {
			order = "1"
		}
		rows, err := s.db.QueryContext(ctx, s.rebind(`SELECT `+q.expr+`, COUNT(*) FROM events e`+q.where+` GROUP BY 1 ORDER BY `+order), args...)
		if err != nil {
			return nil, internal("stats", err)
		}
		for rows.Next() {
			var c Count
			if err := rows.Scan(&c.Key, &c.N); err != nil {
				rows.Close()
				return nil, internal("stats", err)
			}
			*q.out = append(*q.out, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, internal("stats", err)
		}
	}
	return st, nil
}
