package extract

import (
	"sort"
	"strings"

	"github.com/sukien/sukien"
	"github.com/sukien/sukien/internal/dict"
	"github.com/sukien/sukien/internal/timex"
)

// trigger is one event word found in a sentence.
type trigger struct {
	start, end int
	entry      *dict.Entry
}

// findTriggers runs the trigger matcher, dropping words inside names and
// titles ("Bộ Thống nhất" is no agreement) and triggers whose `near` words
// are missing.
func (x *Extractor) findTriggers(s *sentence) {
	s.trigs = s.trigs[:0]
	n := len(s.toks.T)
	for i := 0; i < n; {
		if !x.dict.Triggers.MayStart(&s.toks, i) {
			i++
			continue
		}
		m := x.dict.Triggers.Longest(&s.toks, i)
		if m.End == i {
			i++
			continue
		}
		e := m.Targets[0].Entry
		ok := e.Event != "NONE" && !x.insideName(s, m.Start, m.End) && x.nearOK(s, e, m.Start, m.End)
		if ok {
			s.trigs = append(s.trigs, trigger{start: m.Start, end: m.End, entry: e})
		}
		i = m.End
	}
}

func (x *Extractor) insideName(s *sentence, i, j int) bool {
	for k := i; k < j; k++ {
		bi := s.baseAt[k]
		if bi < 0 {
			continue
		}
		for _, t := range s.bases[bi].targets {
			switch t.Entry.Kind {
			case dict.Channel, dict.Compound:
			default:
				if t.Field != dict.FieldShort {
					return true
				}
			}
		}
	}
	return false
}

func (x *Extractor) nearOK(s *sentence, e *dict.Entry, i, j int) bool {
	if len(e.Near) == 0 {
		return true
	}
	lo, hi := i-18, j+10 // a passive subject ("tàu sân bay ... của Mỹ đang được triển khai") can be long
	if lo < 0 {
		lo = 0
	}
	if hi > len(s.toks.T) {
		hi = len(s.toks.T)
	}
	for k := lo; k < hi; k++ {
		if k >= i && k < j {
			continue
		}
		for _, near := range e.Near {
			w := strings.Count(near, " ") + 1
			if k+w <= hi && string(s.toks.Key(k, k+w)) == near {
				return true
			}
		}
	}
	return false
}

// draft is one event read from one sentence, before the per-document merge.
type draft struct {
	ev         sukien.Event
	sent       *sentence
	subj, obj  []sukien.Actor
	date       timex.Date
	dateExact  bool // the sentence itself dates it
	dateRel    timex.Relation
	persons    []string
	trigStart  int
	background bool
	embedded   bool // told inside another act's object: not the sides in view
	// predicate: the trigger is what its clause does ("Triều Tiên phóng",
	// "tiến hành vụ phóng"), not a noun inside something else ("phát hiện
	// vụ phóng của Triều Tiên"), a passive or a "sau khi" clause.
	predicate bool
	weak      bool // its trigger implies the event rather than states it
	// score is informative() of the sentence kept as evidence, taken
	// before merging adds other reports' dates and persons.
	score  int
	scored bool
}

// sides returns every participant of the draft, actors first.
func (d *draft) sides() []sukien.Actor {
	return append(append(make([]sukien.Actor, 0, len(d.subj)+len(d.obj)), d.subj...), d.obj...)
}

// clauseBounds returns the clause of token i: boundaries are semicolons,
// colons and clause cues ("đồng thời", "trong khi đó").
//
// The bounds of every token are tabled on the first call: they depend on
// the sentence's cues, mentions and triggers only, which are final by then,
// and rescanning the sentence for each trigger was quadratic.
func (s *sentence) clauseBounds(i int) (int, int) {
	n := len(s.toks.T)
	if i < 0 || i >= n {
		return s.scanClauseBounds(i)
	}
	if len(s.clauseLo) != n {
		s.clauseLo = s.clauseLo[:0]
		for k := 0; k < n; k++ {
			lo := 0
			if k > 0 && s.isBoundary(k) {
				lo = k
			} else if k > 0 {
				lo = s.clauseLo[k-1]
			}
			s.clauseLo = append(s.clauseLo, lo)
		}
		// clauseHi[k] is the first boundary after k, or n.
		s.clauseHi = zeroed(s.clauseHi, n)
		next := n
		for k := n - 1; k >= 0; k-- {
			s.clauseHi[k] = next
			if k > 0 && s.clauseLo[k] == k {
				next = k
			}
		}
	}
	return s.clauseLo[i], s.clauseHi[i]
}

