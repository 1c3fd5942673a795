// Package extract is the "extract" stage: it reads the sentences of a
// prepared article and codes the events they report as PLOVER records —
// who did what to whom, when and where — with the sentence as evidence.
//
// It works on Vietnamese directly: dictionary phrases are found by
// leftmost-longest matching over syllables, sides are read from the
// clause's shape (subject before the trigger, object and "với" after it,
// places after "tại"), dates from the date grammar of package timex, and
// the document context resolves "hai bên", "ông Cho" and "cùng ngày".
package extract

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"io"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/sukien/sukien"
	"github.com/sukien/sukien/internal/dict"
	"github.com/sukien/sukien/internal/text"
	"github.com/sukien/sukien/internal/timex"
)

// Extractor codes events. Built once from a dictionary; safe for
// concurrent use.
type Extractor struct {
	dict    *dict.Dictionary
	states  map[string]bool          // English names of states, to tell a country from a city
	shorts  map[*dict.Entry][]string // persons' short-form keys (shortsOf), made once
	explain io.Writer                // set by Explain only
}

// New returns an Extractor over the dictionary d.
func New(d *dict.Dictionary) *Extractor {
	x := &Extractor{dict: d, states: map[string]bool{}, shorts: map[*dict.Entry][]string{}}
	for _, e := range d.Entries {
		if e.Kind == dict.Country {
			x.states[e.Name] = true
		}
		if e.Kind == dict.Person {
			x.shorts[e] = shortsOf(e)
		}
	}
	return x
}

// shortsOf returns shortsOf(e), made in New for the dictionary's persons.
// The slice is shared: it is only read.
func (x *Extractor) shortsOf(e *dict.Entry) []string {
	if ss, ok := x.shorts[e]; ok {
		return ss
	}
	return shortsOf(e)
}

// Dict returns the dictionary the extractor uses.
func (x *Extractor) Dict() *dict.Dictionary { return x.dict }

// Result is the outcome of one document.
type Result struct {
	Doc    *text.Doc
	Events []sukien.Event
}

// docContext is what a reader remembers while reading one article.
type docContext struct {
	dict        *dict.Dictionary
	pub, ref    timex.Date
	anchor      timex.Date // the article's own day: its first date near publication
	persons     []personRef
	pair        []sukien.Actor // the sides of the last meeting
	pairPersons []sukien.Actor
	pairFresh   bool // the pair was met in the sentence just read
	lastSubject []sukien.Actor
	lastLaunch  []sukien.Actor
	lastAgreed  []sukien.Actor            // the sides of the last agreement
	lastTarget  map[string][]sukien.Actor // by event type
	lastActor   map[string][]sukien.Actor // by event type
	consulted   map[string]bool           // pairs whose meeting was told
	named       map[string]bool           // states named anywhere in the article
}

// when is the date titles are resolved at ("Tổng thống Hàn Quốc" then).
func (c *docContext) when() string {
	if !c.ref.IsZero() {
		return c.ref.String()
	}
	return c.pub.String()
}

