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
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"sort"
	"strings"
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
	states  map[string]bool // English names of states, to tell a country from a city
	explain io.Writer       // set by Explain only
}

// New returns an Extractor over the dictionary d.
func New(d *dict.Dictionary) *Extractor {
	x := &Extractor{dict: d, states: map[string]bool{}}
	for _, e := range d.Entries {
		if e.Kind == dict.Country {
			x.states[e.Name] = true
		}
	}
	return x
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

// Extract codes the events of one document.
func (x *Extractor) Extract(doc sukien.Document) Result {
	td := text.Prepare(doc.Text)
	pub, _ := timex.ParseISO(doc.Published)
	c := &docContext{dict: x.dict, pub: pub, named: map[string]bool{}, lastTarget: map[string][]sukien.Actor{}, lastActor: map[string][]sukien.Actor{}, consulted: map[string]bool{}}

	var sents []*sentence
	var kinds []text.Kind
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
	for _, ts := range td.Sentences {
		for _, sp := range chunks(td.Text, ts.Start, ts.End) {
			sents = append(sents, &sentence{idx: len(sents), text: td.Text[sp[0]:sp[1]], start: sp[0],
				lead: ts.Para == leadPara && lastPara > leadPara})
			kinds = append(kinds, ts.Kind)
		}
	}
	for _, s := range sents {
		x.scan(s)
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

	c.anchor = anchorDate(td, pub)
	var drafts []draft
	for i, s := range sents {
		x.findTriggers(s)
		x.assemble(s, c)
		if kinds[i] != text.Body {
			if x.explain != nil {
				x.explainSentence(s, kinds[i], c, nil)
			}
			continue
		}
		ds := splitBilateral(s, x.eventsOf(s, c))
		if x.explain != nil {
			x.explainSentence(s, kinds[i], c, ds)
		}
		x.updateContext(s, c, ds)
		drafts = append(drafts, ds...)
		x.leadersOfDelegations(s, drafts)
	}
	dateAgreementsAtMeetings(drafts)
	merged := mergeDrafts(drafts, x.states)
	res := Result{Doc: td}
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
		sides := countriesOf(a.sides())
		if len(sides) < 2 {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			m := &ds[j]
			if m.ev.Event != "CONSULT" || !m.dateExact || m.date.Day == 0 || before(a.date, m.date) {
				continue
			}
			if maps.Equal(sides, countriesOf(m.sides())) {
				a.date, a.dateRel = m.date, m.dateRel
				break
			}
		}
	}
}

// maxSentence bounds the text read as one sentence: a page with no full
// stops would otherwise make clause analysis quadratic.
const maxSentence = 1500

// chunks cuts an over-long sentence at commas or semicolons.
func chunks(t string, start, end int) [][2]int {
	var out [][2]int
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
func anchorDate(td *text.Doc, pub timex.Date) timex.Date {
	if pub.Precision() < 3 {
		return timex.Date{}
	}
	lo := pub.AddDays(-10)
	hi := pub.AddDays(1)
	for i, ts := range td.Sentences {
		if ts.Kind != text.Body {
			continue
		}
		for _, e := range timex.Find(td.Sentence(i), pub, timex.Date{}) {
			if e.Rel.Kind() == timex.Absolute && e.Date.Precision() == 3 && !before(e.Date, lo) && !before(hi, e.Date) {
				return e.Date
			}
		}
	}
	return timex.Date{}
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
			var all side
			all.add(d.subj...)
			all.add(d.obj...)
			if cs := all.countries(); len(cs) >= 2 {
				paired = true
				c.pair = nil
				var persons []sukien.Actor
				for code := range cs {
					c.pair = append(c.pair, x.countryActor(code))
				}
				sort.Slice(c.pair, func(i, j int) bool { return c.pair[i].Country < c.pair[j].Country })
				for _, a := range all.actors {
					if a.Kind == sukien.KindPerson {
						persons = append(persons, a)
					}
				}
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
			c.consulted[pairKey(d.sides())] = true
		}
		if d.ev.Event == "AGREE" {
			var all side
			all.add(d.subj...)
			all.add(d.obj...)
			c.lastAgreed = nil
			for code := range all.countries() {
				c.lastAgreed = append(c.lastAgreed, x.countryActor(code))
			}
			sort.Slice(c.lastAgreed, func(i, j int) bool { return c.lastAgreed[i].Country < c.lastAgreed[j].Country })
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

// splitBilateral: "lần lượt có cuộc gặp song phương với A và B" is two
// meetings, one with each.
func splitBilateral(s *sentence, ds []draft) []draft {
	var out []draft
	for _, d := range ds {
		if d.ev.Event != "CONSULT" || !bilateral(s) {
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
	t := strings.ToLower(s.text)
	return strings.Contains(t, "song phương") || strings.Contains(t, "lần lượt") || strings.Contains(t, "riêng rẽ")
}

// mergeDrafts joins the sentences of one document that report one event:
// same type, same sides, compatible dates, compatible persons.
func mergeDrafts(ds []draft, states map[string]bool) []draft {
	var out []draft
	for _, d := range ds {
		merged := false
		for i := range out {
			if sameEvent(&out[i], &d) {
				joinDraft(&out[i], &d, states)
				merged = true
				break
			}
		}
		if !merged {
			d.ev.Mentions = 1
			out = append(out, d)
		}
	}
	return out
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

func overlap(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
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
	if sukien.Symmetric(a.ev.Event) {
		sa := countriesOf(a.sides())
		sb := countriesOf(b.sides())
		if !maps.Equal(sa, sb) {
			return false
		}
	} else {
		// Two states condemning one launch are two events.
		if !maps.Equal(countriesOf(a.subj), countriesOf(b.subj)) {
			return false
		}
		ra, rb := countriesOf(a.obj), countriesOf(b.obj)
		if len(ra) > 0 && len(rb) > 0 && !overlap(ra, rb) {
			return false
		}
	}
	if !datesCompatible(a, b) {
		return false
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
func personsCompatible(a, b *draft) bool {
	pa := personsByCountry(a)
	pb := personsByCountry(b)
	for c, na := range pa {
		if nb, ok := pb[c]; ok && !intersects(na, nb) {
			return false
		}
	}
	return true
}

func personsByCountry(d *draft) map[string][]string {
	m := map[string][]string{}
	for _, a := range d.sides() {
		if a.Kind == sukien.KindPerson {
			m[a.Country] = append(m[a.Country], a.Name)
		}
	}
	return m
}

func intersects(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// informative scores a report for choosing the evidence sentence: its own
// date counts most, then named persons. A place does not: the record
// takes it from whichever report names it, and a later report that only
// adds where ("vụ phóng được thực hiện từ khu vực Kusong") tells the event
// less plainly than the first.
func informative(d *draft) int {
	n := 0
	if !d.sent.lead {
		n++
	}
	if d.dateExact {
		n += 2
	}
	for _, a := range d.sides() {
		if a.Kind == sukien.KindPerson {
			n++
			break
		}
	}
	return n
}

func joinDraft(dst, src *draft, states map[string]bool) {
	if informative(src) > informative(dst) {
		dst.sent, dst.trigStart, dst.ev.Trigger = src.sent, src.trigStart, src.ev.Trigger
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
	if !d.date.IsZero() {
		ds := d.date.String()
		ev.Date = &ds
	}
	if ev.Level == "" && sukien.Symmetric(ev.Event) {
		ev.Level = x.levelOf(d.sides(), d.date.String())
	}
	ev.Actor = sideActors(d.subj, nil)
	ev.Recipient = sideActors(d.obj, countriesOf(d.subj))
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
	h := sha1.Sum([]byte(fmt.Sprintf("%s|%d|%s|%d|%s|%s", doc.ID, s.idx, ev.Event, d.trigStart, sideKey(d.subj), sideKey(d.obj))))
	ev.ID = hex.EncodeToString(h[:8])
	return ev
}

func sideKey(as []sukien.Actor) string {
	var ks []string
	for _, a := range as {
		ks = append(ks, a.Country+"/"+a.Name)
	}
	sort.Strings(ks)
	return strings.Join(ks, ",")
}

// levelOf names the rank of a meeting from its persons' offices at the
// date: the highest rank present.
func (x *Extractor) levelOf(as []sukien.Actor, date string) string {
	rank := map[string]int{"leader": 6, "president": 6, "prime_minister": 6, "vice_president": 5,
		"foreign_minister": 5, "defence_minister": 5, "unification_minister": 5, "national_security_adviser": 5,
		"vice_foreign_minister": 4, "nuclear_envoy": 3, "ambassador": 2}
	names := map[int]string{6: "leader", 5: "minister", 4: "vice-minister", 3: "envoy", 2: "ambassador"}
	best := 0
	for _, a := range as {
		if a.Kind != sukien.KindPerson || a.ID == "" {
			continue
		}
		e := x.dict.Lookup(dict.Person, a.ID)
		if e == nil {
			continue
		}
		for _, r := range e.Roles {
			if (date == "" || r.Contains(date)) && rank[r.Code] > best {
				best = rank[r.Code]
			}
		}
	}
	return names[best]
}

// runeCounter turns byte offsets of the original text into character
// offsets, counting on from the last offset asked when it can: events come
// roughly in text order, so a document is scanned about once.
type runeCounter struct{ byteOff, runeOff int }

func (r *runeCounter) offset(td *text.Doc, b int) int {
	if b < r.byteOff {
		r.byteOff, r.runeOff = 0, 0
	}
	b = min(max(b, 0), len(td.Orig))
	r.runeOff += utf8.RuneCountInString(td.Orig[r.byteOff:b])
	r.byteOff = b
	return r.runeOff
}

// sideActors lists persons and organisations, and the bare state only for
// states no person or organisation stands for.
func sideActors(as []sukien.Actor, exclude map[string]bool) []sukien.Actor {
	covered := map[string]bool{}
	for _, a := range as {
		if a.Kind != sukien.KindCountry {
			covered[a.Country] = true
		}
	}
	var out []sukien.Actor
	seen := map[string]bool{}
	for _, a := range as {
		if exclude[a.Country] {
			continue
		}
		if a.Kind == sukien.KindCountry && covered[a.Country] {
			continue
		}
		k := a.Kind + "|" + a.Name + "|" + a.Country
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, a)
	}
	return out
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
	// A state whose person is named is not named again: "Donald Trump
	// (USA) and Moon Jae-in (KOR)", not "South Korea, Donald Trump (USA)".
	names := func(as []sukien.Actor) string {
		withPerson := map[string]bool{}
		for _, a := range as {
			if a.Kind == sukien.KindPerson {
				withPerson[a.Country] = true
			}
		}
		var parts []string
		for _, a := range as {
			switch {
			case a.Kind == sukien.KindPerson && a.Country != "":
				parts = append(parts, a.Name+" ("+a.Country+")")
			case withPerson[a.Country] && a.Kind == sukien.KindCountry:
			default:
				parts = append(parts, a.Name)
			}
		}
		if len(parts) > 1 {
			return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
		}
		return strings.Join(parts, ", ")
	}
	var b strings.Builder
	b.WriteString(names(ev.Actor))
	b.WriteString(" ")
	verb := verbs[ev.Event]
	if len(ev.Recipient) == 0 {
		// Symmetric events list every side as actors: "A and B met".
		verb = strings.TrimSuffix(strings.TrimSuffix(verb, " with"), " to")
	}
	b.WriteString(verb)
	if len(ev.Recipient) > 0 {
		b.WriteString(" ")
		b.WriteString(names(ev.Recipient))
	}
	if ev.Event == "MOBILIZE" && ev.Mode == "weapons" {
		b.WriteString(" weapons (launch or test)")
	}
	if ev.Mode != "" && ev.Event == "CONSULT" {
		b.WriteString(" (" + ev.Mode + ")")
	}
	if ev.Location != nil {
		b.WriteString(" in " + ev.Location.Name)
	}
	if ev.Date != nil {
		b.WriteString(" on " + *ev.Date)
	}
	return strings.TrimSpace(b.String())
}