// scanClauseBounds is clauseBounds without the table.
func (s *sentence) scanClauseBounds(i int) (int, int) {
	n := len(s.toks.T)
	start, end := 0, n
	for k := i; k > 0; k-- {
		if s.isBoundary(k) {
			start = k
			break
		}
	}
	for k := i + 1; k < n; k++ {
		if s.isBoundary(k) {
			end = k
			break
		}
	}
	return start, end
}

func (s *sentence) isBoundary(k int) bool {
	if s.cues[k].bits&cClause != 0 && (k == 0 || s.cueIn[k-1]&cClause == 0) {
		// "X đồng thời hối thúc Y", "X còn kêu gọi": adverbs inside a
		// clause; after a comma they open a new one.
		switch s.word(k) {
		case "đồng", "còn", "sau", "ngoài", "bên", "mặt":
			return k == 0 || strings.ContainsAny(s.toks.Gap(k), ",;")
		}
		return true
	}
	// "X lên án A và kêu gọi B": "và" before a verb joins two predicates.
	if s.word(k) == "và" && s.mentAt[k] < 0 && k+1 < len(s.toks.T) && (s.trigAt(k+1) || k+2 < len(s.toks.T) && adverbs[s.word(k+1)] && s.trigAt(k+2)) {
		return true
	}
	if k > 0 && s.toks.T[k].Break {
		g := s.toks.Gap(k)
		return strings.ContainsAny(g, ";:")
	}
	return false
}

// segmentStart returns the token after the last comma-like break before i
// within [lo, i), or lo.
func (s *sentence) segmentStart(lo, i int) int {
	for k := i; k > lo; k-- {
		if s.toks.T[k].Break && strings.ContainsAny(s.toks.Gap(k), ",()") && !s.listComma(k) {
			return k
		}
	}
	return lo
}

// listComma reports whether the break before token k separates two items of
// a list of states ("Hàn Quốc, Mỹ và Nhật Bản").
func (s *sentence) listComma(k int) bool {
	if k == 0 || !strings.Contains(s.toks.Gap(k), ",") || strings.ContainsAny(s.toks.Gap(k), "()") {
		return false
	}
	a, b := s.mentAt[k-1], s.mentAt[k]
	if a < 0 || b < 0 || a == b {
		return false
	}
	// "sau vụ phóng của Triều Tiên, Mỹ, Nhật Bản và Hàn Quốc": a possessor
	// ends its phrase.
	// "các trưởng đoàn của Hàn Quốc, Mỹ và Nhật Bản nhất trí": people owned
	// by the list leave it whole.
	if st := s.mentions[a].start; st > 0 && s.word(st-1) == "của" && s.eventOwned(st-1) {
		return false
	}
	// "đang ở thăm Seoul, nhà lãnh đạo Hàn Quốc nêu rõ": a city and a
	// person are not listed together.
	ka, kb := s.mentions[a].kind, s.mentions[b].kind
	if ka == mPlace && kb == mPerson || ka == mPerson && kb == mPlace {
		return false
	}
	return s.mentions[a].stateLike() && s.mentions[b].stateLike()
}

// eventOwned reports an event noun owned by the "của" at k: a trigger
// ending a few words before it, with no name between ("vụ phóng của",
// "vụ thử tên lửa mới đây của").
func (s *sentence) eventOwned(k int) bool {
	for _, t := range s.trigs {
		if t.end <= k && k-t.end <= 4 && s.hasActorBetween(t.end, k) < 0 {
			return true
		}
	}
	return false
}

// stateLike: a state, or an office named by its state ("Lãnh đạo Hàn
// Quốc"), which lists of states mix ("Lãnh đạo Hàn Quốc, Trung Quốc và
// Nhật Bản"); a named person or an organisation before a comma is not a
// list item but a phrase of its own.
func (m *mention) stateLike() bool {
	switch m.kind {
	case mCountry, mTitle:
		return !m.isLocation
	case mPerson:
		return m.fromTitle
	case mPlace:
		return m.place != nil && m.place.Metonym && !m.isLocation
	}
	return false
}

