package extract

import (
	"slices"
	"strconv"
	"strings"

	"github.com/sukien/sukien"
	"github.com/sukien/sukien/internal/dict"
	"github.com/sukien/sukien/internal/text"
	"github.com/sukien/sukien/internal/timex"
)

// side collects the actors of one side of an event.
type side struct {
	actors []sukien.Actor
	viaCua bool // found only as a possessor
}

func (sd *side) add(as ...sukien.Actor) {
	for _, a := range as {
		dup := false
		for _, b := range sd.actors {
			if b.Name == a.Name && b.Country == a.Country {
				dup = true
				break
			}
		}
		if !dup {
			sd.actors = append(sd.actors, a)
		}
	}
}

func (sd *side) countries() map[string]bool {
	m := map[string]bool{}
	for _, a := range sd.actors {
		if a.Country != "" {
			m[a.Country] = true
		}
	}
	return m
}

// statesOnly is the role of a pair that names states, not persons.
const statesOnly = "states"

// resolve gives the actors of a mention, using the document context for
// pairs, anaphors and incidents.
func (c *docContext) resolve(m *mention) []sukien.Actor {
	switch m.kind {
	case mPair:
		if len(m.near) > 0 {
			return m.near
		}
		// "Hai bên" right after a meeting of two named persons are they;
		// later it is their states.
		personal := m.role != "" && m.role != statesOnly || m.role == "" && c.pairFresh
		if personal && len(c.pair) > 0 {
			if ps := c.personsOfPair(m.role); len(ps) > 0 {
				// "Các nhà lãnh đạo" after a meeting of six: the persons
				// named and the states of the others.
				return withStates(ps, c.pair)
			}
		}
		if len(c.pairPersons) > 0 && personal {
			if m.count == 0 {
				return withStates(c.pairPersons, c.pair)
			}
			return c.pairPersons
		}
		if len(c.pair) == 0 {
			// No meeting told yet: "hai nhà lãnh đạo" are the last two
			// persons of two states named.
			return c.lastTwoPersons()
		}
		return c.pair
	case mAnaphor:
		if len(m.near) > 0 {
			return m.near
		}
		return c.lastSubject
	case mIncident:
		return c.lastLaunch
	case mAgreed:
		return c.lastAgreed
	}
	return m.actors
}

// personsOfPair picks, for each state of the last meeting, the person a
// pair noun means: of the persons named at the meeting, else of those the
// article named for that state (latest first), one who holds the office
// the noun names ("hai nhà lãnh đạo" are the leaders, not a leader's
// spouse), else the first. States with nobody named are left out.
func (c *docContext) personsOfPair(role string) []sukien.Actor {
	var out []sukien.Actor
	for _, st := range c.pair {
		var cands []sukien.Actor
		for _, p := range c.pairPersons {
			if p.Country == st.Country {
				cands = append(cands, p)
			}
		}
		if len(cands) == 0 {
			for i := len(c.persons) - 1; i >= 0; i-- {
				if p := c.persons[i].actor; p.Country == st.Country && p.Kind == sukien.KindPerson {
					cands = append(cands, p)
				}
			}
		}
		if len(cands) == 0 {
			continue
		}
		pick := cands[0]
		if isOffice(role) && c.dict != nil {
			for _, p := range cands {
				if c.dict.HeldBy(role, p.Country, p.ID) {
					pick = p
					break
				}
			}
		}
		out = append(out, pick)
	}
	if len(out) < 2 && len(out) < len(c.pair) {
		return nil
	}
	return out
}

// withStates returns persons plus the actors of states none of them is of.
func withStates(persons, states []sukien.Actor) []sukien.Actor {
	out := append([]sukien.Actor(nil), persons...)
	for _, a := range states {
		covered := false
		for _, p := range out {
			covered = covered || p.Country == a.Country
		}
		if !covered {
			out = append(out, a)
		}
	}
	return out
}