// scratch is the working memory of one Extract call: the sentences with
// their token, cue and mention tables and the document context. Extract
// takes one from scratchPool and gives it back, so that these tables are
// allocated once per worker rather than once per sentence (they were most
// of the ~1,000 allocations and ~230 KB a document cost).
type scratch struct {
	sents  []sentence
	chunks [][2]int // the sentences' spans in the document's text
	kinds  []text.Kind
	leads  []bool
	ctx    docContext
	found  []draft // a sentence's drafts, before splitBilateral
	drafts []draft // the document's drafts
	merged []draft // the drafts merged into events
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxPooled is the most text whose scratch goes back to the pool: a huge
// page must not pin its tables for the life of the process.
const maxPooled = 1 << 20

// Extract codes the events of one document.
func (x *Extractor) Extract(doc sukien.Document) Result {
	td := text.Prepare(doc.Text)
	pub, _ := timex.ParseISO(doc.Published)
	sc := scratchPool.Get().(*scratch)
	defer func() {
		if len(td.Text) <= maxPooled {
			sc.release()
			scratchPool.Put(sc)
		}
	}()
	c := sc.context(pub)
	c.dict = x.dict

	// The lead paragraph sums the story up; the body tells it. Evidence is
	// taken from the body when both report an event.
	leadPara, lastPara := -1, -1
	for _, ts := range td.Sentences {
		if ts.Kind == text.Body {
			if leadPara < 0 {
				leadPara = ts.Para
			}
			lastPara = ts.Para
		}
	}
	sc.chunks, sc.kinds, sc.leads = sc.chunks[:0], sc.kinds[:0], sc.leads[:0]
	for _, ts := range td.Sentences {
		n := len(sc.chunks)
		sc.chunks = appendChunks(sc.chunks, td.Text, ts.Start, ts.End)
		for range sc.chunks[n:] {
			sc.kinds = append(sc.kinds, ts.Kind)
			sc.leads = append(sc.leads, ts.Para == leadPara && lastPara > leadPara)
		}
	}
	// Sentences are values in one slice, sized before any is taken by
	// address: drafts point at them.
	n := len(sc.chunks)
	if cap(sc.sents) < n {
		sc.sents = append(sc.sents[:cap(sc.sents)], make([]sentence, n-cap(sc.sents))...)
	}
	sents, kinds := sc.sents[:n], sc.kinds
	for i, sp := range sc.chunks {
		sents[i].reset(i, td.Text[sp[0]:sp[1]], sp[0], sc.leads[i])
	}
	for i := range sents {
		s := &sents[i]
		x.scan(s)
		if kinds[i] == text.Body {
			// Once per sentence, against no reference date: see refFree.
			s.found = timex.Append(s.found[:0], s.text, pub, timex.Date{})
			s.refFree = refFree(s.found)
		}
		for _, b := range s.bases {
			if e := b.has(dict.Country); e != nil {
				c.named[e.ID] = true
			}
			if e := b.has(dict.Place); e != nil && e.Metonym {
				c.named[e.Country] = true
			}
			if e := b.short(dict.Country); e != nil {
				c.named[e.ID] = true
			}
		}
	}

	c.anchor = anchorDate(td, sents, pub)
	drafts := sc.drafts[:0]
	for i := range sents {
		s := &sents[i]
		x.findTriggers(s)
		x.assemble(s, c)
		if kinds[i] != text.Body {
			if x.explain != nil {
				x.explainSentence(s, kinds[i], c, nil)
			}
			continue
		}
		sc.found = x.eventsOf(s, c, sc.found[:0])
		n := len(drafts)
		drafts = splitBilateral(drafts, s, sc.found)
		ds := drafts[n:]
		if x.explain != nil {
			x.explainSentence(s, kinds[i], c, ds)
		}
		x.updateContext(s, c, ds)
		x.leadersOfDelegations(s, drafts)
	}
	sc.drafts = drafts
	dateAgreementsAtMeetings(drafts)
	merged := mergeDrafts(sc.merged[:0], drafts, x.states)
	sc.merged = merged
	res := Result{Doc: td}
	if len(merged) > 0 {
		res.Events = make([]sukien.Event, 0, len(merged))
	}
	var runes runeCounter
	for _, d := range merged {
		res.Events = append(res.Events, x.record(doc, td, d, &runes))
	}
	return res
}

// dateAgreementsAtMeetings dates an agreement the sentence leaves undated
// by the meeting of the same sides told before it: "the summit in Pyongyang
// on 19/6 ... the two agreed to ..." is one sitting, not the report's day.
func dateAgreementsAtMeetings(ds []draft) {
	for i := range ds {
		a := &ds[i]
		if a.ev.Event != "AGREE" || a.dateExact || a.background {
			continue
		}
		if !severalCountries(a.subj, a.obj) {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			m := &ds[j]
			if m.ev.Event != "CONSULT" || !m.dateExact || m.date.Day == 0 || before(a.date, m.date) {
				continue
			}
			if sameCountries([][]sukien.Actor{a.subj, a.obj}, [][]sukien.Actor{m.subj, m.obj}) {
				a.date, a.dateRel = m.date, m.dateRel
				break
			}
		}
	}
}

// maxSentence bounds the text read as one sentence: a page with no full
// stops would otherwise make clause analysis quadratic.
const maxSentence = 1500

// appendChunks appends the spans of sentence [start, end), cut at commas
// or semicolons when it is over-long.
func appendChunks(out [][2]int, t string, start, end int) [][2]int {
	for end-start > maxSentence {
		cut := -1
		for i := start + maxSentence; i > start+maxSentence/2; i-- {
			if t[i] == ',' || t[i] == ';' {
				cut = i + 1
				break
			}
		}
		if cut < 0 {
			cut = start + maxSentence
			for cut > start && t[cut]&0xC0 == 0x80 {
				cut-- // not inside a character
			}
		}
		out = append(out, [2]int{start, cut})
		for cut < end && t[cut] == ' ' {
			cut++
		}
		start = cut
	}
	if end > start {
		out = append(out, [2]int{start, end})
	}
	return out
}

// anchorDate finds the day the article is about: the first full date in
// its body that falls in the ten days up to publication. Events told
// without a date of their own are dated by it before the month of
// publication is used.
func anchorDate(td *text.Doc, sents []sentence, pub timex.Date) timex.Date {
	if pub.Precision() < 3 {
		return timex.Date{}
	}
	lo := pub.AddDays(-10)
	hi := pub.AddDays(1)
	j := 0 // the first chunk of sentence i
	for i, ts := range td.Sentences {
		for j < len(sents) && sents[j].start < ts.Start {
			j++
		}
		if ts.Kind != text.Body {
			continue
		}
		var found []timex.Expr
		if j < len(sents) && sents[j].start == ts.Start && len(sents[j].text) == ts.End-ts.Start {
			found = sents[j].found // read whole as one chunk already
		} else {
			found = timex.Find(td.Sentence(i), pub, timex.Date{})
		}
		for _, e := range found {
			if e.Rel.Kind() == timex.Absolute && e.Date.Precision() == 3 && !before(e.Date, lo) && !before(hi, e.Date) {
				return e.Date
			}
		}
	}
	return timex.Date{}
}

// refFree reports whether the dates found in a sentence would be the same
// whatever the reference date: timex resolves only SameDay and Anaphoric
// expressions ("cùng ngày", "hai ngày sau đó") against it, and which
// expressions it finds does not depend on it. Most sentences then need one
// timex pass, not the two or three eventsOf asks for.
func refFree(ds []timex.Expr) bool {
	for _, d := range ds {
		if k := d.Rel.Kind(); k == timex.SameDay || k == timex.Anaphoric {
			return false
		}
	}
	return true
}

// context returns the scratch's document context, emptied, for a
// document published on pub.
func (sc *scratch) context(pub timex.Date) *docContext {
	c := &sc.ctx
	clear(c.named)
	clear(c.lastTarget)
	clear(c.lastActor)
	clear(c.consulted)
	*c = docContext{pub: pub, persons: c.persons[:0], named: c.named, lastTarget: c.lastTarget, lastActor: c.lastActor, consulted: c.consulted}
	if c.named == nil {
		c.named, c.lastTarget, c.lastActor, c.consulted = map[string]bool{}, map[string][]sukien.Actor{}, map[string][]sukien.Actor{}, map[string]bool{}
	}
	return c
}

// release drops the scratch's references to the document just read, so
// that the pool does not keep its text alive.
func (sc *scratch) release() {
	for i := range sc.sents {
		s := &sc.sents[i]
		s.text, s.toks.Src, s.lower = "", "", ""
	}
}

func before(a, b timex.Date) bool {
	if a.Year != b.Year {
		return a.Year < b.Year
	}
	if a.Month != b.Month {
		return a.Month < b.Month
	}
	return a.Day < b.Day
}

// updateContext carries the sentence's date, sides and launcher forward.
func (x *Extractor) updateContext(s *sentence, c *docContext, ds []draft) {
	dated, paired := false, false
	c.pairFresh = false
	for _, d := range ds {
		if d.dateExact && (d.dateRel.Kind() == timex.Absolute || d.dateRel.Kind() == timex.Deictic) && d.date.Precision() == 3 && !dated {
			c.ref, dated = d.date, true
		}
		if sukien.Symmetric(d.ev.Event) && !paired && !d.embedded {
			var cb [8]string
			if codes := sortedCountries(cb[:0], d.subj, d.obj); len(codes) >= 2 {
				paired = true
				c.pair = nil
				for _, code := range codes {
					c.pair = append(c.pair, x.countryActor(code))
				}
				persons := sidePersons(d.subj, d.obj)
				c.pairPersons = nil
				if len(persons) >= 2 {
					c.pairPersons = persons
					c.pairFresh = true
				}
			}
		}
		if d.ev.Event == "MOBILIZE" {
			c.lastLaunch = d.subj
		}
		if d.ev.Event == "CONSULT" {
			c.consulted[pairKey(d.subj, d.obj)] = true
		}
		if d.ev.Event == "AGREE" {
			c.lastAgreed = nil
			var cb [8]string
			for _, code := range sortedCountries(cb[:0], d.subj, d.obj) {
				c.lastAgreed = append(c.lastAgreed, x.countryActor(code))
			}
		}
		if len(d.obj) > 0 && !sukien.Symmetric(d.ev.Event) {
			c.lastTarget[d.ev.Event] = d.obj
		}
		if len(d.subj) > 0 {
			c.lastActor[d.ev.Event] = d.subj
		}
		if len(d.subj) > 0 {
			c.lastSubject = d.subj
		}
	}
	if !dated {
		// A sentence that opens with a date ("Ngày 11/5, ...") sets the day
		// even when no event of it was coded; a date deep in the sentence
		// may belong to anything ("thỏa thuận ký ngày 19/9/2018").
		for _, e := range s.dates {
			if e.Start > 60 {
				break
			}
			// "Ngay sáng 27/5, Triều Tiên thông báo ...": a date that opens
			// the sentence moves the story on even as a report's date.
			fronted := e.Start < 16
			if (e.Rel.Kind() == timex.Absolute || e.Rel.Kind() == timex.Deictic) && e.Date.Precision() == 3 && (fronted || !x.reportDate(s, e)) && !x.sinceDate(s, e) {
				c.ref = e.Date
				break
			}
		}
	}
}

// sortedCountries appends the states of the actors to buf, each once, and
// sorts them: the keys of countriesOf in order, without the map.
func sortedCountries(buf []string, lists ...[]sukien.Actor) []string {
	for _, as := range lists {
		for _, a := range as {
			if a.Country != "" && !contains(buf, a.Country) {
				buf = append(buf, a.Country)
			}
		}
	}
	slices.Sort(buf)
	return buf
}

// sidePersons returns the persons of the lists, each once: the persons of
// a side that side.add gave every actor of the lists to (it keeps the first
// actor of a name and state).
func sidePersons(lists ...[]sukien.Actor) []sukien.Actor {
	var persons []sukien.Actor
	for li, as := range lists {
		for ai, a := range as {
			if a.Kind == sukien.KindPerson && !hasActor(a, lists[:li]) && !hasActor(a, [][]sukien.Actor{as[:ai]}) {
				persons = append(persons, a)
			}
		}
	}
	return persons
}

// hasActor reports whether the lists hold an actor of a's name and state,
// the identity side.add goes by.
func hasActor(a sukien.Actor, lists [][]sukien.Actor) bool {
	for _, as := range lists {
		for _, b := range as {
			if b.Name == a.Name && b.Country == a.Country {
				return true
			}
		}
	}
	return false
}

// splitBilateral: "lần lượt có cuộc gặp song phương với A và B" is two
// meetings, one with each.
func splitBilateral(out []draft, s *sentence, ds []draft) []draft {
	bi := -1 // bilateral(s), asked once
	for _, d := range ds {
		if d.ev.Event == "CONSULT" && bi < 0 {
			bi = 0
			if bilateral(s) {
				bi = 1
			}
		}
		if d.ev.Event != "CONSULT" || bi == 0 {
			out = append(out, d)
			continue
		}
		oc := countriesOf(d.obj)
		sc := countriesOf(d.subj)
		if len(sc) != 1 || len(oc) < 2 {
			out = append(out, d)
			continue
		}
		var order []string
		for _, a := range d.obj {
			if a.Country != "" && !contains(order, a.Country) {
				order = append(order, a.Country)
			}
		}
		for _, code := range order {
			e := d
			e.obj = nil
			for _, a := range d.obj {
				if a.Country == code {
					e.obj = append(e.obj, a)
				}
			}
			e.ev.Mode = "visit"
			if d.ev.Mode == "phone" || d.ev.Mode == "video" {
				e.ev.Mode = d.ev.Mode
			}
			out = append(out, e)
		}
	}
	return out
}

func bilateral(s *sentence) bool {
	t := text.ToLower(s.text)
	return strings.Contains(t, "song phương") || strings.Contains(t, "lần lượt") || strings.Contains(t, "riêng rẽ")
}

// mergeDrafts joins the sentences of one document that report one event:
// same type, same sides, compatible dates, compatible persons.
//
// Every report is compared with every event so far, so a page of thousands
// of distinct events costs their square; the sameEvent calls are screened
// by a hash of the states they must share (sidesHash), which merging does
// not change, so that this costs nanoseconds a pair.
func mergeDrafts(out []draft, ds []draft, states map[string]bool) []draft {
	var hb [64]uint64
	hashes := hb[:0] // sidesHash of out[i]
	for _, d := range ds {
		merged := false
		h := sidesHash(&d)
		for i := range out {
			if hashes[i] == h && sameEvent(&out[i], &d) {
				joinDraft(&out[i], &d, states)
				merged = true
				break
			}
		}
		if !merged {
			d.ev.Mentions = 1
			out = append(out, d)
			hashes = append(hashes, h)
		}
	}
	return out
}

// sidesHash hashes what sameEvent requires two reports to share: the
// event type, the background flag and the set of states of the sides
// (of the subject only for directed events). Merging a report into an
// event keeps all three, since the states it adds are the same set.
func sidesHash(d *draft) uint64 {
	h := fnv64(d.ev.Event)
	if d.background {
		h = ^h
	}
	lists := [][]sukien.Actor{d.subj, d.obj}
	if !sukien.Symmetric(d.ev.Event) {
		lists = lists[:1]
	}
	for li, as := range lists {
		for ai, a := range as {
			if a.Country == "" || hasCountry(a.Country, lists[:li]) || hasCountry(a.Country, [][]sukien.Actor{as[:ai]}) {
				continue // counted already: the set's hash is a sum over its members
			}
			h += fnv64(a.Country) * 0x9e3779b97f4a7c15
		}
	}
	return h
}

func fnv64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

func countriesOf(as []sukien.Actor) map[string]bool {
	m := map[string]bool{}
	for _, a := range as {
		if a.Country != "" {
			m[a.Country] = true
		}
	}
	return m
}

// The set operations below are countriesOf's maps compared, done on the
// short actor lists themselves: merging compares every pair of reports,
// and the maps were most of its cost.

// hasCountry reports whether an actor of the lists is of state c.
func hasCountry(c string, lists [][]sukien.Actor) bool {
	for _, as := range lists {
		for _, a := range as {
			if a.Country == c {
				return true
			}
		}
	}
	return false
}

// sameCountries reports whether the actors of a and of b are of the same
// set of states: countriesOf of each list joined, compared.
func sameCountries(a, b [][]sukien.Actor) bool {
	return countriesIn(a, b) && countriesIn(b, a)
}

// countriesIn reports whether every state of a is one of b.
func countriesIn(a, b [][]sukien.Actor) bool {
	for _, as := range a {
		for _, x := range as {
			if x.Country != "" && !hasCountry(x.Country, b) {
				return false
			}
		}
	}
	return true
}

// severalCountries reports whether the lists name two states or more.
func severalCountries(lists ...[]sukien.Actor) bool {
	first := ""
	for _, as := range lists {
		for _, a := range as {
			switch {
			case a.Country == "":
			case first == "":
				first = a.Country
			case a.Country != first:
				return true
			}
		}
	}
	return false
}

// anyCountry reports whether an actor of as has a state.
func anyCountry(as []sukien.Actor) bool {
	for _, a := range as {
		if a.Country != "" {
			return true
		}
	}
	return false
}

// shareCountry reports whether a state has actors in both a and b.
func shareCountry(a, b []sukien.Actor) bool {
	for _, x := range a {
		if x.Country != "" && hasCountry(x.Country, [][]sukien.Actor{b}) {
			return true
		}
	}
	return false
}

func sameEvent(a, b *draft) bool {
	if a.ev.Event != b.ev.Event || a.background != b.background {
		// "Trước đó, ...": an earlier occasion is another event.
		return false
	}
	// Dates first: the cheapest test, and the one that tells apart the
	// many reports of one kind by the same sides a long page may hold.
	if !datesCompatible(a, b) {
		return false
	}
	if sukien.Symmetric(a.ev.Event) {
		if !sameCountries([][]sukien.Actor{a.subj, a.obj}, [][]sukien.Actor{b.subj, b.obj}) {
			return false
		}
	} else {
		// Two states condemning one launch are two events.
		if !sameCountries([][]sukien.Actor{a.subj}, [][]sukien.Actor{b.subj}) {
			return false
		}
		if anyCountry(a.obj) && anyCountry(b.obj) && !shareCountry(a.obj, b.obj) {
			return false
		}
	}
	// Persons tell meetings apart; a state's condemnation voiced by its
	// leader and by its spokesman is still one condemnation.
	return !sukien.Symmetric(a.ev.Event) || personsCompatible(a, b)
}

func datesCompatible(a, b *draft) bool {
	if a.date == b.date {
		return true
	}
	if a.dateExact && b.dateExact {
		return false
	}
	// A report dated only by its context joins a dated report of the same
	// month: "lần lượt điện đàm với A, B và C ... Ngày 10/6, điện đàm với C".
	if a.dateExact != b.dateExact && a.date.Year == b.date.Year && a.date.Month == b.date.Month {
		return true
	}
	return a.date.Contains(b.date) || b.date.Contains(a.date) || !a.dateExact && !b.dateExact && a.date.Year == b.date.Year && a.date.Month == b.date.Month
}

// personsCompatible: two reports with different named persons for the same
// state are two meetings.
// Persons are compared state by state on the lists themselves, for the
// reason given above sameCountries.
func personsCompatible(a, b *draft) bool {
	as, bs := [][]sukien.Actor{a.subj, a.obj}, [][]sukien.Actor{b.subj, b.obj}
	for _, l := range as {
		for _, p := range l {
			if p.Kind != sukien.KindPerson {
				continue
			}
			// b names a person of p's state, and none of them is one of
			// a's persons of that state.
			inB, shared := false, false
			for _, lb := range bs {
				for _, q := range lb {
					if q.Kind != sukien.KindPerson || q.Country != p.Country {
						continue
					}
					inB = true
					shared = shared || namedPerson(q.Name, p.Country, as)
				}
			}
			if inB && !shared {
				return false
			}
		}
	}
	return true
}

// namedPerson reports whether the lists hold a person called name of
// state country.
func namedPerson(name, country string, lists [][]sukien.Actor) bool {
	for _, as := range lists {
		for _, a := range as {
			if a.Kind == sukien.KindPerson && a.Country == country && a.Name == name {
				return true
			}
		}
	}
	return false
}

// informative scores a report for choosing the evidence sentence. The
// body tells what the lead sums up; a report with its own date tells when;
// then one that tells the act as its clause's predicate ("Triều Tiên đã
// phóng", "tiến hành vụ phóng") rather than as a noun inside something
// else ("phát hiện vụ phóng của Triều Tiên") or a passive; one in plain
// words rather than words that only imply it ("đồng tình rằng cần ...");
// one that names the persons. A place does not count: the record takes it
// from whichever report names it, and a later report that only adds where
// ("vụ phóng được thực hiện từ khu vực Kusong") tells the event less
// plainly than the first.
func informative(d *draft) int {
	n := 0
	if !d.sent.lead {
		n += 2
	}
	if d.predicate {
		n++
	}
	if !d.weak {
		n++
	}
	if d.dateExact {
		n += 3
	}
	for _, a := range d.sides() {
		if a.Kind == sukien.KindPerson {
			return n + 1
		}
	}
	return n
}

// evidenceScore is informative(d) for d's own report, kept once taken.
func (d *draft) evidenceScore() int {
	if !d.scored {
		d.score, d.scored = informative(d), true
	}
	return d.score
}

func joinDraft(dst, src *draft, states map[string]bool) {
	if si := src.evidenceScore(); si > dst.evidenceScore() {
		dst.sent, dst.trigStart, dst.ev.Trigger, dst.score = src.sent, src.trigStart, src.ev.Trigger, si
	}
	dst.ev.Mentions++
	var s, o side
	s.add(dst.subj...)
	s.add(src.subj...)
	o.add(dst.obj...)
	o.add(src.obj...)
	if sukien.Symmetric(dst.ev.Event) {
		// Keep each state on one side only, with its persons.
		sc := s.countries()
		var o2 side
		for _, a := range o.actors {
			if sc[a.Country] {
				s.add(a)
			} else {
				o2.add(a)
			}
		}
		o = o2
	}
	dst.subj, dst.obj = s.actors, o.actors
	if !dst.dateExact && src.dateExact {
		dst.date, dst.dateExact = src.date, true
	} else if dst.dateExact == src.dateExact && src.date.Precision() > dst.date.Precision() && dst.date.Contains(src.date) {
		dst.date = src.date
	}
	// A city beats its country: "tại Hàn Quốc" ... "tại Gyeongju".
	if dst.ev.Location == nil || src.ev.Location != nil && states[dst.ev.Location.Name] && !states[src.ev.Location.Name] {
		dst.ev.Location = src.ev.Location
	}
	if dst.ev.Channel == "" {
		dst.ev.Channel, dst.ev.Level = src.ev.Channel, src.ev.Level
	}
	// A call told twice: the report that says "điện đàm" knows the mode.
	if dst.ev.Event == "CONSULT" && (src.ev.Mode == "phone" || src.ev.Mode == "video") && dst.ev.Mode != src.ev.Mode {
		dst.ev.Mode, dst.ev.Cameo = src.ev.Mode, src.ev.Cameo
	}
}

// record turns a draft into the output record.
func (x *Extractor) record(doc sukien.Document, td *text.Doc, d draft, runes *runeCounter) sukien.Event {
	ev := d.ev
	ev.Doc = doc.ID
	var date string // "" for the zero date
	if !d.date.IsZero() {
		date = d.date.String()
		ev.Date = &date
	}
	if ev.Level == "" && sukien.Symmetric(ev.Event) {
		ev.Level = x.levelOf(date, d.subj, d.obj)
	}
	ev.Actor = sideActors(d.subj, nil)
	ev.Recipient = sideActors(d.obj, d.subj)
	if sukien.Symmetric(ev.Event) && len(ev.Actor) == 0 {
		ev.Actor, ev.Recipient = ev.Recipient, nil
	}
	if ev.Actor == nil {
		ev.Actor = []sukien.Actor{}
	}
	if ev.Recipient == nil {
		ev.Recipient = []sukien.Actor{}
	}
	s := d.sent
	ev.Sentence = s.text
	os, oe := td.OrigSpan(s.start, s.start+len(s.text))
	ev.Start, ev.End = runes.offset(td, os), runes.offset(td, oe)
	ev.Confidence = confidence(d)
	ev.Summary = summary(ev)
	// Unique within the document: one trigger may yield one event per
	// counterpart ("lần lượt gặp A và B").
	// The key is doc|sentence|type|trigger|subject key|object key, built
	// in place (fmt.Sprintf and the side keys' strings were a third of
	// record's allocations).
	var kb [256]byte
	key := append(kb[:0], doc.ID...)
	key = append(key, '|')
	key = strconv.AppendInt(key, int64(s.idx), 10)
	key = append(key, '|')
	key = append(key, ev.Event...)
	key = append(key, '|')
	key = strconv.AppendInt(key, int64(d.trigStart), 10)
	key = append(key, '|')
	key = appendSideKey(key, d.subj)
	key = append(key, '|')
	key = appendSideKey(key, d.obj)
	h := sha1.Sum(key)
	ev.ID = hex.EncodeToString(h[:8])
	return ev
}

// appendSideKey appends the key of a side: its actors' "country/name",
// sorted as strings, joined by commas, so that it does not depend on the
// order the actors were read in.
func appendSideKey(b []byte, as []sukien.Actor) []byte {
	var ib [16]int
	idx := ib[:0]
	for i := range as {
		idx = append(idx, i)
		// Insertion sort: a side is a few actors.
		for j := len(idx) - 1; j > 0 && actorKeyLess(as[idx[j]], as[idx[j-1]]); j-- {
			idx[j], idx[j-1] = idx[j-1], idx[j]
		}
	}
	for k, i := range idx {
		if k > 0 {
			b = append(b, ',')
		}
		b = appendActorKey(b, as[i])
	}
	return b
}

func appendActorKey(b []byte, a sukien.Actor) []byte {
	return append(append(append(b, a.Country...), '/'), a.Name...)
}

// actorKeyLess compares the keys as strings ("AB/x" against "AB-/y" is not
// a comparison of countries first).
func actorKeyLess(a, b sukien.Actor) bool {
	var ab, bb [128]byte
	return bytes.Compare(appendActorKey(ab[:0], a), appendActorKey(bb[:0], b)) < 0
}

// levelOf names the rank of a meeting from its persons' offices at the
// date: the highest rank present.
func (x *Extractor) levelOf(date string, sides ...[]sukien.Actor) string {
	best := 0
	for _, as := range sides {
		for _, a := range as {
			if a.Kind != sukien.KindPerson || a.ID == "" {
				continue
			}
			e := x.dict.Lookup(dict.Person, a.ID)
			if e == nil {
				continue
			}
			for _, r := range e.Roles {
				if (date == "" || r.Contains(date)) && roleRank[r.Code] > best {
					best = roleRank[r.Code]
				}
			}
		}
	}
	return rankLevel[best]
}

var (
	roleRank = map[string]int{"leader": 6, "president": 6, "prime_minister": 6, "vice_president": 5,
		"foreign_minister": 5, "defence_minister": 5, "unification_minister": 5, "national_security_adviser": 5,
		"vice_foreign_minister": 4, "nuclear_envoy": 3, "ambassador": 2}
	rankLevel = map[int]string{6: "leader", 5: "minister", 4: "vice-minister", 3: "envoy", 2: "ambassador"}
)

// runeCounter turns byte offsets of the original text into character
// offsets, counting on from the last offset asked when it can: events come
// roughly in text order, so a document is scanned about once. Going back,
// it counts back from there rather than from the start when that gives the
// same number: when the state counted the whole prefix (not split inside a
// character) and the new offset splits no character either.
type runeCounter struct {
	byteOff, runeOff int
	split            bool // runeOff was counted in pieces cut inside a character
}

// count is utf8.RuneCountInString(s[i:j]), s being valid UTF-8 when valid
// is set. A piece of valid UTF-8 cut at character starts is valid too, and
// its characters are its bytes but continuation bytes, counted eight at a
// time (utf8's count was two percent of the time).
func (r *runeCounter) count(s string, valid bool, i, j int) int {
	if !valid || !clean(s, i) || !clean(s, j) {
		return utf8.RuneCountInString(s[i:j])
	}
	p := s[i:j]
	cont := 0
	k := 0
	for ; k+8 <= len(p); k += 8 {
		q := p[k : k+8]
		x := uint64(q[0]) | uint64(q[1])<<8 | uint64(q[2])<<16 | uint64(q[3])<<24 |
			uint64(q[4])<<32 | uint64(q[5])<<40 | uint64(q[6])<<48 | uint64(q[7])<<56
		// A continuation byte is 10xxxxxx: bit 7 set, bit 6 (shifted to 7) clear.
		cont += bits.OnesCount64(x &^ (x << 1) & 0x8080808080808080)
	}
	for ; k < len(p); k++ {
		if p[k]&0xC0 == 0x80 {
			cont++
		}
	}
	return len(p) - cont
}

func (r *runeCounter) offset(td *text.Doc, b int) int {
	b = min(max(b, 0), len(td.Orig))
	if b < r.byteOff {
		if !r.split && clean(td.Orig, b) {
			r.runeOff -= r.count(td.Orig, td.ValidOrig, b, r.byteOff)
			r.byteOff = b
			return r.runeOff
		}
		r.byteOff, r.runeOff, r.split = 0, 0, false
	}
	// Counting the prefix in two pieces counts it whole unless the cut is
	// inside a character (its pieces then count as invalid bytes).
	r.split = r.split || !clean(td.Orig, r.byteOff)
	r.runeOff += r.count(td.Orig, td.ValidOrig, r.byteOff, b)
	r.byteOff = b
	return r.runeOff
}

// clean reports whether cutting s at i leaves every character whole, or
// at least is not inside a valid UTF-8 sequence (a continuation byte is
// taken as possibly inside one).
func clean(s string, i int) bool {
	return i == 0 || i >= len(s) || utf8.RuneStart(s[i])
}

// sideActors lists persons and organisations, and the bare state only for
// states no person or organisation stands for.
// States in exclude (the other side's) are left out. The sets are looked
// up in the short lists themselves rather than in maps built per record.
func sideActors(as []sukien.Actor, exclude []sukien.Actor) []sukien.Actor {
	covered := func(c string) bool {
		for _, a := range as {
			if a.Kind != sukien.KindCountry && a.Country == c {
				return true
			}
		}
		return false
	}
	var out []sukien.Actor
next:
	for _, a := range as {
		if a.Country != "" && hasCountry(a.Country, [][]sukien.Actor{exclude}) {
			continue
		}
		if a.Kind == sukien.KindCountry && covered(a.Country) {
			continue
		}
		for _, b := range out {
			if sameActorKey(a, b) {
				continue next
			}
		}
		out = append(out, a)
	}
	return out
}

// sameActorKey reports whether a.Kind+"|"+a.Name+"|"+a.Country equals the
// same string of b, without building them.
func sameActorKey(a, b sukien.Actor) bool {
	if a.Kind == b.Kind && a.Name == b.Name && a.Country == b.Country {
		return true
	}
	if len(a.Kind)+len(a.Name)+len(a.Country) != len(b.Kind)+len(b.Name)+len(b.Country) {
		return false
	}
	key := func(buf []byte, a sukien.Actor) []byte {
		return append(append(append(append(append(buf, a.Kind...), '|'), a.Name...), '|'), a.Country...)
	}
	var ab, bb [128]byte
	return bytes.Equal(key(ab[:0], a), key(bb[:0], b))
}

func confidence(d draft) float64 {
	c := 0.5
	if d.dateExact {
		c += 0.2
	}
	if len(d.obj) > 0 || sukien.Symmetric(d.ev.Event) {
		c += 0.2
	}
	if d.ev.Mentions > 1 {
		c += 0.1
	}
	return c
}

var verbs = map[string]string{
	"CONSULT": "consulted with", "AGREE": "agreed with", "SUPPORT": "supported", "CONCEDE": "conceded to",
	"COOPERATE": "cooperated with", "AID": "aided", "RETREAT": "retreated from", "REQUEST": "made a request of",
	"ACCUSE": "criticised", "REJECT": "rejected", "THREATEN": "threatened", "PROTEST": "protested against",
	"SANCTION": "sanctioned", "MOBILIZE": "mobilised", "COERCE": "coerced", "ASSAULT": "attacked",
}

// summary writes a one-line English gloss of a record.
func summary(ev sukien.Event) string {
	var b strings.Builder
	b.Grow(128)
	writeNames(&b, ev.Actor)
	b.WriteString(" ")
	verb := verbs[ev.Event]
	if len(ev.Recipient) == 0 {
		// Symmetric events list every side as actors: "A and B met".
		verb = strings.TrimSuffix(strings.TrimSuffix(verb, " with"), " to")
	}
	b.WriteString(verb)
	if len(ev.Recipient) > 0 {
		b.WriteString(" ")
		writeNames(&b, ev.Recipient)
	}
	if ev.Event == "MOBILIZE" && ev.Mode == "weapons" {
		b.WriteString(" weapons (launch or test)")
	}
	if ev.Mode != "" && ev.Event == "CONSULT" {
		b.WriteString(" (")
		b.WriteString(ev.Mode)
		b.WriteString(")")
	}
	if ev.Location != nil {
		b.WriteString(" in ")
		b.WriteString(ev.Location.Name)
	}
	if ev.Date != nil {
		b.WriteString(" on ")
		b.WriteString(*ev.Date)
	}
	return strings.TrimSpace(b.String())
}

// writeNames writes "A, B and C". A state whose person is named is not
// named again: "Donald Trump (USA) and Moon Jae-in (KOR)", not "South
// Korea, Donald Trump (USA)".
func writeNames(b *strings.Builder, as []sukien.Actor) {
	named := func(a sukien.Actor) bool {
		if a.Kind == sukien.KindPerson && a.Country != "" || a.Kind != sukien.KindCountry {
			return true
		}
		for _, p := range as {
			if p.Kind == sukien.KindPerson && p.Country == a.Country {
				return false
			}
		}
		return true
	}
	n := 0
	for _, a := range as {
		if named(a) {
			n++
		}
	}
	k := 0
	for _, a := range as {
		if !named(a) {
			continue
		}
		switch {
		case k == 0:
		case k == n-1:
			b.WriteString(" and ")
		default:
			b.WriteString(", ")
		}
		k++
		b.WriteString(a.Name)
		if a.Kind == sukien.KindPerson && a.Country != "" {
			b.WriteString(" (")
			b.WriteString(a.Country)
			b.WriteString(")")
		}
	}
}