// isActor reports whether a mention can be a side of an event.
func (m *mention) isActor() bool {
	switch m.kind {
	case mCountry, mPerson, mOrg, mTitle, mPair:
		return !m.isLocation
	case mPlace:
		return m.place != nil && m.place.Metonym && !m.isLocation
	}
	return false
}

// hasCue reports whether a cue of the classes starts in [i, j).
func (s *sentence) hasCue(i, j int, bits cueSet) int {
	for k := i; k < j && k < len(s.cues); k++ {
		if k >= 0 && s.cues[k].bits&bits != 0 {
			return k
		}
	}
	return -1
}

// eventsOf reads the events of one sentence.
// The drafts are appended to out.
func (x *Extractor) eventsOf(s *sentence, c *docContext, out []draft) []draft {
	// s.found was read against no reference date; it stands for any when
	// refFree, else the sentence is read again against the right one.
	dates := s.found
	if !s.refFree {
		if !c.ref.IsZero() { // against no reference it is s.found
			dates = timex.Find(s.text, c.pub, c.ref)
		}
		// Re-resolve anaphoric expressions against a date of this sentence.
		for _, d := range dates {
			if d.Rel.Kind() == timex.Absolute && d.Date.Precision() == 3 {
				dates = timex.Find(s.text, c.pub, d.Date)
				break
			}
		}
	}
	s.dates = dates
	// Which triggers report events of their own: a trigger inside the
	// clause of an earlier one is its content ("nhất trí sẽ tổ chức đối
	// thoại"), unless it has its own subject or date.
	type cand struct {
		t        *trigger
		subjFrom int
		subjAt   int  // read the subject as if the trigger stood here (coordinated predicates), or -1
		embedded bool // told inside another act's object
		inherit  int  // index of the candidate whose actor it shares, or -1
	}
	var cands []cand
	absorbedUntil, govern := -1, -1
	for ti := range s.trigs {
		t := &s.trigs[ti]
		cs, ce := s.clauseBounds(t.start)
		// A meeting named as the occasion ("Tại cuộc gặp", "Đang trong
		// chuyến thăm Mỹ") is no event and governs nothing.
		implied := false
		if t.entry.Event == "CONSULT" && s.cueBefore(t.start)&cBackref != 0 && !x.ownParticipants(s, t) {
			// "... đạt được sự nhất trí trong cuộc điện đàm kéo dài 20
			// phút": a meeting first told as the occasion of something else
			// is still a meeting of the sides in view.
			if implied = x.impliedMeeting(s, c, t); !implied {
				continue
			}
		}
		if x.toldAgain(s, ti, cs) {
			continue
		}
		// "Trước thềm chuyến thăm ...": on the eve of an occasion, it is
		// the setting of the news, not yet an event.
		if s.cueBefore(t.start)&cEve != 0 {
			continue
		}
		cd := cand{t: t, subjFrom: cs, subjAt: -1, inherit: -1}
		if govern >= 0 && t.start < absorbedUntil && !x.independentNominal(s, t, dates) && !implied {
			g := cands[govern].t
			own := x.ownSubject(s, g.end, t.start)
			switch {
			case !own && t.entry.Event == g.entry.Event && sukien.Symmetric(t.entry.Event):
				// "đã điện đàm với ..., thảo luận ...": the same meeting.
				continue
			case own && !governsAll(g.entry.Event):
				// "lên án việc Matxcơva và Bình Nhưỡng nhất trí ...".
				cd.subjFrom = g.end
				cd.embedded = true
			case t.entry.Event == g.entry.Event && !sukien.Symmetric(t.entry.Event) && !own:
				// "lệnh cấm vận với miền Bắc, kiểm soát xuất khẩu với Nga":
				// one actor, two targets.
				cd.inherit = govern
			case governsAll(g.entry.Event):
				continue
			case s.commaBetween(g.end, t.start):
				// "X chỉ thị họp khẩn, lên án ..., kêu gọi ...": coordinated
				// predicates of one subject.
				cd.subjAt = g.start
			default:
				continue
			}
		}
		if cd.inherit < 0 {
			govern, absorbedUntil = len(cands), ce
		}
		cands = append(cands, cd)
	}
	// A date goes to the nearest trigger that tells an event: one denied or
	// only hoped for ("dấy lên hy vọng tiếp tục cuộc đối thoại") takes none.
	suppressed := make([]bool, len(cands))
	live := make([]*trigger, 0, len(cands))
	for i, cd := range cands {
		suppressed[i] = x.negated(s, cd.subjFrom, cd.t) || x.purpose(s, cd.subjFrom, cd.t)
		if !suppressed[i] {
			live = append(live, cd.t)
		}
	}
	built := make([]int, len(cands)) // index into out, or -1
	for i, cd := range cands {
		built[i] = -1
		_, ce := s.clauseBounds(cd.t.start)
		if suppressed[i] {
			continue
		}
		var inherit *draft
		if cd.inherit >= 0 {
			// "cảnh báo chính quyền của ông sẽ kiên quyết đáp trả ...": when a
			// governing verb yields nothing (a warning with no target), the
			// act it governs stands on its own; not when it was negated or
			// hypothetical, nor after a noun ("các vụ thử ..., thử bom").
			g := cands[cd.inherit].t
			if built[cd.inherit] < 0 && (suppressed[cd.inherit] || s.nominal(g)) {
				suppressed[i] = suppressed[cd.inherit]
				continue
			}
			if built[cd.inherit] >= 0 {
				inherit = &out[built[cd.inherit]]
			}
		}
		if cd.subjAt >= 0 && inherit == nil {
			inherit = &draft{subj: x.subjectOf(s, c, cd.subjFrom, cd.subjAt).actors}
		}
		if d, ok := x.buildEvent(s, c, cd.t, cd.subjFrom, ce, dates, inherit, live); ok {
			d.embedded = cd.embedded
			built[i] = len(out)
			out = append(out, d)
		}
	}
	return out
}