// lastTwoPersons returns the last two persons of different states named.
func (c *docContext) lastTwoPersons() []sukien.Actor {
	var out []sukien.Actor
	for i := len(c.persons) - 1; i >= 0 && len(out) < 2; i-- {
		a := c.persons[i].actor
		if a.Country != "" && (len(out) == 0 || out[0].Country != a.Country) {
			out = append(out, a)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// subjectOf finds the sides named before the trigger. First the noun
// phrase right before it, over adverbs, dates and a reporting verb ("Nhật
// Bản mạnh mẽ lên án", "Kim Gunn ngày 6/4 đã gặp", "Ông Moon cho biết sẵn
// sàng"), with its coordinated states ("Hàn Quốc và Trung Quốc"); failing
// that, the nearest segment that names someone.
func (x *Extractor) subjectOf(s *sentence, c *docContext, cs, ts int) side {
	if sd := x.immediateSubject(s, c, cs, ts); len(sd.actors) > 0 {
		x.addSpeaker(s, c, cs, ts, &sd, false)
		return sd
	}
	// "..., đồng thời hoan nghênh ...": a clause opened by a coordinator
	// shares the subject of the clause before it.
	if cs > 0 && s.isBoundary(cs) && s.hasActorBetween(cs, ts) < 0 {
		pcs, _ := s.clauseBounds(cs - 1)
		end := cs
		for _, u := range s.trigs {
			// "Tại cuộc gặp, ông Lee đánh giá ...": an occasion is no verb.
			if u.start >= pcs && u.start < cs && s.cueBefore(u.start)&cBackref == 0 {
				end = u.start // the subject of the clause's own verb
				break
			}
		}
		// "X nhấn mạnh [Y đang ...], đồng thời nhất trí ...": the verbs
		// coordinated are the reporter's.
		if end == cs {
			for k := pcs; k < cs; k++ {
				if s.cues[k].bits&(cReporting|cOpinion) != 0 && s.mentAt[k] < 0 && s.hasActorBetween(pcs, k) >= 0 {
					end = k
					break
				}
			}
		}
		if sd := x.subjectOf(s, c, pcs, end); len(sd.actors) > 0 {
			return sd
		}
	}
	// "ông Lee đánh giá [X và Y] là tín hiệu tích cực, và đề nghị ...":
	// the predicate after ", và" shares the subject of the first verb, not
	// the names inside its object.
	for k := ts - 1; k > cs; k-- {
		if s.word(k) == "và" && s.mentAt[k] < 0 && s.toks.T[k].Break && strings.Contains(s.toks.Gap(k), ",") {
			for r := cs; r < k; r++ {
				if s.cues[r].bits&(cReporting|cOpinion) != 0 && s.mentAt[r] < 0 {
					if sd := x.immediateSubject(s, c, cs, r); len(sd.actors) > 0 {
						return sd
					}
					break
				}
			}
			break
		}
	}
	var sd side
	lo := cs
	if r := s.lastCue(cs, ts, cReporting); r >= 0 && r < ts {
		if x.collect(s, c, r, ts, &sd, false); len(sd.actors) > 0 {
			return sd
		}
		// "Ông trình bày các biện pháp của Chính phủ Hàn Quốc công bố hôm
		// trước, như lệnh cấm vận": who announced it stands right before
		// the verb, not before an earlier one.
		rs := r - 1
		for rs > cs && s.cues[rs].bits&cReporting == 0 {
			rs--
		}
		if rs > cs && s.hasCue(cs, rs, cReporting) >= 0 {
			if im := x.immediateSubject(s, c, cs, rs); len(im.actors) > 0 {
				return im
			}
		}
		// "Bộ Ngoại giao Hàn Quốc cho biết sẽ ...": the reporter acts.
		hi := r
		for k := r - 1; k >= cs; k-- {
			if s.cues[k].bits&cReporting != 0 {
				hi = k
				break
			}
		}
		for seg := hi; seg > lo && len(sd.actors) == 0; {
			st := s.segmentStart(lo, seg-1)
			x.collect(s, c, st, seg, &sd, false)
			seg = st
		}
		return sd
	}
	// "Kim Jong-il, cha của ông Kim Jong-un, đã thăm Nga": a segment that
	// names someone only as an owner ("của") describes the subject before
	// it; it is the subject only when no earlier segment names one.
	for _, skipOwners := range []bool{true, false} {
		for seg := ts; seg > lo && len(sd.actors) == 0; {
			st := s.segmentStart(lo, seg-1)
			if !skipOwners || !s.ownersOnly(st, seg) {
				x.collect(s, c, st, seg, &sd, false)
			}
			seg = st
		}
	}
	return sd
}

// ownersOnly reports whether [i, j) names someone, and each name follows
// "của".
func (s *sentence) ownersOnly(i, j int) bool {
	named := false
	for k := i; k < j; k++ {
		mi := s.mentAt[k]
		if mi < 0 {
			continue
		}
		m := &s.mentions[mi]
		if m.start == 0 || s.word(m.start-1) != "của" {
			return false
		}
		named = true
		k = m.end - 1
	}
	return named
}

// addSpeaker: "Bộ trưởng Blinken cho biết Washington tích cực ủng hộ ...":
// the official who speaks for a state is a person of its side.
//
// With withPerson, the speaker is added next to a person already on the
// side: "Ông Suga thông báo rằng Thủ tướng Abe ... lên án" is a protest
// voiced by both.
func (x *Extractor) addSpeaker(s *sentence, c *docContext, cs, ts int, sd *side, withPerson bool) {
	r := -1
	// "Suga cho biết, ... và Nhật Bản mạnh mẽ lên án": the speaker may
	// stand before the clause; only a person of the subject's state is added.
	for k := ts - 1; k >= 0; k-- {
		if s.cues[k].bits&cReporting != 0 && s.mentAt[k] < 0 {
			r = k
			break
		}
	}
	if r <= 0 {
		return
	}
	if !withPerson {
		for _, a := range sd.actors {
			if a.Kind == sukien.KindPerson {
				return
			}
		}
	}
	// "ông Park cũng khẳng định", "Hayashi ngày 12/7 thông báo": adverbs
	// and a date may stand between.
	k := r - 1
	for k > 0 && k > r-8 && s.mentAt[k] < 0 && (adverbs[s.word(k)] || s.inDate(k)) {
		k--
	}
	mi := s.mentAt[k]
	if mi < 0 {
		return
	}
	m := &s.mentions[mi]
	if m.kind != mPerson || len(m.actors) == 0 {
		return
	}
	p := m.actors[0]
	if sd.countries()[p.Country] {
		sd.add(p)
	}
}

// addLeadPerson: "Ông Tập cũng giữ nguyên quan điểm của Bắc Kinh phản đối
// ...", "Choe vừa dẫn đầu phái đoàn Triều Tiên có cuộc gặp ...": the person
// a clause begins with acts for the state found as its actor.
func addLeadPerson(s *sentence, cs, ts int, sd *side) {
	lo := cs
	if r := s.lastCue(cs, ts, cReporting); r >= 0 {
		lo = r
	}
	for k := lo; k < ts; k++ {
		mi := s.mentAt[k]
		if mi < 0 {
			continue
		}
		m := &s.mentions[mi]
		if m.kind != mPerson || len(m.actors) == 0 || m.actors[0].Kind != sukien.KindPerson {
			return
		}
		p := m.actors[0]
		if sd.countries()[p.Country] && !hasPersonOf(p.Country, sd.actors) {
			sd.add(p)
		}
		return
	}
}

// skippable words between a subject and its verb.
var adverbs = map[string]bool{
	"đã": true, "đang": true, "sẽ": true, "cũng": true, "vừa": true, "mới": true, "đều": true, "lại": true,
	"còn": true, "luôn": true, "mạnh": true, "mẽ": true, "nhanh": true, "chóng": true, "lên": true, "tiếng": true,
	"chính": true, "thức": true, "tiếp": true, "tục": true, "bất": true, "ngờ": true, "trực": true,
	"cùng": true, "có": true, "tổ": true, "chức": true, "tiến": true, "hành": true, "thực": true, "hiện": true,
	"lập": true, "tức": true, "ngay": true, "sau": true, "đó": true, "vẫn": true, "từng": true, "khẳng": true,
	"định": true, "một": true, "lần": true, "nữa": true, "hôm": true, "nay": true, "qua": true, "thì": true,
	"tích": true, "cực": true, "công": true, "khai": true, "tái": true, "được": true, "cho": true, "là": true,
	"kiên": true, "quyết": true, "dứt": true, "khoát": true, "rất": true, "hết": true, "sức": true, "vốn": true,
}

// immediateSubject walks left from a trigger to the noun phrase before it.
func (x *Extractor) immediateSubject(s *sentence, c *docContext, cs, ts int) side {
	var sd side
	skipped := 0
	k := ts - 1
	for k >= cs {
		if s.toks.T[k+1].Break && k+1 < ts && !s.inDate(k+1) {
			gap := s.toks.Gap(k + 1)
			if (!strings.ContainsAny(gap, "()") || strings.Contains(gap, ",")) && !s.listComma(k+1) {
				break
			}
		}
		if s.inTopic(k) {
			k--
			continue
		}
		if mi := s.mentAt[k]; mi >= 0 {
			m := &s.mentions[mi]
			if m.isLocation || m.kind == mPlace && m.place != nil && !m.place.Metonym || m.kind == mIncident || m.kind == mAgreed {
				break
			}
			if m.media() || m.isDest {
				// "Hãng Yonhap cho biết ...": outlets report, they take no
				// side; "đến Mátxcơva để thảo luận": a destination is no
				// subject.
				k = m.start - 1
				continue
			}
			sd.add(c.resolve(m)...)
			// Coordinated: "Hàn Quốc và Trung Quốc", "Hàn Quốc, Mỹ và Nhật".
			j := m.start - 1
			if j >= cs && (s.word(j) == "và" || s.word(j) == "cùng" || s.listComma(m.start)) {
				if s.listComma(m.start) {
					j = m.start
				}
				if pj := j - 1; pj >= cs && s.mentAt[pj] >= 0 {
					pm := &s.mentions[s.mentAt[pj]]
					// "các nghị quyết của Liên Hợp Quốc và Nhật Bản lên án": an
					// organisation owning a noun is not coordinated with the
					// subject.
					possessed := pm.start > 0 && s.word(pm.start-1) == "của" && pm.kind == mOrg
					if !possessed && !pm.isLocation && !s.inTopic(pm.start) {
						k = pj
						continue
					}
				}
			}
			return sd
		}
		if s.inDate(k) {
			k--
			continue
		}
		if b := s.cueIn[k]; b&cReporting != 0 {
			// "Ông Moon cho biết sẵn sàng ...": the reporter acts. The
			// reporter is the head of its clause, its first actor: "Đặc
			// phái viên Hong, người được Tổng thống Moon cử tới Mỹ, cho biết".
			inSource := false
			for j := cs; j < k; j++ {
				if s.cues[j].bits&cSource != 0 && s.mentAt[j] < 0 && (j == cs || s.toks.T[j].Break) {
					inSource = true
				}
				if inSource {
					if j > cs && s.toks.T[j].Break && strings.Contains(s.toks.Gap(j), ",") {
						inSource = false
					} else {
						continue
					}
				}
				if mi := s.mentAt[j]; mi >= 0 && s.mentions[mi].isActor() && !s.mentions[mi].media() {
					if s.mentions[mi].kind == mPerson {
						sd.add(c.resolve(&s.mentions[mi])...)
						return sd
					}
					break
				}
			}
			k--
			skipped = 0
			continue
		}
		if s.cueIn[k]&cSide != 0 || adverbs[s.word(k)] {
			k--
			continue
		}
		if skipped++; skipped > 2 {
			break
		}
		k--
	}
	return side{}
}

// copulaAfter reports "là" right after a trigger, or after the name that
// holds it.
func (s *sentence) copulaAfter(t *trigger) bool {
	k := t.end
	if mi := s.mentAt[t.start]; mi >= 0 && s.mentions[mi].end > k {
		k = s.mentions[mi].end
	}
	return k < len(s.toks.T) && s.word(k) == "là" && !s.toks.T[k].Break
}

// trigAt reports whether a trigger starts at token k.
func (s *sentence) trigAt(k int) bool {
	for _, t := range s.trigs {
		if t.start == k {
			return true
		}
	}
	return false
}

// media reports a news outlet.
func (m *mention) media() bool {
	return m.kind == mOrg && len(m.actors) > 0 && m.actors[0].Sector == "MED"
}

// inTopic reports whether token k lies in a "về ..." phrase: from "về" or
// "liên quan đến" up to a "của" that names the owner of the head noun, a
// comma, or a verb.
func (s *sentence) inTopic(k int) bool {
	if s.topic == nil {
		s.topic = make([]bool, len(s.toks.T))
		in := false
		trig := make([]bool, len(s.toks.T))
		for _, t := range s.trigs {
			trig[t.start] = true
		}
		for i := range s.toks.T {
			if i > 0 && s.toks.T[i].Break && !s.listComma(i) || trig[i] || s.cues[i].bits&(cReporting|cClause) != 0 {
				in = false
			}
			if s.mentAt[i] < 0 {
				if w := s.word(i); w == "của" || w == "với" || w == "giữa" {
					in = false
				}
				if s.cues[i].bits&cTopic != 0 && isAboutCue(s.word(i)) && s.word(i) != "trong" {
					in = true
				}
			}
			s.topic[i] = in
		}
	}
	return k >= 0 && k < len(s.topic) && s.topic[k]
}

// hasActorBetween returns the first token in [i, j) inside an actor
// mention, or -1.
func (s *sentence) hasActorBetween(i, j int) int {
	for k := i; k < j; k++ {
		if mi := s.mentAt[k]; mi >= 0 && s.mentions[mi].kind != mPlace {
			return k
		}
	}
	return -1
}

// inDate reports whether token k lies inside a date expression.
func (s *sentence) inDate(k int) bool {
	st, en := s.toks.T[k].Start, s.toks.T[k].End
	for _, d := range s.dates {
		if st >= d.Start && en <= d.End {
			return true
		}
	}
	return false
}

// collect adds the side-worthy mentions of tokens [i, j).
func (x *Extractor) collect(s *sentence, c *docContext, i, j int, sd *side, object bool) {
	x.collectTopic(s, c, i, j, sd, object, true, false)
}

// collectTopic is collect that, with skipTopic, passes over what a
// "về"/"liên quan đến" phrase is about, up to a "của" that names the owner
// of the head noun, a comma or "với".
//
// With directedObject, a state after "tại" counts: in the object of a
// directed act ("phản đối hệ thống THAAD được lắp đặt tại Hàn Quốc") the
// state where the thing stands is its target; a meeting's place is no side.
func (x *Extractor) collectTopic(s *sentence, c *docContext, i, j int, sd *side, object, skipTopic, directedObject bool) {
	inSource, inTopic := false, false
	// "quan ngại sâu sắc về hiệp ước": a directed act about an agreement or
	// incident and nothing else targets the sides of that thing.
	var about *mention
	before := len(sd.actors)
	defer func() {
		if about != nil && len(sd.actors) == before {
			sd.add(c.resolve(about)...)
		}
	}()
	inSince := false
	for k := i; k < j; k++ {
		if s.mentAt[k] < 0 {
			if s.cues[k].bits&cSource != 0 && (k == 0 || k == i) {
				inSource = true
			}
			// "đối thoại giữa hai bên kể từ sau lễ nhậm chức của ông
			// Trump": who marks the start of a span takes no part.
			if s.cues[k].bits&cSince != 0 {
				inSince = true
			}
			if skipTopic && s.cues[k].bits&cTopic != 0 && isAboutCue(s.word(k)) {
				inTopic = true
			}
			if w := s.word(k); w == "của" || w == "với" || w == "giữa" {
				inTopic = false
			}
		}
		if k > i && s.toks.T[k].Break && !s.listComma(k) {
			// "Theo Bộ Tham mưu liên quân Hàn Quốc (JCS), ...": the source
			// runs to its comma.
			if strings.Contains(s.toks.Gap(k), ",") {
				inSource = false
			}
			inTopic = false
			inSince = false
		}
		if inSince {
			if mi := s.mentAt[k]; mi >= 0 {
				k = s.mentions[mi].end - 1
			}
			continue
		}
		if inSource || inTopic {
			if mi := s.mentAt[k]; mi >= 0 {
				if m := &s.mentions[mi]; inTopic && directedObject && about == nil && (m.kind == mAgreed || m.kind == mIncident) {
					about = m
				}
				k = s.mentions[mi].end - 1
			}
			continue
		}
		mi := s.mentAt[k]
		if mi < 0 {
			continue
		}
		m := &s.mentions[mi]
		k = m.end - 1
		if m.isLocation && !(directedObject && m.kind == mCountry) || m.isDest && !object {
			continue // a destination is never the one who goes
		}
		if m.kind == mPlace && m.place != nil && !m.place.Metonym {
			continue
		}
		if (m.kind == mIncident || m.kind == mAgreed) && !object || m.media() {
			continue
		}
		sd.add(c.resolve(m)...)
	}
}

func isAboutCue(w string) bool {
	switch w {
	case "về", "liên", "xoay", "đối", "trong", "phụ", "đặc", "chuyên":
		return true
	}
	return false
}

// objectEnd finds where the object of a trigger stops.
func (x *Extractor) objectEnd(s *sentence, te, ce int, symmetric bool) int {
	for k := te; k < ce; k++ {
		if mi := s.mentAt[k]; mi >= 0 {
			k = s.mentions[mi].end - 1
			continue
		}
		b := s.cues[k].bits
		if b&cReporting != 0 && k > te {
			return k
		}
		// A meeting's sides end where another act begins: "chuyến thăm
		// Trung Quốc của Ngoại trưởng Hàn Quốc và Hội nghị thượng đỉnh ...".
		if symmetric && k > te && s.trigAt(k) {
			return k
		}
		if symmetric && b&(cTopic|cSideline) != 0 {
			return k
		}
		if !symmetric && k > te && (s.word(k) == "để" || s.word(k) == "nhằm" && (k+1 >= ce || s.word(k+1) != "vào")) {
			return k
		}
		if k > te && s.toks.T[k].Break && strings.ContainsAny(s.toks.Gap(k), ",(") && !s.listComma(k) {
			return k
		}
	}
	return ce
}

func (x *Extractor) buildEvent(s *sentence, c *docContext, t *trigger, cs, ce int, dates []timex.Expr, inherit *draft, live []*trigger) (draft, bool) {
	e := t.entry
	ev := sukien.Event{Event: e.Event, Mode: e.Mode, Cameo: e.Cameo}
	future := s.hasCue(max(cs, t.start-4), t.start, cFuture) >= 0
	// "Hội nghị thượng đỉnh Mỹ-Triều sẽ diễn ra tại Singapore": a meeting
	// noun whose predicate is in the future.
	if !future && s.nominal(t) {
		k := s.hasCue(t.end, min(ce, t.end+10), cFuture)
		future = k >= 0 && !s.commaBetween(t.end, k)
	}
	if ev.Event == "CONSULT" && future {
		ev.Event, ev.Mode, ev.Cameo = "AGREE", "", "036"
	}
	// A promise of aid, support or cooperation is an agreement (PLOVER).
	switch ev.Event {
	case "AID", "SUPPORT", "COOPERATE", "RETREAT", "CONCEDE":
		if s.hasCue(max(cs, t.start-6), t.start, cFuture) >= 0 {
			ev.Event, ev.Mode, ev.Cameo = "AGREE", "", "030"
		}
	}
	// "Theo đề nghị của Mỹ và Nhật Bản, Hội đồng Bảo an ...": the owners
	// of the request ask, the clause's subject is asked.
	if t.start > 0 && s.word(t.start-1) == "theo" && ev.Event == "REQUEST" {
		return x.requestFrame(s, c, t, ev, dates, live)
	}
	switch ev.Event {
	case "REQUEST", "AGREE", "SUPPORT", "ACCUSE", "REJECT", "THREATEN", "SANCTION":
		// "những đề xuất nói trên của Mỹ", "mục đích của các biện pháp trừng
		// phạt": a noun, not an act, unless the clause makes it one ("đưa
		// ra đề xuất", "công bố các biện pháp ..., như lệnh cấm vận").
		if s.nominal(t) && !s.predicated(t) && !s.lightVerb(t) && !s.announced(cs, t) {
			return draft{}, false
		}
	}
	// "Đối thoại ... là một cơ chế ...": a definition, not an occasion.
	if e.Event == "CONSULT" && s.copulaAfter(t) {
		return draft{}, false
	}
	symmetric := sukien.Symmetric(ev.Event)
	var subj side
	var summons side // an envoy summoned to hear the act
	switch {
	case e.Event == "CONSULT" && s.cueBefore(t.start)&cBackref != 0 && !x.ownParticipants(s, t):
		// An implied meeting (see impliedMeeting): the sides in view.
		subj.add(c.pairPersonsOr()...)
	case inherit != nil:
		subj.add(inherit.subj...)
	case e.Event == "CONSULT" && s.nominal(t) && !s.lightVerb(t):
		// "Hội nghị thượng đỉnh Nga-Triều diễn ra ...", "Cuộc họp có sự
		// tham dự của A và B": a meeting noun names its own sides. One
		// inside a phrase about something else ("tiến trình đàm phán
		// Mỹ-Triều") is no event unless the sentence tells it happened.
		// ("sau cuộc điện đàm kéo dài 40 phút với Chủ tịch Tập" names its
		// sides: it happened.)
		occasion := s.cueBefore(t.start)&cBackref != 0 && x.ownParticipants(s, t)
		if s.hasActorBetween(cs, t.start) >= 0 && !x.independentNominal(s, t, dates) && !occasion {
			return draft{}, false
		}
		subj = x.nounParticipants(s, c, t, ce)
		// "Trong cuộc gặp với Thủ tướng Abe ..., Tổng thống Mỹ cho rằng":
		// the subject of the main clause is the other side.
		if len(subj.countries()) < 2 && t.start > 0 && s.cueBefore(t.start)&cBackref != 0 {
			for k := t.end; k < len(s.toks.T); k++ {
				if s.toks.T[k].Break && strings.Contains(s.toks.Gap(k), ",") && !s.listComma(k) {
					subj.add(x.immediateObject(s, c, k).actors...)
					break
				}
			}
		}
		if len(subj.countries()) < 2 {
			subj.add(x.subjectOf(s, c, cs, t.start).actors...)
		}
		// "Cuộc điện đàm với Chủ tịch Tập ... diễn ra sáng 10/6": the other
		// side is the one the story is about.
		if len(subj.countries()) == 1 && x.independentNominal(s, t, dates) && s.hasActorBetween(cs, t.start) < 0 {
			sc := subj.countries()
			for _, a := range c.lastSubject {
				if !sc[a.Country] {
					subj.add(a)
				}
			}
		}
	default:
		if k, sd := x.summoned(s, c, cs, t.start); k >= 0 {
			// "triệu Đại sứ Nga ... để phản đối ...": the summoner acts,
			// the envoy's state is the target.
			subj = x.subjectOf(s, c, cs, k)
			summons = sd
		} else {
			subj = x.subjectOf(s, c, cs, t.start)
		}
	}
	// (A launch or a deployment is the state's, whoever the clause begins
	// with or reports it.)
	switch {
	case voiced(ev.Event):
		x.addSpeaker(s, c, cs, t.start, &subj, true)
		addLeadPerson(s, cs, t.start, &subj)
	case ev.Event == "CONSULT" || ev.Event == "AGREE":
		addLeadPerson(s, cs, t.start, &subj)
	}
	oe := x.objectEnd(s, t.end, ce, symmetric)
	var obj side
	obj.add(summons.actors...)
	// A state named as where the thing stands is the target of a hostile
	// act only: "chúc mừng kết quả tại Singapore" congratulates no host.
	x.collectTopic(s, c, t.end, oe, &obj, true, true, !symmetric && ev.Event != "SUPPORT")

	switch ev.Event {
	case "MOBILIZE":
		// "kế hoạch phóng vệ tinh", "sẽ thử hạt nhân": a launch announced
		// is not a launch.
		if future {
			return draft{}, false
		}
		// A launch named as a noun ("các vụ thử tên lửa của Triều Tiên") is
		// done by its possessor; only a launch told as the clause's
		// predicate is done by the clause's subject.
		if s.nominal(t) && !s.lightVerb(t) {
			clause := subj
			subj = x.possessor(s, c, t.end, oe)
			if !x.independentNominal(s, t, dates) {
				return draft{}, false
			}
			// "Kim Jong-un đã ca ngợi vụ phóng hôm 14/5": with no owner
			// named and none in view, the state of the clause's subject.
			if len(subj.actors) == 0 && len(c.lastLaunch) == 0 {
				for code := range clause.countries() {
					subj.add(x.countryActor(code))
				}
				// The leader who hails or oversees the launch takes part.
				for _, a := range clause.actors {
					if a.Kind == sukien.KindPerson {
						subj.add(a)
					}
				}
			}
		}
		if len(subj.actors) == 0 {
			subj = x.possessor(s, c, t.end, oe)
		}
		// "THAAD được triển khai": deployed by someone not named; "tên lửa
		// được phóng": by the launcher in view.
		if passive := t.start > 0 && (s.word(t.start-1) == "được" || s.word(t.start-1) == "bị"); passive {
			// "JCS cho biết tên lửa được phóng đi từ Wonsan": the reporter
			// did not launch it.
			lo := cs
			if r := s.lastCue(cs, t.start, cReporting); r >= 0 {
				lo = r
			}
			if p := x.possessor(s, c, t.end, oe); len(p.actors) > 0 {
				subj = p
			} else if im := x.immediateSubject(s, c, lo, t.start); len(im.actors) > 0 {
				subj = im
			} else if e.Mode == "troops" {
				return draft{}, false
			} else {
				subj = side{}
				subj.add(c.lastLaunch...)
			}
		}
		obj = side{}
		if len(subj.countries()) >= 2 && e.Mode == "exercise" {
			ev.Event, ev.Mode, ev.Cameo = "COOPERATE", "military", "062"
			symmetric = true
		}
		if len(subj.actors) == 0 && len(c.lastLaunch) > 0 {
			subj.add(c.lastLaunch...)
		}
	}
	// A joint act names its sides before the verb; what follows is its
	// content, unless it says with whom ("nhất trí hợp tác với Mỹ").
	if symmetric && len(subj.countries()) >= 2 {
		obj = x.comitative(s, c, t.end, oe)
	}
	if symmetric {
		all := map[string]bool{}
		for k := range subj.countries() {
			all[k] = true
		}
		for k := range obj.countries() {
			all[k] = true
		}
		if len(all) < 2 {
			if p := c.pair; len(p) >= 2 && len(all) <= 1 && x.mentionsPair(s, cs, ce) {
				subj = side{}
				subj.add(c.pairPersonsOr()...)
				all = subj.countries()
			}
		}
		if len(all) < 2 {
			return draft{}, false
		}
		// "Mỹ, Nhật Bản và Hàn Quốc đã có các cuộc điện đàm riêng rẽ": a
		// summary of separate calls, not one meeting of all.
		if ev.Event == "CONSULT" && len(all) >= 3 && len(obj.actors) == 0 && strings.Contains(text.ToLower(s.text), "riêng rẽ") {
			return draft{}, false
		}
	} else {
		if len(subj.actors) == 0 {
			return draft{}, false
		}
		// Recipients exclude the actor's own state.
		sc := subj.countries()
		var rec side
		for _, a := range obj.actors {
			if !sc[a.Country] {
				rec.add(a)
			}
		}
		obj = rec
		// "đưa nhóm Kimsuky cùng 8 công dân Triều Tiên vào danh sách trừng
		// phạt": the listed are the targets, whoever lists them acts.
		if ev.Event == "SANCTION" && t.start > 0 && s.word(t.start-1) == "vào" {
			for k := t.start - 2; k >= cs && k >= t.start-14; k-- {
				if s.word(k) == "đưa" || s.word(k) == "bổ" {
					var listed side
					x.collect(s, c, k+1, t.start-1, &listed, true)
					if len(listed.actors) > 0 {
						obj = listed
						subj = x.subjectOf(s, c, cs, k)
						if len(subj.actors) == 0 {
							return draft{}, false
						}
					}
					break
				}
			}
		}
		// "lên án vụ phóng (của Triều Tiên)": a launch named as the object
		// stands for whoever launched.
		if len(obj.actors) == 0 {
			for _, u := range s.trigs {
				if u.start >= t.end && u.start < oe && u.entry.Event == "MOBILIZE" {
					p := x.possessor(s, c, u.end, oe)
					if len(p.actors) == 0 {
						p.add(c.lastLaunch...)
					}
					sc := subj.countries()
					for _, a := range p.actors {
						if !sc[a.Country] {
							obj.add(a)
						}
					}
					break
				}
			}
		}
		// "bác bỏ đề xuất này": a proposal refused stands for who proposed.
		if len(obj.actors) == 0 && ev.Event == "REJECT" {
			for _, u := range s.trigs {
				if u.start >= t.end && u.start < oe && u.entry.Event == "REQUEST" {
					sc := subj.countries()
					for _, a := range c.lastActor["REQUEST"] {
						if !sc[a.Country] {
							obj.add(a)
						}
					}
					break
				}
			}
		}
		// "hoan nghênh kết quả cuộc gặp", "lên án thỏa thuận": a meeting or
		// agreement named as the object stands for its sides.
		// "ra thông cáo chúc mừng, gọi ...": congratulations with no object
		// go to the sides of the news.
		if len(obj.actors) == 0 && (x.eventNounAfter(s, t.end, oe) || ev.Event == "SUPPORT" && s.commaAt(t.end)) {
			sc := subj.countries()
			for _, a := range c.pair {
				if !sc[a.Country] {
					obj.add(a)
				}
			}
		}
		// Sanctions named without their target aim at the last one.
		if len(obj.actors) == 0 && ev.Event == "SANCTION" {
			obj.add(c.lastTarget[ev.Event]...)
		}
		switch ev.Event {
		case "SUPPORT", "SANCTION", "AID", "COERCE", "ASSAULT", "REJECT", "RETREAT", "CONCEDE", "REQUEST", "THREATEN":
			if len(obj.actors) == 0 && ev.Event != "REJECT" {
				return draft{}, false
			}
		}
	}

	if aimedAt(ev.Event, obj) {
		obj = x.targetStates(obj, summons)
	}
	d := draft{ev: ev, sent: s, subj: subj.actors, obj: obj.actors, trigStart: t.start}
	d.predicate = s.toldAsPredicate(t, cs)
	d.weak = t.entry.Weak
	d.date, d.dateExact, d.background, d.dateRel = x.dateOf(s, c, t, cs, ce, dates, live)
	if d.date.IsZero() || c.pub.IsZero() {
		// No publication date: "ngày 18/6" cannot be placed in a year; keep
		// what the text says.
		d.ev.DateText = x.partialDate(s, t, dates)
	}
	// A meeting dated after the article appeared is announced, not held.
	if d.ev.Event == "CONSULT" && d.dateExact && c.pub.Precision() == 3 && d.date.Precision() >= 2 && after(d.date, c.pub) {
		d.ev.Event, d.ev.Mode, d.ev.Cameo = "AGREE", "", "036"
	}
	// "bên lề khóa họp Đại hội đồng Liên hợp quốc tại New York": the
	// occasion's place is the meeting's.
	le := oe
	if le < ce && s.cues[le].bits&cSideline != 0 && s.cues[le].end > le {
		le = x.objectEnd(s, s.cues[le].end, ce, true)
	}
	if loc := x.locationOf(s, t, cs, le, subj, obj); loc != nil {
		d.ev.Location = loc
	}
	if d.ev.Event == "CONSULT" {
		d.ev.Mode = x.consultMode(s, t, cs, ce, d)
		d.ev.Cameo = consultCameo(d.ev.Mode, e.Cameo)
	}
	d.ev.Trigger = s.toks.Text(t.start, t.end)
	if symmetric {
		d.ev.Channel, d.ev.Level = x.channelOf(s, cs, ce, subj, obj)
	}
	return d, true
}

// aimedAt reports whether the object of a directed act is only its
// target, not a participant: concern about Putin's visit, congratulations
// on Moon's victory name Russia and South Korea as the targets. A
// request's addressee is asked and takes part; the sides of a meeting or
// an agreement all take part.
func aimedAt(ev string, obj side) bool {
	return ev != "REQUEST" && !sukien.Symmetric(ev) && len(obj.actors) > 0
}

// targetStates replaces the persons of a target side by their states,
// keeping those in keep (an envoy summoned to hear the protest).
func (x *Extractor) targetStates(obj, keep side) side {
	var out side
	for _, a := range obj.actors {
		if a.Kind != sukien.KindPerson || a.Country == "" || slices.ContainsFunc(keep.actors, func(k sukien.Actor) bool { return k.Name == a.Name }) {
			out.add(a)
			continue
		}
		out.add(x.countryActor(a.Country))
	}
	return out
}

// channelOf names the mechanism a meeting belongs to when the clause names
// one whose members all take part.
func (x *Extractor) channelOf(s *sentence, cs, ce int, subj, obj side) (string, string) {
	all := subj.countries()
	for k := range obj.countries() {
		all[k] = true
	}
	for _, ch := range s.channels {
		if ch.start < cs || ch.start >= ce {
			continue
		}
		ok := true
		for _, m := range ch.entry.Members {
			if !all[m] {
				ok = false
			}
		}
		if ok {
			level := ""
			if !strings.Contains(ch.entry.Level, "|") {
				level = ch.entry.Level
			}
			return ch.entry.ID, level
		}
	}
	return "", ""
}

func after(d, pub timex.Date) bool {
	if d.Year != pub.Year {
		return d.Year > pub.Year
	}
	if d.Month != pub.Month {
		return d.Month > pub.Month
	}
	return d.Precision() == 3 && d.Day > pub.Day
}

// ownParticipants reports whether a meeting noun names its sides: "giữa A
// và B", "của quan chức Hàn-Mỹ", "với Chủ tịch Tập", "Hàn-Trung-Nhật".
func (x *Extractor) ownParticipants(s *sentence, t *trigger) bool {
	// "chuyến thăm cấp nhà nước hai ngày tới Triều Tiên": where a visit
	// goes is a side of it.
	if t.entry.Cameo == "042" && !(t.start > 0 && s.word(t.start-1) == "trong") {
		// ("Đang trong chuyến thăm Mỹ, ...": the circumstance of what
		// follows, not a meeting of its own.)
		for k := t.end; k < len(s.toks.T) && k < t.end+6; k++ {
			if mi := s.mentAt[k]; mi >= 0 && (s.mentions[mi].isDest || k == t.end) && s.mentions[mi].stateLike() {
				return true
			}
		}
	}
	for k := t.end; k < len(s.toks.T) && k < t.end+6; k++ {
		if k > t.end && s.toks.T[k].Break {
			break
		}
		// "cuộc điện đàm kéo dài 40 phút với ...": "của" must stand close,
		// "với" and "giữa" may come after a few words.
		switch w := s.word(k); {
		case w == "giữa" || w == "với":
			return true
		case w == "của" && k < t.end+3:
			return true
		}
		if mi := s.mentAt[k]; mi >= 0 && s.mentions[mi].kind == mCountry && len(s.mentions[mi].actors) >= 2 {
			return true
		}
	}
	return false
}

// nounParticipants reads the sides a meeting noun names: a compound right
// after it ("thượng đỉnh Hàn-Trung-Nhật"), "giữa A và B", "của A", "với B",
// "có sự tham dự của A và B".
func (x *Extractor) nounParticipants(s *sentence, c *docContext, t *trigger, ce int) side {
	var sd side
	oe := x.objectEnd(s, t.end, ce, true)
	for k := t.end; k < oe && k < t.end+8; k++ {
		if mi := s.mentAt[k]; mi >= 0 && k == t.end {
			m := &s.mentions[mi]
			if m.kind == mCountry && len(m.actors) >= 2 {
				sd.add(m.actors...)
				return sd
			}
		}
		// "chuyến thăm hữu nghị chính thức Việt Nam": a visit's host, and
		// its visitor when named ("chuyến thăm Bình Nhưỡng của Putin").
		if mi := s.mentAt[k]; mi >= 0 && t.entry.Cameo == "042" && k < t.end+5 && s.mentions[mi].stateLike() {
			sd.add(c.resolve(&s.mentions[mi])...)
			if e := s.mentions[mi].end; e < oe && s.word(e) == "của" {
				sd.add(x.possessor(s, c, e, oe).actors...)
			}
			return sd
		}
		w := s.word(k)
		near := k < t.end+3
		if w == "của" && k >= 2 && (s.word(k-1) == "dự" || s.word(k-1) == "gia") {
			near = true // "có sự tham dự của", "với sự tham gia của"
		}
		if near && (w == "giữa" || w == "của" || w == "với") {
			x.collect(s, c, k+1, oe, &sd, true)
			return sd
		}
	}
	return sd
}

func (x *Extractor) requestFrame(s *sentence, c *docContext, t *trigger, ev sukien.Event, dates []timex.Expr, live []*trigger) (draft, bool) {
	n := len(s.toks.T)
	if t.end >= n || s.word(t.end) != "của" {
		return draft{}, false
	}
	end := t.end + 1
	for end < n && !(s.toks.T[end].Break && !s.listComma(end)) {
		end++
	}
	var subj, obj side
	x.collect(s, c, t.end+1, end, &subj, true)
	if end < n {
		obj = x.immediateObject(s, c, end)
	}
	if len(subj.actors) == 0 || len(obj.actors) == 0 {
		return draft{}, false
	}
	d := draft{ev: ev, sent: s, subj: subj.actors, obj: obj.actors, trigStart: t.start, weak: t.entry.Weak}
	_, ce := s.clauseBounds(t.start)
	d.date, d.dateExact, d.background, d.dateRel = x.dateOf(s, c, t, 0, ce, dates, live)
	d.ev.Trigger = s.toks.Text(t.start, t.end)
	return d, true
}

// immediateObject returns the mention group starting at token i.
func (x *Extractor) immediateObject(s *sentence, c *docContext, i int) side {
	var sd side
	for k := i; k < len(s.toks.T) && k < i+12; k++ {
		if mi := s.mentAt[k]; mi >= 0 {
			m := &s.mentions[mi]
			sd.add(c.resolve(m)...)
			k = m.end - 1
			continue
		}
		if s.word(k) == "và" {
			continue
		}
		if len(sd.actors) > 0 {
			break
		}
	}
	return sd
}

// announced reports a verb of enacting before a measure named as a noun:
// "các biện pháp ... công bố ngày hôm trước, như lệnh cấm vận".
func (s *sentence) announced(cs int, t *trigger) bool {
	for k := t.start - 1; k > cs && k >= t.start-14; k-- {
		switch s.word(k-1) + " " + s.word(k) {
		case "công bố", "áp đặt", "ban hành", "thông qua", "đưa ra", "áp dụng", "triển khai", "quyết định":
			return true
		}
	}
	return false
}

// eventNounAfter reports a meeting or agreement noun in [i, j).
func (x *Extractor) eventNounAfter(s *sentence, i, j int) bool {
	for _, u := range s.trigs {
		// "hoan nghênh cam kết phi hạt nhân hóa": right after the verb, an
		// event word is its object, a noun.
		if u.start >= i && u.start < j && (u.entry.Event == "CONSULT" || u.entry.Event == "AGREE") && (s.nominal(&u) || u.start == i) {
			return true
		}
	}
	return false
}

// possessor returns the actors after "của" in [i, j).
func (x *Extractor) possessor(s *sentence, c *docContext, i, j int) side {
	var sd side
	for k := i; k < j; k++ {
		if s.word(k) == "của" && s.mentAt[k] < 0 {
			end := k + 1
			for end < j && (s.mentAt[end] >= 0 || end == k+1) {
				end++
			}
			x.collect(s, c, k+1, end, &sd, true)
			break
		}
	}
	return sd
}

// comitative returns the actors named after "với"/"cùng" in [i, j).
func (x *Extractor) comitative(s *sentence, c *docContext, i, j int) side {
	var sd side
	if j > i+3 {
		j = i + 3
	}
	for k := i; k < j; k++ {
		w := s.word(k)
		if w == "với" || w == "cùng" {
			end := k + 1
			for end < len(s.toks.T) && (s.mentAt[end] >= 0 || s.word(end) == "và" || end == k+1) {
				end++
			}
			x.collect(s, c, k+1, end, &sd, true)
		}
	}
	return sd
}

func (x *Extractor) mentionsPair(s *sentence, cs, ce int) bool {
	for k := cs; k < ce; k++ {
		if s.cues[k].bits&cPair != 0 {
			return true
		}
	}
	return false
}

func (c *docContext) pairPersonsOr() []sukien.Actor {
	if len(c.pairPersons) > 0 {
		return c.pairPersons
	}
	return c.pair
}

// dateOf picks the date expression that dates the event: the nearest one
// in its clause that is not the date of a report ("ngày 21/6 cho biết").
func (x *Extractor) dateOf(s *sentence, c *docContext, t *trigger, cs, ce int, dates []timex.Expr, live []*trigger) (timex.Date, bool, bool, timex.Relation) {
	tpos := s.toks.T[t.start].Start
	clo, chi := s.toks.T[cs].Start, s.toks.T[ce-1].End
	dist := func(d timex.Expr, pos int) int {
		var n int
		lo, hi := d.End, pos
		if d.Start >= pos {
			n, lo, hi = d.Start-pos, pos, d.Start
		} else {
			n = (pos - d.End) * 2 / 3 // dates before the verb are closer in Vietnamese
		}
		// A comma between them weighs like a long stretch of words.
		if strings.Contains(s.text[lo:hi], ", ") {
			n += 40
		}
		return n
	}
	// "phóng tên lửa sáng 1/7, hai ngày sau khi Hàn Quốc ... kết thúc cuộc
	// tập trận": the earlier act is dated back from the main one.
	if k, n := s.daysAfterClause(t.start); k >= 0 {
		for _, d := range dates {
			if !d.Date.IsZero() && d.Date.Precision() == 3 && d.End <= s.toks.T[k].Start {
				return d.Date.AddDays(-n), false, true, timex.Anaphoric
			}
		}
	}
	best, bestDist := -1, 1<<30
	for pass := 0; pass < 2 && best < 0; pass++ {
		for i, d := range dates {
			if d.Date.IsZero() {
				continue
			}
			if pass == 0 && (d.Start < clo || d.End > chi) || s.eraSpan(d) {
				continue
			}
			if rc := x.reportCue(s, d); rc >= 0 && !(rc < t.start && (speechAct(t.entry.Event) || s.announcesPlan(rc, t)) && s.announces(rc, t)) || x.sinceDate(s, d) || x.embeddedAfter(s, t, d) {
				// A report's date dates the event only when the report is
				// the act: "ngày 1/12, Hàn Quốc công bố trừng phạt ...".
				continue
			}
			dd := dist(d, tpos)
			// A date nearer another trigger dates that one.
			mine := true
			for _, u := range live {
				if u.start != t.start && dist(d, s.toks.T[u.start].Start) < dd {
					mine = false
					break
				}
			}
			if !mine {
				continue
			}
			if dd < bestDist {
				best, bestDist = i, dd
			}
		}
	}
	if best >= 0 {
		return dates[best].Date, true, false, dates[best].Rel
	}
	// Predicates joined in one clause share its date: "ngày 27/4 đã hội đàm
	// ..., rồi cùng ký một tuyên bố chung".
	for _, d := range dates {
		if !d.Date.IsZero() && d.Start >= clo && d.End <= tpos && !x.reportDate(s, d) && !x.sinceDate(s, d) {
			return d.Date, true, false, d.Rel
		}
	}
	// "Seoul đã đình chỉ ... kể từ khi Bình Nhưỡng thử hạt nhân vào tháng
	// 1/2016": a state that holds since a date began then. "Lần đầu tiên
	// kể từ ..." counts from the date instead.
	for _, d := range dates {
		if !d.Date.IsZero() && d.Start > tpos && d.End <= chi && s.sinceBetween(t.end, d.Start) && !strings.Contains(s.text[tpos:d.Start], "đầu tiên") {
			return timex.Date{Year: d.Date.Year, Month: d.Date.Month}, false, true, timex.Anaphoric
		}
	}
	// "vào những năm 2000", "trong những năm 2000 khi ... thăm Nga": a
	// decade, which no date can say; with no other date in the sentence,
	// the event has none rather than the month of the article.
	for _, d := range dates {
		if d.Date.IsZero() && d.Partial.Year != 0 && d.Partial.Month == 0 {
			return timex.Date{}, false, true, timex.Absolute
		}
	}
	// No date of its own: background markers keep the month at most.
	// ("Trước cuộc gặp của ..., A đã gặp B": the sentence's opening
	// adjunct marks its main clause.)
	bg := s.hasCue(cs, t.start, cBackref) >= 0 && x.beforeMarker(s, cs, t.start) ||
		cs > 0 && s.cues[0].bits&cBackref != 0 && x.beforeMarker(s, 0, 1) && s.trigAt(1)
	if bg || x.pastMarker(s, cs, t.start) {
		if !c.ref.IsZero() {
			return timex.Date{Year: c.ref.Year, Month: c.ref.Month}, false, true, timex.Anaphoric
		}
		return timex.Date{Year: c.pub.Year, Month: c.pub.Month}, false, true, timex.Anaphoric
	}
	if !c.ref.IsZero() {
		return c.ref, false, false, timex.SameDay
	}
	if !c.anchor.IsZero() {
		return c.anchor, false, false, timex.SameDay
	}
	return timex.Date{Year: c.pub.Year, Month: c.pub.Month}, false, false, timex.Deictic
}

// toldAsPredicate reports whether the sentence tells the act of t as what
// its clause does: not as a noun ("phát hiện vụ phóng"), a passive ("tên
// lửa được phóng") or inside a "sau khi" clause.
func (s *sentence) toldAsPredicate(t *trigger, cs int) bool {
	if s.nominal(t) && !s.lightVerb(t) {
		return false
	}
	if t.start > 0 && (s.word(t.start-1) == "được" || s.word(t.start-1) == "bị") {
		return false
	}
	for k := cs + 1; k < t.start; k++ {
		if s.word(k) == "khi" {
			switch s.word(k - 1) {
			case "sau", "trước", "từ":
				return false
			}
		}
	}
	return true
}

// embeddedAfter: a date after the trigger inside a phrase about something
// else ("chúc mừng chiến thắng của ông Moon trong cuộc bầu cử ngày 9/5").
func (x *Extractor) embeddedAfter(s *sentence, t *trigger, d timex.Expr) bool {
	end := s.toks.T[t.end-1].End
	if d.Start < end {
		return false
	}
	words, place := 0, false
	for k := t.end; k < len(s.toks.T) && s.toks.T[k].Start < d.Start; k++ {
		if s.mentAt[k] >= 0 {
			continue // names of the sides and places tell the event itself
		}
		words++
		if s.cueIn[k]&(cLocation|cSideline) != 0 {
			place = true
		}
		switch s.word(k) {
		case "của", "về":
			// "vụ phóng của Triều Tiên sáng sớm nay": the owner of the event
			// itself, then its date.
			if s.word(k) == "của" && k+1 < len(s.toks.T) && s.mentAt[k+1] >= 0 {
				if e := s.mentions[s.mentAt[k+1]].end; e < len(s.toks.T) && s.toks.T[e].Start >= d.Start {
					continue
				}
			}
			// "bên lề khóa họp của Đại hội đồng" still places the event.
			if !place || s.word(k) == "về" {
				return true
			}
		case "trong", "trên":
			// "trong ngày 18/6" dates; "trong cuộc bầu cử ngày 9/5" does not;
			// "kéo dài trong 2 ngày, bắt đầu từ ngày 8/5" is how long the
			// event itself lasted.
			if s.mentAt[k] < 0 && k+1 < len(s.toks.T) && s.toks.T[k+1].Start < d.Start && !s.duration(k+1, d.Start) {
				return true
			}
		}
	}
	return words > 14
}

// duration reports whether a length of time ("2 ngày", "vài giờ", "hai
// tuần") begins at token k and ends before byte offset end: in "trong hai
// ngày 27 và 28-2" the days are the date itself.
func (s *sentence) duration(k, end int) bool {
	if k+1 >= len(s.toks.T) || s.toks.T[k+1].End > end {
		return false
	}
	switch w := s.word(k); {
	case w == "vài" || w == "mấy" || smallNumber(w) > 0:
	default:
		return false
	}
	switch s.word(k + 1) {
	case "ngày", "giờ", "tiếng", "phút", "tuần", "đêm":
		return true
	}
	return false
}

// announces reports that the reporting verb at rc introduces the trigger
// itself, with no actor between: "công bố trừng phạt", "thông báo kế hoạch
// nối lại viện trợ".
func (s *sentence) announces(rc int, t *trigger) bool {
	end := s.cues[rc].end
	return end <= t.start && t.start-end <= 6 && s.hasActorBetween(end, t.start) < 0
}

// summoned finds "triệu (tập) Đại sứ X" before the trigger, with a purpose
// word between: the token of the summoning verb and the envoy, or -1.
func (x *Extractor) summoned(s *sentence, c *docContext, cs, ts int) (int, side) {
	for k := cs; k < ts; k++ {
		if s.cues[k].bits&cSummon == 0 || s.mentAt[k] >= 0 {
			continue
		}
		e := s.cues[k].end
		if e >= ts || s.mentAt[e] < 0 {
			continue
		}
		m := &s.mentions[s.mentAt[e]]
		if m.kind != mPerson && m.kind != mTitle {
			continue
		}
		for j := m.end; j < ts; j++ {
			if w := s.word(j); w == "để" || w == "nhằm" {
				var sd side
				sd.add(c.resolve(m)...)
				return k, sd
			}
		}
	}
	return -1, side{}
}

// commaAt reports a comma just before token k.
func (s *sentence) commaAt(k int) bool {
	return k < len(s.toks.T) && s.toks.T[k].Break && strings.Contains(s.toks.Gap(k), ",")
}

// announcesPlan: "thông báo kế hoạch nối lại viện trợ": announcing a plan
// is the act, an agreement dated by the announcement.
func (s *sentence) announcesPlan(rc int, t *trigger) bool {
	return rc < len(s.cues) && s.hasCue(s.cues[rc].end, t.start, cFuture) >= 0
}

// voiced: events that are statements, so that whoever announces them for
// their state takes part (not so a meeting or a sanction a spokesman
// reports).
func voiced(ev string) bool {
	switch ev {
	case "ACCUSE", "REQUEST", "SUPPORT", "REJECT", "THREATEN":
		return true
	}
	return false
}

// speechAct: events done by saying them, whose report is the act.
func speechAct(ev string) bool {
	switch ev {
	case "ACCUSE", "REQUEST", "SUPPORT", "REJECT", "THREATEN", "AGREE", "SANCTION", "PROTEST":
		return true
	}
	return false
}

// partialDate returns the nearest date expression that could not be
// resolved ("ngày 18/6" in an undated article), as written.
func (x *Extractor) partialDate(s *sentence, t *trigger, dates []timex.Expr) string {
	best, bestDist := "", 1<<30
	tpos := s.toks.T[t.start].Start
	for _, d := range dates {
		if !d.Date.IsZero() || d.Partial.IsZero() && d.Text == "" {
			continue
		}
		if dist := abs(d.Start - tpos); dist < bestDist {
			best, bestDist = d.Text, dist
		}
	}
	return best
}

// sinceDate: "kể từ tháng 10-2024" starts a span; it is not the event's.
func (x *Extractor) sinceDate(s *sentence, d timex.Expr) bool {
	// "từ ngày 25 đến 28/3" is a span the event fills, not a start.
	if strings.Contains(d.Text, "đến") || strings.Contains(d.Text, "tới") {
		return false
	}
	for k := range s.toks.T {
		if s.toks.T[k].End > d.Start {
			return k > 0 && s.cueIn[k-1]&cSince != 0 || s.cueIn[k]&cSince != 0 && s.toks.T[k].Start < d.Start
		}
	}
	return false
}

// daysAfterClause finds "N ngày sau khi" opening the clause of the trigger
// at ts: the token of "sau" and N, or -1.
func (s *sentence) daysAfterClause(ts int) (int, int) {
	for k := ts - 1; k >= 2 && k >= ts-12; k-- {
		if s.word(k) != "sau" || s.word(k+1) != "khi" {
			continue
		}
		if s.word(k-1) != "ngày" {
			return -1, 0
		}
		if n := smallNumber(s.word(k - 2)); n > 0 {
			return k, n
		}
		return -1, 0
	}
	return -1, 0
}

// smallNumber reads a count of days written in words or digits.
func smallNumber(w string) int {
	switch w {
	case "một":
		return 1
	case "hai":
		return 2
	case "ba":
		return 3
	case "bốn":
		return 4
	case "năm":
		return 5
	}
	if n, err := strconv.Atoi(w); err == nil && n > 0 && n < 60 {
		return n
	}
	return 0
}

// eraSpan reports a span of years naming a period: "Chiến tranh Triều Tiên
// 1950-1953" dates the war, not the event.
func (s *sentence) eraSpan(d timex.Expr) bool {
	if d.Date.Precision() != 1 || !strings.ContainsAny(d.Text, "-–") {
		return false
	}
	for k := range s.toks.T {
		if s.toks.T[k].Start >= d.Start {
			if k == 0 {
				return false
			}
			mi := s.mentAt[k-1]
			return mi >= 0 && s.mentions[mi].kind == mPlace && s.mentions[mi].place != nil && !s.mentions[mi].place.Metonym
		}
	}
	return false
}

// sinceBetween reports a "kể từ", "từ khi" cue between token i and byte pos.
func (s *sentence) sinceBetween(i, pos int) bool {
	for k := i; k < len(s.toks.T) && s.toks.T[k].Start < pos; k++ {
		if s.cueIn[k]&cSince != 0 {
			return true
		}
	}
	return false
}

// beforeMarker: "Trước đó", "trước cuộc gặp": an earlier occasion.
func (x *Extractor) beforeMarker(s *sentence, cs, ts int) bool {
	for k := cs; k < ts && k < cs+3; k++ {
		if w := s.word(k); w == "trước" {
			return true
		}
	}
	return false
}

func (x *Extractor) pastMarker(s *sentence, cs, ts int) bool {
	for k := cs; k < ts; k++ {
		switch s.word(k) {
		case "từng", "hồi":
			return true
		}
	}
	return false
}

// reportDate: a date followed by a reporting verb, or inside "Theo ... ngày".
func (x *Extractor) reportDate(s *sentence, d timex.Expr) bool { return x.reportCue(s, d) >= 0 }

// reportCue returns the token of the reporting verb a date belongs to
// ("ngày 21/6 cho biết", "ngày 30/5, Triều Tiên tuyên bố"), len(tokens)
// for a "Theo X ngày D" source, or -1.
func (x *Extractor) reportCue(s *sentence, d timex.Expr) int {
	for k := range s.toks.T {
		if s.toks.T[k].Start < d.End {
			continue
		}
		// The first token after the expression, or after the subject
		// that follows it ("ngày 30/5, Triều Tiên tuyên bố").
		if mi := s.mentAt[k]; mi >= 0 && s.mentions[mi].end < len(s.toks.T) {
			k = s.mentions[mi].end
		}
		if s.cues[k].bits&cReporting != 0 {
			return k
		}
		if k+1 < len(s.toks.T) && s.cues[k+1].bits&cReporting != 0 && (s.word(k) == "đã" || s.word(k) == "cũng") {
			return k + 1
		}
		break
	}
	// "Theo Yonhap ngày 8/5," / "Theo tờ ... ngày 21-12,"
	for k := range s.toks.T {
		if s.toks.T[k].End > d.Start {
			break
		}
		if s.cues[k].bits&cSource != 0 && k < 2 {
			gapOK := true
			for j := k + 1; j < len(s.toks.T) && s.toks.T[j].Start < d.Start; j++ {
				if s.toks.T[j].Break {
					gapOK = false
				}
			}
			if gapOK {
				return len(s.toks.T)
			}
		}
	}
	return -1
}

// locationOf: "tại Seoul", "ở Bình Nhưỡng", "đến Mátxcơva", "thăm Seoul".
func (x *Extractor) locationOf(s *sentence, t *trigger, cs, ce int, subj, obj side) *sukien.Location {
	var best *mention
	bestScore := -1
	for mi := range s.mentions {
		m := &s.mentions[mi]
		if m.start < cs || m.end > ce {
			continue
		}
		isVisitObj := t.entry.Mode == "visit" && strings.Contains(t.entry.Cameo, "042") && m.start == t.end
		if !m.isLocation && !(m.isDest && m.kind == mPlace) && !isVisitObj || m.isTransit {
			continue
		}
		if m.kind != mPlace && m.kind != mCountry {
			continue
		}
		// "tại Nhà Xanh ở Seoul", "tại Nhà Hòa bình ở phía Nam làng đình
		// chiến Bàn Môn Điếm": the wider place that follows names the city.
		for mi+1 < len(s.mentions) && s.mentions[mi+1].kind == mPlace && s.mentions[mi+1].start-m.end <= 4 &&
			s.mentions[mi+1].end <= ce && !s.mentions[mi+1].isTransit && s.mentions[mi+1].place.Country != "IGO" && m.kind == mPlace {
			mi++
			m = &s.mentions[mi]
		}
		score := 1
		if m.kind == mPlace {
			score = 3
			if m.place.Country == "IGO" {
				score = 2
			}
		}
		if score > bestScore || score == bestScore && abs(m.start-t.start) < abs(best.start-t.start) {
			best, bestScore = m, score
		}
	}
	if best == nil {
		return x.unknownPlace(s, t, cs, ce)
	}
	if best.kind == mPlace {
		return x.cityOf(best.place)
	}
	a := best.actors[0]
	if l := x.unknownPlace(s, t, cs, ce); l != nil {
		return l // a named place beats its country
	}
	return &sukien.Location{Name: a.Name, Country: a.Country}
}

// cityOf locates an event held at a venue in the venue's city: analysts
// count summits in Panmunjom, not in the Peace House.
func (x *Extractor) cityOf(p *dict.Entry) *sukien.Location {
	if p.Within != "" {
		if c := x.dict.Lookup(dict.Place, p.Within); c != nil {
			return &sukien.Location{Name: c.Name, Country: c.Country}
		}
		if c := x.dict.Lookup(dict.Country, p.Within); c != nil {
			return &sukien.Location{Name: c.Name, Country: c.ID}
		}
	}
	return &sukien.Location{Name: p.Name, Country: p.Country}
}

// venueRun returns the end of a venue's proper name from token i: capitalised
// words, with single lower-case words between them ("Nhà khách Kumsusan",
// "Bảo tàng Quốc gia Gyeongju").
func (s *sentence) venueRun(i, ce int) int {
	j := s.nameRun(i)
	for j+1 < ce && j-i < 8 && !s.toks.T[j].Break && !s.toks.T[j].Upper && s.mentAt[j] < 0 &&
		!s.toks.T[j+1].Break && s.isNameToken(j+1) && s.cues[j].bits == 0 {
		j = s.nameRun(j + 1)
	}
	return j
}

// placeHeads are the common nouns before a place's proper name: "tại sân
// bay vũ trụ Vostochny", "tại thành phố Gyeongju", "tại khách sạn Capella".
var placeHeads = map[string]bool{"thành": true, "phố": true, "tỉnh": true, "khu": true, "vực": true, "làng": true,
	"sân": true, "bay": true, "vũ": true, "trụ": true, "khách": true, "sạn": true, "đảo": true, "thị": true,
	"trấn": true, "quận": true, "huyện": true, "căn": true, "cứ": true, "cảng": true, "trại": true, "điện": true,
	"cung": true, "dinh": true, "nhà": true, "khu nghỉ": true, "nghỉ": true, "dưỡng": true, "trung": true, "tâm": true}

// unknownPlace reads a place the dictionary does not know after "tại"/"ở":
// its capitalised name, as written.
func (x *Extractor) unknownPlace(s *sentence, t *trigger, cs, ce int) *sukien.Location {
	for k := cs; k < ce; k++ {
		if s.cues[k].bits&cLocation == 0 || s.mentAt[k] >= 0 || s.word(k) == "từ" && t.entry.Event != "MOBILIZE" {
			continue
		}
		j := s.cues[k].end
		for j < ce && j < s.cues[k].end+4 && !s.toks.T[j].Upper && placeHeads[s.word(j)] {
			j++
		}
		if j >= ce || s.mentAt[j] >= 0 || s.baseAt[j] >= 0 || !s.isNameToken(j) {
			continue
		}
		e := s.venueRun(j, ce)
		// "tại khách sạn Sofitel Legend Metropole Hà Nội", "tại Đại học
		// Liên bang Viễn Đông trên đảo Russky, thành phố Vladivostok": a
		// known place right after the venue names its city.
		for mi := range s.mentions {
			m := &s.mentions[mi]
			if m.kind == mPlace && m.start >= e && m.start < e+8 && m.end <= ce && m.place.Country != "IGO" {
				return x.cityOf(m.place)
			}
		}
		if e-j > 6 {
			continue
		}
		return &sukien.Location{Name: s.toks.Text(j, e)}
	}
	return nil
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// consultMode: phone and video from the trigger; a meeting on the
// sidelines or in a third state is third-party; three or more states meet
// multilaterally; otherwise one side visits the other.
func (x *Extractor) consultMode(s *sentence, t *trigger, cs, ce int, d draft) string {
	if m := t.entry.Mode; m == "phone" || m == "video" {
		return m
	}
	sides := map[string]bool{}
	for _, a := range d.sides() {
		sides[a.Country] = true
	}
	if len(sides) >= 3 {
		return "multilateral"
	}
	if loc := d.ev.Location; loc != nil && loc.Country != "" {
		if !sides[loc.Country] {
			return "third-party"
		}
	} else if s.hasCue(cs, ce, cSideline) >= 0 {
		return "third-party"
	}
	if len(sides) >= 3 {
		return "multilateral"
	}
	return "visit"
}

func consultCameo(mode, def string) string {
	switch mode {
	case "phone":
		return "041"
	case "third-party":
		return "044"
	case "visit":
		if def == "046" {
			return def
		}
		return "042"
	}
	return "040"
}

var _ = dict.Key