// toldAgain reports a meeting named again as the subject of a sentence
// that places it after or before another event: "Cuộc gặp diễn ra sau hội
// nghị thượng đỉnh ... hồi tháng trước". The meeting was reported already;
// the sentence's news is the other event.
func (x *Extractor) toldAgain(s *sentence, ti, cs int) bool {
	t := &s.trigs[ti]
	if t.start != cs || !s.nominal(t) || ti+1 >= len(s.trigs) || t.end+2 >= len(s.toks.T) {
		return false
	}
	if s.word(t.end) != "diễn" || s.word(t.end+1) != "ra" {
		return false
	}
	k := t.end + 2
	if s.word(k) == "ngay" && k+1 < len(s.toks.T) {
		k++
	}
	w := s.word(k)
	return (w == "sau" || w == "trước") && s.trigs[ti+1].start > k && s.trigs[ti+1].start <= k+2
}

// purpose reports a trigger inside a purpose clause ("để tiến trình đàm
// phán thành công", "nhằm thảo luận"): an aim, not a fact.
func (x *Extractor) purpose(s *sentence, cs int, t *trigger) bool {
	// "đến Mátxcơva để thảo luận với ...": a verb after a journey is what
	// the journey did; only a noun in a purpose clause is a mere aim.
	if !s.nominal(t) {
		return false
	}
	for k := max(cs, t.start-6); k < t.start; k++ {
		if w := s.word(k); (w == "để" || w == "nhằm" && k+1 < len(s.toks.T) && s.word(k+1) != "vào") && s.mentAt[k] < 0 {
			return true
		}
	}
	return false
}

// commaBetween reports a comma (not inside a list of states) between
// tokens i and j.
func (s *sentence) commaBetween(i, j int) bool {
	for k := i + 1; k <= j && k < len(s.toks.T); k++ {
		if s.toks.T[k].Break && strings.Contains(s.toks.Gap(k), ",") && !s.listComma(k) {
			return true
		}
	}
	return false
}

// impliedMeeting reports a meeting named as an occasion ("trong cuộc điện
// đàm") when the article has named two sides but told no meeting of them.
func (x *Extractor) impliedMeeting(s *sentence, c *docContext, t *trigger) bool {
	if len(c.pair) < 2 || c.consulted[pairKey(c.pair)] || s.cueBefore(t.start)&cSideline != 0 {
		return false
	}
	w := s.word(t.start - 1)
	return w == "trong" || w == "tại"
}

func pairKey(lists ...[]sukien.Actor) string {
	var cs []string
	for _, as := range lists {
		for _, a := range as {
			if !contains(cs, a.Country) {
				cs = append(cs, a.Country)
			}
		}
	}
	sort.Strings(cs)
	return strings.Join(cs, ",")
}

// nominal reports whether a trigger is a noun ("cuộc gặp", "vụ phóng",
// "chuyến thăm", "hội nghị thượng đỉnh") rather than a verb.
func (s *sentence) nominal(t *trigger) bool {
	switch s.word(t.start) {
	case "cuộc", "vụ", "chuyến", "các", "những", "phiên", "lần", "thượng", "lệnh", "biện", "lời":
		return true
	case "hội":
		return t.end > t.start+1 && s.word(t.start+1) != "đàm" && s.word(t.start+1) != "kiến"
	}
	if t.start > 0 {
		switch s.word(t.start - 1) {
		case "việc", "vụ", "cuộc", "các", "những", "sự", "lời", "chuyến":
			return true
		}
	}
	return false
}

// predicated reports whether a nominal attitude ("những đề xuất", "lời
// kêu gọi") is what the clause does: "đưa ra đề xuất", "gửi lời chúc mừng".
func (s *sentence) predicated(t *trigger) bool {
	for k := t.start - 1; k >= 0 && k >= t.start-3; k-- {
		switch s.word(k) {
		case "ra", "gửi", "có", "đạt", "ký", "công", "bố", "nhắc", "lại", "nêu", "áp", "đặt", "ban", "thông", "qua", "dụng", "triển":
			return true
		}
	}
	return false
}

// lightVerb reports a verb that makes a nominal trigger the predicate:
// "tiến hành vụ thử", "đã có cuộc điện đàm", "tổ chức hội nghị".
func (s *sentence) lightVerb(t *trigger) bool {
	for k := t.start - 1; k >= 0 && k >= t.start-3; k-- {
		switch s.word(k) {
		case "hành", "chức", "có", "thử", "phóng", "dự", "mở", "thành", "trì", "tập", "nhóm":
			// tiến hành, tổ chức, đã có, tham dự, ...
			return true
		case "hiện", "khai":
			// thực hiện, triển khai; not "phát hiện vụ phóng" (detected it),
			// "công khai".
			if k > 0 && (s.word(k-1) == "thực" || s.word(k-1) == "triển") {
				return true
			}
		case "thúc", "lại":
			// "kết thúc cuộc tập trận", "khép lại cuộc tập trận"; the end of
			// a visit is no new meeting.
			return t.entry.Event != "CONSULT"
		}
	}
	return false
}

// independentNominal: a meeting or launch told with its own date or as
// having taken place ("Hội nghị thượng đỉnh ... diễn ra tại Seoul trong
// tháng 5", "vụ phóng hôm 14/5") is a fact wherever it stands.
func (x *Extractor) independentNominal(s *sentence, t *trigger, dates []timex.Expr) bool {
	if !s.nominal(t) {
		return false
	}
	ev := t.entry.Event
	if ev != "MOBILIZE" && ev != "CONSULT" {
		return false
	}
	end := s.toks.T[t.end-1].End
	limit := len(s.text)
	for _, u := range s.trigs {
		if u.start >= t.end {
			limit = s.toks.T[u.start].Start
			break
		}
	}
	for k := t.end; k < len(s.toks.T) && k < t.end+12; k++ {
		if s.toks.T[k].Break {
			break
		}
		if k+1 < len(s.toks.T) {
			switch s.word(k) + " " + s.word(k+1) {
			case "diễn ra", "tổ chức", "thực hiện", "tiến hành":
				// "vụ thử ... diễn ra lúc 5h27", "Hội nghị ... diễn ra tại Seoul"
				return true
			}
		}
	}
	for _, d := range dates {
		if d.Start >= end && d.Start < limit && d.Start-end < 140 && d.Date.Precision() >= 2 {
			return true
		}
	}
	// "hội nghị thượng đỉnh giữa lãnh đạo Hàn Quốc và Nhật Bản": a meeting
	// named with its own sides ("chuyến thăm của X" inside another act's
	// object is not enough).
	if ev != "CONSULT" {
		return false
	}
	for k := t.end; k < len(s.toks.T) && k < t.end+3; k++ {
		if s.word(k) == "giữa" {
			return true
		}
		if mi := s.mentAt[k]; mi >= 0 && k == t.end && s.mentions[mi].kind == mCountry && len(s.mentions[mi].actors) >= 2 {
			return true
		}
	}
	return false
}

// governsAll: triggers whose clause is all their own content: what is
// agreed, asked, refused or threatened is not a separate event.
func governsAll(ev string) bool {
	switch ev {
	case "AGREE", "REQUEST", "REJECT", "THREATEN", "SUPPORT":
		return true
	}
	return false
}

// ownSubject reports whether an actor is named between two triggers: the
// second then has its own subject ("lên án việc Matxcơva và Bình Nhưỡng
// nhất trí ...").
func (x *Extractor) ownSubject(s *sentence, i, j int) bool {
	if st := s.segmentStart(i, j); st > i {
		i = st
	}
	for k := i; k < j; k++ {
		if mi := s.mentAt[k]; mi >= 0 {
			m := &s.mentions[mi]
			if m.isActor() {
				// A possessor ("vụ phóng của Triều Tiên") is not a subject.
				if m.start > 0 && s.word(m.start-1) == "của" {
					continue
				}
				return true
			}
		}
	}
	return false
}

// negated reports a negation or a hypothetical between the clause start
// (or the last reporting verb) and the trigger.
func (x *Extractor) negated(s *sentence, cs int, t *trigger) bool {
	ts := t.start
	// An opinion ("cho rằng", "bày tỏ quan điểm rằng") anywhere before the
	// trigger in its clause makes it a view, not an event.
	// "ông Lee đánh giá ... là tín hiệu tích cực, và đề nghị ...": an
	// opinion ends at a coordinated predicate.
	from := cs
	for k := ts - 1; k > cs; k-- {
		if s.word(k) == "và" && s.toks.T[k].Break && strings.Contains(s.toks.Gap(k), ",") {
			from = k
			break
		}
	}
	for k := from; k < ts; k++ {
		if s.cues[k].bits&cOpinion != 0 && s.mentAt[k] < 0 {
			return true
		}
	}
	lo := cs
	if r := s.lastCue(cs, ts, cReporting); r >= 0 {
		lo = r
	}
	if lo < ts-7 {
		lo = ts - 7
	}
	// A negation does not reach over "và" or a comma into the next verb:
	// "không cho phép X khiêu khích và phản đối Triều Tiên".
	for k := ts - 1; k > lo; k-- {
		if s.word(k) == "và" && s.mentAt[k] < 0 || s.toks.T[k].Break && strings.Contains(s.toks.Gap(k), ",") {
			lo = k
			break
		}
	}
	for k := lo; k < ts; k++ {
		b := s.cues[k].bits
		if b&(cNegation|cHypothetical) != 0 && s.cueIn[k]&(cLocation|cSource|cEmphasis) == 0 && s.mentAt[k] < 0 {
			return true
		}
	}
	// "chuyến thăm ... không nên gây trở ngại": a meeting as the subject of
	// a negated or modal predicate.
	if s.nominal(t) {
		for k := t.end; k < len(s.toks.T) && k < t.end+10; k++ {
			if s.toks.T[k].Break {
				break
			}
			if b := s.cues[k].bits; b&(cNegation|cHypothetical) != 0 && s.cueIn[k]&cEmphasis == 0 && s.mentAt[k] < 0 {
				return true
			}
		}
	}
	// "đối thoại chỉ có thể diễn ra nếu ...": a bare event noun as the
	// subject of a modal.
	k := t.end
	if k+1 < len(s.toks.T) && s.word(k) == "với" && s.mentAt[k+1] >= 0 && !s.toks.T[k+1].Break {
		k = s.mentions[s.mentAt[k+1]].end // "đàm phán với Triều Tiên chỉ có thể ..."
	}
	head := k
	for k < len(s.toks.T) && k < head+2 && (s.word(k) == "chỉ" || s.word(k) == "mới") && !s.toks.T[k].Break {
		k++
	}
	if k < len(s.toks.T) && k > head && !s.toks.T[k].Break && s.cues[k].bits&cHypothetical != 0 && s.cueIn[k]&cEmphasis == 0 {
		return true
	}
	return false
}

func (s *sentence) lastCue(lo, hi int, bits cueSet) int {
	for k := hi - 1; k >= lo; k-- {
		if k < len(s.cues) && s.cues[k].bits&bits != 0 {
			return s.cues[k].end
		}
	}
	return -1
}
