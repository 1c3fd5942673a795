// Package timex finds Vietnamese date expressions in a sentence and resolves
// them to calendar dates.
//
// It reads absolute dates ("ngày 18/6", "27.4.2018", "tháng 10-2024",
// "năm 2013"), dates relative to the publication date ("hôm qua",
// "tuần trước", "năm ngoái", "sáng Chủ nhật") and dates relative to the
// document's reference date, the date of the last dated event read
// ("cùng ngày", "một ngày trước đó"). A small hand-written scanner walks
// the sentence once, word by word, and tries a phrase only where a number
// or a cue word may start one, so Find is cheap on the many sentences that
// hold no date and allocates only the slice it returns.
package timex

import (
	"strconv"
	"strings"
)

// Relation says what a date expression is relative to. Its kind is one of
// Absolute, Deictic, SameDay and Anaphoric; Past or Future may be added as
// hints of the direction in time ("vừa qua", "tới", "trước đó").
type Relation uint8

const (
	Absolute  Relation = iota // the text names the date: "ngày 18/6", "năm 2013"
	Deictic                   // relative to publication: "hôm nay", "tuần trước", "tháng tới"
	SameDay                   // the reference date itself: "cùng ngày", "cùng hôm"
	Anaphoric                 // relative to the reference date: "trước đó", "hôm sau"

	Past   Relation = 1 << 6 // the date lies before its anchor
	Future Relation = 1 << 7 // the date lies after its anchor
)

// Kind returns r without its Past and Future hints.
func (r Relation) Kind() Relation { return r &^ (Past | Future) }

func (r Relation) String() string {
	var s string
	switch r.Kind() {
	case Absolute:
		s = "Absolute"
	case Deictic:
		s = "Deictic"
	case SameDay:
		s = "SameDay"
	case Anaphoric:
		s = "Anaphoric"
	default:
		s = "Relation(" + strconv.Itoa(int(r.Kind())) + ")"
	}
	if r&Past != 0 {
		s += "|Past"
	}
	if r&Future != 0 {
		s += "|Future"
	}
	return s
}

// Expr is one date expression found in a sentence.
type Expr struct {
	Start, End int    // byte offsets in the sentence
	Text       string // the expression as written
	Date       Date   // resolved date; zero when it cannot be resolved (then Partial has what was said)
	Partial    Date   // what the text itself gives before resolution (e.g. Month 6 Day 18, no year)
	Rel        Relation
}

// Find returns the date expressions of sentence, in order. pub is the
// publication date (may be zero or partial), ref is the document's current
// reference date (the date of the last dated event read so far, zero if
// none) for "cùng ngày" and "trước đó một ngày".
//
// Day and month without a year take the year of pub, or the year before
// when that would put them more than about two months after pub, or the
// year after when more than about ten months before it; "vừa qua" and
// "tới" after the date force the past or the future.
func Find(sentence string, pub, ref Date) []Expr {
	return Append(nil, sentence, pub, ref)
}

// Append is Find appending to dst, for callers that reuse a slice.
func Append(dst []Expr, sentence string, pub, ref Date) []Expr {
	sc := scanner{s: sentence, pub: pub.clean(), ref: ref.clean()}
	var prev token
	for i := 0; ; {
		t := next(sentence, i)
		if t.kind == tokEOF {
			return dst
		}
		// Most words are no cue and most marks no "(": match would
		// turn them away, but returning its empty Expr costs more.
		if t.kind == tokWord && t.cue == cNone || t.kind == tokPunct && sentence[t.start] != '(' {
			prev, i = t, t.end
			continue
		}
		if e, ok := sc.match(t, prev); ok {
			dst = append(dst, e)
			prev, i = token{}, e.End
			continue
		}
		prev, i = t, t.end
	}
}

// scanner holds one sentence and the dates it is read against.
type scanner struct {
	s        string
	pub, ref Date
}

// anchor is the date anaphoric expressions count from: the reference date,
// or the publication date when nothing has been dated yet.
func (sc *scanner) anchor() Date {
	if !sc.ref.IsZero() {
		return sc.ref
	}
	return sc.pub
}

func (sc *scanner) next(i int) token { return next(sc.s, i) }

// is reports whether t is the punctuation mark c.
func (sc *scanner) is(t token, c byte) bool {
	return t.kind == tokPunct && sc.s[t.start] == c
}

func (sc *scanner) expr(start, end int, date, partial Date, rel Relation) Expr {
	if !date.Valid() || date.Year == 0 {
		date = Date{}
	}
	if !partial.validPartial() {
		partial = Date{}
	}
	return Expr{Start: start, End: end, Text: sc.s[start:end], Date: date, Partial: partial, Rel: rel}
}

// match tries the expressions that may begin at t; prev is the token before
// t, if not part of an expression.
func (sc *scanner) match(t, prev token) (Expr, bool) {
	switch t.kind {
	case tokNum:
		return sc.number(t, prev)
	case tokPunct:
		if sc.is(t, '(') {
			return sc.paren(t)
		}
		return Expr{}, false
	}
	switch t.cue {
	case cNone:
		return Expr{}, false
	case cDay, cDayHom, cMorning, cNoon, cAfternoon, cEvening, cNight, cLateNight, cDawn:
		return sc.dayPhrase(t.start, t, prev)
	case cMonth:
		if counted(prev) {
			return Expr{}, false
		}
		return sc.monthPhrase(t.start, t, 0)
	case cWeek:
		if counted(prev) {
			return Expr{}, false
		}
		return sc.weekPhrase(t.start, t, 0)
	case cYear:
		u := sc.next(t.end)
		if isUnit(u.cue) {
			return sc.countPhrase(t.start, 5, t)
		}
		if counted(prev) {
			return sc.yearsPhrase(prev, t)
		}
		return sc.yearPhrase(t.start, t, 0)
	case cEnd, cBegin, cMiddle:
		return sc.modified(t, prev)
	case cUpper, cMid, cLower:
		// "thượng tuần tháng 5": early, middle or late in a month
		u := sc.next(t.end)
		if u.cue != cWeek {
			return Expr{}, false
		}
		v := sc.next(u.end)
		if v.cue != cMonth {
			return Expr{}, false
		}
		return sc.monthPhrase(t.start, v, t.cue)
	case cSame:
		return sc.samePhrase(t.start, t)
	case cBefore, cAfter:
		return sc.thenPhrase(t)
	case cOrdinal, cSunday1:
		return sc.weekdayPhrase(t.start, t, licenses(prev.cue))
	}
	if numeral(t.cue) > 0 && !counted(prev) {
		n, last := sc.readNumeral(t)
		return sc.countPhrase(t.start, n, last)
	}
	return Expr{}, false
}

func isTimeOfDay(c cue) bool {
	switch c {
	case cMorning, cNoon, cAfternoon, cEvening, cNight, cLateNight, cDawn, cEarly, cLate:
		return true
	}
	return false
}

// isUnit reports whether c is a unit of time that a count may precede.
func isUnit(c cue) bool { return c == cDay || c == cWeek || c == cMonth || c == cYear }

// counted reports whether t is a count or quantifier, which makes the unit
// after it a duration ("hai tháng qua", "vài ngày trước").
func counted(t token) bool {
	return t.kind == tokNum || t.cue == cQuant || numeral(t.cue) > 0
}

// licenses reports whether a preposition c lets a bare "14/5" or "thứ 6"
// after it be read as a date.
func licenses(c cue) bool {
	switch c {
	case cAt, cFrom, cTo, cTill, cBack:
		return true
	}
	return false
}

// dayPhrase reads the expressions led by ngày, hôm or a time of day:
// "ngày 18/6", "hôm qua", "rạng sáng ngày 14/5", "chiều cùng ngày",
// "sáng Chủ nhật", "trong ngày".
func (sc *scanner) dayPhrase(start int, t, prev token) (Expr, bool) {
	u := t
	for isTimeOfDay(u.cue) {
		u = sc.next(u.end)
	}
	if u.start != t.start {
		switch {
		case u.kind == tokNum || u.cue == cMung:
			return sc.datePhrase(start, u)
		case u.cue == cToday: // "sáng nay"
			return sc.relative(start, u.end, sc.pub, Deictic)
		case u.cue == cPast: // "tối qua"
			return sc.relative(start, u.end, sc.pub.AddDays(-1), Deictic|Past)
		case u.cue == cTomorrow: // "sáng mai"
			return sc.relative(start, u.end, sc.pub.AddDays(1), Deictic|Future)
		case u.cue == cSame:
			return sc.samePhrase(start, u)
		case u.cue == cOrdinal || u.cue == cSunday1:
			return sc.weekdayPhrase(start, u, true)
		case u.cue != cDay && u.cue != cDayHom:
			return Expr{}, false
		}
	}
	v := sc.next(u.end)
	hom := u.cue == cDayHom
	if u.cue == cDay && v.cue == cDayHom { // "ngày hôm qua"
		u, v, hom = v, sc.next(v.end), true
	}
	if v.kind != tokNum && v.cue != cMung && counted(prev) && !isTimeOfDay(t.cue) {
		return Expr{}, false // "hai ngày", "vài hôm"
	}
	switch {
	case v.kind == tokNum || v.cue == cMung:
		return sc.datePhrase(start, v)
	case hom && v.cue == cToday:
		return sc.relative(start, v.end, sc.pub, Deictic)
	case hom && v.cue == cPast:
		return sc.relative(start, v.end, sc.pub.AddDays(-1), Deictic|Past)
	case v.cue == cKia: // "hôm kia" is two days ago, "ngày kia" two days ahead
		if hom {
			return sc.relative(start, v.end, sc.pub.AddDays(-2), Deictic|Past)
		}
		return sc.relative(start, v.end, sc.pub.AddDays(2), Deictic|Future)
	case !hom && v.cue == cTomorrow:
		return sc.relative(start, v.end, sc.pub.AddDays(1), Deictic|Future)
	case v.cue == cBefore || v.cue == cAfter:
		// "hôm trước", "ngày hôm sau", "ngày trước đó"; a bare "ngày
		// trước" means "formerly".
		end, n, rel := v.end, -1, Anaphoric|Past
		if v.cue == cAfter {
			n, rel = 1, Anaphoric|Future
		}
		if w := sc.next(v.end); w.cue == cThat {
			end = w.end
		} else if !hom {
			return Expr{}, false
		}
		return sc.relative(start, end, sc.anchor().AddDays(n), rel)
	case hom && v.cue == cThat: // "hôm đó"
		return sc.relative(start, v.end, sc.anchor(), SameDay)
	case hom && (v.cue == cOrdinal || v.cue == cSunday1):
		return sc.weekdayPhrase(start, v, true)
	}
	if u.cue == cDay && u.start == start && prev.cue == cIn { // "trong ngày"
		return sc.expr(prev.start, u.end, sc.anchor(), Date{}, SameDay), true
	}
	return Expr{}, false
}

// relative returns a date expression relative to publication or reference
// date, or, when the text names the day right after it ("hôm nay (20/6)",
// "hôm qua, 2/6"), the named day.
func (sc *scanner) relative(start, end int, date Date, rel Relation) (Expr, bool) {
	if e, x, ok := sc.explicitAfter(end); ok {
		return sc.expr(start, e, sc.resolveDay(x, 0), x.date(), Absolute), true
	}
	return sc.expr(start, end, date, Date{}, rel), true
}

// explicitAfter reads a day named after a relative one: "(20/6)",
// "(ngày 21/5)", ", 16/5", " 15-9", " ngày 21/5".
func (sc *scanner) explicitAfter(i int) (end int, x dmy, ok bool) {
	t := sc.next(i)
	paren := sc.is(t, '(')
	if paren || sc.is(t, ',') {
		t = sc.next(t.end)
	}
	if t.cue == cDay {
		t = sc.next(t.end)
	}
	if t.kind != tokNum {
		return 0, dmy{}, false
	}
	if x, end, ok = sc.dayMonth(t, false); !ok {
		return 0, dmy{}, false
	}
	if paren {
		u := sc.next(end)
		if !sc.is(u, ')') {
			return 0, dmy{}, false
		}
		end = u.end
	}
	return end, x, true
}

// dmy is a day and month as written, with the year when given.
type dmy struct{ y, m, d int }

func (x dmy) date() Date { return Date{x.y, x.m, x.d} }

// dayMonth reads a day and month at t: "18/6", "14.5", "21-12", "8/5/2025",
// "27 tháng 4 năm 2018", and when ranges are allowed "22 và 23/6" or
// "18 - 20/9", of which it keeps the first day.
func (sc *scanner) dayMonth(t token, ranges bool) (x dmy, end int, ok bool) {
	s := sc.s
	first := 0
	for {
		if t.kind != tokNum || t.end-t.start > 2 {
			return dmy{}, 0, false
		}
		d := atoi(s[t.start:t.end])
		if d < 1 || d > 31 {
			return dmy{}, 0, false
		}
		if first == 0 {
			first = d
		}
		j := t.end
		if j+1 < len(s) && isSep(s[j]) && isDigit(s[j+1]) {
			if x, end, ok := sc.numericDate(j, first); ok {
				return x, end, true
			}
			if s[j] != '-' || !ranges {
				return dmy{}, 0, false
			}
			t = sc.next(j + 1) // "18-20/9"
			continue
		}
		u := sc.next(j)
		if u.cue == cMonth { // "27 tháng 4 năm 2018"
			v := sc.next(u.end)
			if v.kind != tokNum || v.end-v.start > 2 || sc.glued(v) {
				return dmy{}, 0, false
			}
			x := dmy{m: atoi(s[v.start:v.end]), d: first}
			end := v.end
			if w := sc.next(end); w.cue == cYear {
				if y := sc.next(w.end); y.kind == tokNum && y.end-y.start == 4 && !sc.glued(y) {
					x.y, end = atoi(s[y.start:y.end]), y.end
				}
			}
			if x.m < 1 || x.m > 12 || !x.date().Valid() {
				return dmy{}, 0, false
			}
			return x, end, true
		}
		if !ranges || !(u.cue == cAnd || u.cue == cTo || u.cue == cTill || sc.is(u, '-') || sc.is(u, ',')) {
			return dmy{}, 0, false
		}
		t = sc.next(u.end)
	}
}

// numericDate reads the month and maybe year after a day that ends at j:
// "/6", ".5.2018", "-12-2025".
func (sc *scanner) numericDate(j, day int) (x dmy, end int, ok bool) {
	s := sc.s
	sep := s[j]
	k := digitsEnd(s, j+1)
	if k-(j+1) > 2 {
		return dmy{}, 0, false
	}
	x = dmy{m: atoi(s[j+1 : k]), d: day}
	if x.m < 1 || x.m > 12 {
		return dmy{}, 0, false
	}
	end = k
	if k+1 < len(s) && isSep(s[k]) && isDigit(s[k+1]) {
		l := digitsEnd(s, k+1)
		switch {
		case l-(k+1) == 4:
			x.y, end = atoi(s[k+1:l]), l
		case s[k] == sep:
			return dmy{}, 0, false // "1.2.3" is no date
		case sep == '-':
			return dmy{}, 0, false // "7-8/7" is a range of days
		}
	}
	if end < len(s) && (s[end] == '%' || s[end] == '+' || letterAt(s, end) ||
		end+1 < len(s) && (s[end] == ',' || s[end] == '.') && isDigit(s[end+1])) {
		return dmy{}, 0, false
	}
	if x.y != 0 && (x.y < 1000 || x.y > 2999) || !x.date().Valid() {
		return dmy{}, 0, false
	}
	return x, end, true
}

// datePhrase reads a day and month at t after ngày, hôm or a time of day,
// with what may follow it: a year ("năm nay", "năm 2018") and a hint
// ("vừa qua", "tới"). Such cues are strong enough for a range of days
// ("ngày 22 và 23/6") or a day alone ("hôm 14").
func (sc *scanner) datePhrase(start int, t token) (Expr, bool) {
	if t.cue == cMung {
		t = sc.next(t.end)
	}
	if t.kind != tokNum {
		return Expr{}, false
	}
	x, end, ok := sc.dayMonth(t, true)
	if !ok {
		return sc.dayOnly(start, t)
	}
	return sc.finishDate(start, end, x, false)
}

// finishDate reads the year and hint that may follow a day and month
// ending at end, and resolves it. After a weak cue (vào, từ, đến) a date
// followed by a unit is a count instead ("từ 8-10 tháng").
func (sc *scanner) finishDate(start, end int, x dmy, weak bool) (Expr, bool) {
	partial := x.date()
	var hint Relation
	if x.y == 0 {
		if e, y, h, lit, ok := sc.yearAfter(end); ok {
			end, x.y, hint = e, y, h
			if lit {
				partial.Year = y
			}
			if y == 0 {
				return sc.expr(start, end, Date{}, partial, Absolute|hint), true
			}
		} else if u := sc.next(end); weak && (isUnit(u.cue) || u.cue == cUnit) {
			return Expr{}, false
		}
	}
	if e, h := sc.hintAfter(end); h != 0 {
		end, hint = e, h
	}
	return sc.expr(start, end, sc.resolveDay(x, hint), partial, Absolute|hint), true
}

// dayOnly reads a day of the month without a month, "hôm 14": the last
// such day on or before publication.
func (sc *scanner) dayOnly(start int, t token) (Expr, bool) {
	s := sc.s
	if t.end-t.start > 2 || sc.glued(t) {
		return Expr{}, false
	}
	d := atoi(s[t.start:t.end])
	if d < 1 || d > 31 {
		return Expr{}, false
	}
	if t.end+1 < len(s) && (isSep(s[t.end]) || s[t.end] == ',') && isDigit(s[t.end+1]) {
		return Expr{}, false // "ngày 31/2" is no date, nor a day
	}
	if u := sc.next(t.end); u.kind == tokNum || isUnit(u.cue) || u.cue == cUnit || u.cue == cAnd || sc.is(u, '-') {
		return Expr{}, false
	}
	end := t.end
	e, hint := sc.hintAfter(end)
	if hint != 0 {
		end = e
	}
	var date Date
	if p := sc.pub; p.Day != 0 {
		m := p.month()
		switch {
		case hint&Future != 0 && d < p.Day:
			m = m.addMonths(1)
		case hint&Future == 0 && d > p.Day:
			m = m.addMonths(-1)
		}
		date = Date{m.Year, m.Month, d}
	}
	return sc.expr(start, end, date, Date{Day: d}, Absolute|hint), true
}

// yearAfter reads the year said after a day or month: "năm 2018" (written
// out, literal), "năm nay", "năm ngoái", "năm tới". y is 0 when the year is
// relative and pub has none.
func (sc *scanner) yearAfter(i int) (end, y int, hint Relation, literal, ok bool) {
	t := sc.next(i)
	if t.cue != cYear {
		return 0, 0, 0, false, false
	}
	u := sc.next(t.end)
	switch {
	case u.kind == tokNum:
		if u.end-u.start != 4 || sc.glued(u) {
			return 0, 0, 0, false, false
		}
		if y = atoi(sc.s[u.start:u.end]); y < 1000 || y > 2999 {
			return 0, 0, 0, false, false
		}
		return u.end, y, 0, true, true
	case u.cue == cToday:
		return u.end, sc.pub.Year, 0, false, true
	case u.cue == cLastYear, u.cue == cBefore:
		return u.end, sc.pub.addYears(-1).Year, Past, false, true
	case u.cue == cTill, u.cue == cAfter:
		return u.end, sc.pub.addYears(1).Year, Future, false, true
	}
	return 0, 0, 0, false, false
}

// hintAfter reads "vừa qua", "vừa rồi", "sắp tới" or a final "qua" or "tới"
// after a date, which tell whether it lies before or after publication.
func (sc *scanner) hintAfter(i int) (end int, hint Relation) {
	t := sc.next(i)
	switch t.cue {
	case cJust:
		if u := sc.next(t.end); u.cue == cPast || u.cue == cAlready {
			return u.end, Past
		}
	case cSoon:
		if u := sc.next(t.end); u.cue == cTill {
			return u.end, Future
		}
	case cPast: // "cuối tháng 4 qua," but not "ngày 14/5 qua Seoul"
		if u := sc.next(t.end); u.kind == tokEOF || u.kind == tokPunct && !sc.is(u, '(') {
			return t.end, Past
		}
	case cTill:
		// "ngày 20/6 tới," but not "ngày 14/5 tới Seoul" nor "từ 8/5 tới 10/5"
		u := sc.next(t.end)
		switch {
		case u.cue == cHere:
			return u.end, Future
		case u.kind == tokEOF, u.kind == tokPunct && !sc.is(u, '('),
			u.cue == cWill, u.cue == cPlace, u.cue == cAnd:
			return t.end, Future
		}
	}
	return i, 0
}

// resolveDay gives a day and month the year of publication, or the year
// before or after it as described at Find.
func (sc *scanner) resolveDay(x dmy, hint Relation) Date {
	if x.y == 0 {
		if sc.pub.Year == 0 {
			return Date{}
		}
		x.y = inferYear(sc.pub, x.m, x.d, hint)
	}
	if d := x.date(); d.Valid() {
		return d
	}
	return Date{}
}

// inferYear returns the year of month m, day d (0 if not given) nearest to
// pub that agrees with hint: within about two months after pub and ten
// months before it when there is no hint.
func inferYear(pub Date, m, d int, hint Relation) int {
	y := pub.Year
	if pub.Month == 0 {
		return y
	}
	var diff int // days from pub to the date, roughly when a day is missing
	if pub.Day != 0 && d != 0 {
		diff = daysFromCivil(y, m, d) - daysFromCivil(pub.Year, pub.Month, pub.Day)
	} else {
		diff = (m - pub.Month) * 31
	}
	switch {
	case hint&Past != 0:
		if diff > 0 {
			y--
		}
	case hint&Future != 0:
		if diff < 0 {
			y++
		}
	case diff > 62:
		y--
	case diff < -305:
		y++
	}
	return y
}

// number reads the expressions that begin with digits: "3 ngày trước",
// full dates "22/12/2025", year ranges "1950-1953", and, after a
// preposition or before "vừa qua", a day and month "14/5".
func (sc *scanner) number(t, prev token) (Expr, bool) {
	if sc.glued(t) {
		return Expr{}, false
	}
	s := sc.s
	n := t.end - t.start
	if n <= 2 {
		if e, ok := sc.countPhrase(t.start, atoi(s[t.start:t.end]), t); ok {
			return e, true
		}
	}
	if n == 4 {
		return sc.yearNumber(t)
	}
	x, end, ok := sc.dayMonth(t, false)
	switch {
	case !ok:
		return Expr{}, false
	case x.y != 0:
		return sc.finishDate(t.start, end, x, false)
	case licenses(prev.cue):
		return sc.finishDate(t.start, end, x, true)
	}
	// A bare "14/5" is a date only when a year or a hint follows.
	if _, _, _, _, ok := sc.yearAfter(end); ok {
		return sc.finishDate(t.start, end, x, false)
	}
	if _, hint := sc.hintAfter(end); hint&Past != 0 {
		return sc.finishDate(t.start, end, x, false)
	}
	return Expr{}, false
}

// yearNumber reads a year range "1950-1953" or an ISO date "2024-06-18".
func (sc *scanner) yearNumber(t token) (Expr, bool) {
	s := sc.s
	if end := t.end + 6; end <= len(s) && s[t.end] == '-' && s[t.end+3] == '-' &&
		(end == len(s) || !isDigit(s[end]) && !letterAt(s, end)) {
		if d, ok := ParseISO(s[t.start:end]); ok && d.Day != 0 {
			return sc.expr(t.start, end, d, d, Absolute), true
		}
	}
	y := atoi(s[t.start:t.end])
	if end, ok := sc.yearTo(y, t.end); ok {
		return sc.expr(t.start, end, Date{Year: y}, Date{Year: y}, Absolute), true
	}
	return Expr{}, false
}

// yearTo reads the end of a year range after year y1: "-1953", " - 2008".
func (sc *scanner) yearTo(y1, i int) (end int, ok bool) {
	u := sc.next(i)
	if !sc.is(u, '-') || y1 < 1000 || y1 > 2999 {
		return 0, false
	}
	v := sc.next(u.end)
	if v.kind != tokNum || v.end-v.start != 4 || sc.gluedAfter(v) {
		return 0, false
	}
	if y2 := atoi(sc.s[v.start:v.end]); y2 <= y1 || y2-y1 > 100 {
		return 0, false
	}
	return v.end, true
}

// paren reads a date alone in parentheses: "(14.5)", "(10/5)", "(2003-2008)",
// "(1953)". The expression is what is inside.
func (sc *scanner) paren(t token) (Expr, bool) {
	s := sc.s
	v := sc.next(t.end)
	if v.kind != tokNum || sc.gluedAfter(v) {
		return Expr{}, false
	}
	var e Expr
	if v.end-v.start == 4 {
		y := atoi(s[v.start:v.end])
		end, ok := sc.yearTo(y, v.end)
		if !ok {
			if y < 1900 || y > 2100 {
				return Expr{}, false
			}
			end = v.end
		}
		e = sc.expr(v.start, end, Date{Year: y}, Date{Year: y}, Absolute)
	} else {
		x, end, ok := sc.dayMonth(v, false)
		if !ok {
			return Expr{}, false
		}
		e = sc.expr(v.start, end, sc.resolveDay(x, 0), x.date(), Absolute)
	}
	if !sc.is(sc.next(e.End), ')') {
		return Expr{}, false
	}
	return e, true
}

// countPhrase reads n units before or after an anchor: "3 ngày trước" (from
// publication), "hai ngày trước đó", "một ngày sau đó" (from the reference
// date), "hai tuần nữa". t is the count. Before or after a common noun
// ("một tuần trước cuộc gặp") the anchor is an event this cannot date.
func (sc *scanner) countPhrase(start, n int, t token) (Expr, bool) {
	u := sc.next(t.end)
	if !isUnit(u.cue) && u.cue != cDayHom {
		return Expr{}, false
	}
	v := sc.next(u.end)
	w := sc.next(v.end)
	var rel Relation
	switch v.cue {
	case cBefore:
		rel = Past
	case cAfter:
		rel = Future
	case cMore: // "hai tuần nữa"
		return sc.expr(start, v.end, shift(sc.pub, u.cue, n), Date{}, Deictic|Future), true
	default:
		return Expr{}, false
	}
	sign := 1
	if rel == Past {
		sign = -1
	}
	switch {
	case w.cue == cThat: // "hai ngày trước đó", "một ngày sau đó"
		return sc.expr(start, w.end, shift(sc.anchor(), u.cue, sign*n), Date{}, Anaphoric|rel), true
	case w.kind == tokWord && w.cue == cNone && !isUpperWord(sc.s, w), w.cue == cWhenConj:
		// "hai ngày trước khi ...", "một tuần trước cuộc gặp": before or
		// after an event named next, which this does not date
		return sc.expr(start, v.end, Date{}, Date{}, Anaphoric|rel), true
	case rel == Past: // "3 ngày trước", counted from publication
		return sc.expr(start, v.end, shift(sc.pub, u.cue, -n), Date{}, Deictic|Past), true
	}
	// "hai ngày sau, ..." counts from the last dated event
	return sc.expr(start, v.end, shift(sc.anchor(), u.cue, n), Date{}, Anaphoric|Future), true
}

// shift moves d by n units of time, at the precision the unit supports:
// days keep the day, weeks and months give a month, years a year.
func shift(d Date, unit cue, n int) Date {
	switch unit {
	case cDay, cDayHom:
		return d.AddDays(n)
	case cWeek:
		if d.Day == 0 {
			return d.month()
		}
		return d.AddDays(7 * n).month()
	case cMonth:
		return d.addMonths(n)
	}
	return d.addYears(n)
}

// thenPhrase reads "trước đó" and "sau đó", alone (no date, a direction)
// or with a count: "trước đó một ngày", "sau đó 2 tuần".
func (sc *scanner) thenPhrase(t token) (Expr, bool) {
	u := sc.next(t.end)
	if u.cue != cThat {
		return Expr{}, false
	}
	sign, rel := -1, Anaphoric|Past
	if t.cue == cAfter {
		sign, rel = 1, Anaphoric|Future
	}
	v := sc.next(u.end)
	n := numeral(v.cue)
	if v.kind == tokNum && v.end-v.start <= 2 && !sc.glued(v) {
		n = atoi(sc.s[v.start:v.end])
	}
	if w := sc.next(v.end); n > 0 && isUnit(w.cue) {
		return sc.expr(t.start, w.end, shift(sc.anchor(), w.cue, sign*n), Date{}, rel), true
	}
	return sc.expr(t.start, u.end, Date{}, Date{}, rel), true
}

// samePhrase reads "cùng ngày", "cùng hôm (đó)", "cùng tháng", "cùng năm":
// the reference date at the precision said. t is "cùng".
func (sc *scanner) samePhrase(start int, t token) (Expr, bool) {
	u := sc.next(t.end)
	v := sc.next(u.end)
	if v.kind == tokNum { // "cùng ngày 14/5" is that date
		return Expr{}, false
	}
	date, end := sc.anchor(), u.end
	switch u.cue {
	case cDay, cDayHom:
		if v.cue == cDayHom { // "cùng ngày hôm đó"
			v = sc.next(v.end)
		}
		if v.cue == cThat {
			end = v.end
		}
	case cMonth:
		date = date.month()
	case cYear:
		date = date.addYears(0)
	default:
		return Expr{}, false
	}
	return sc.expr(start, end, date, Date{}, SameDay), true
}

// modified reads a month, year, week or day led by cuối, đầu or giữa (t):
// "cuối tháng 4", "đầu năm nay", "cuối tuần qua", "cuối ngày 3/4". Alone,
// "cuối tháng" and "đầu năm" are of the present month or year, but only
// after a preposition ("vào cuối tháng"), since "ngày cuối tháng" is any
// month's last day.
func (sc *scanner) modified(t, prev token) (Expr, bool) {
	u := sc.next(t.end)
	var e Expr
	var ok bool
	switch u.cue {
	case cMonth:
		e, ok = sc.monthPhrase(t.start, u, t.cue)
	case cYear:
		e, ok = sc.yearPhrase(t.start, u, t.cue)
	case cWeek:
		e, ok = sc.weekPhrase(t.start, u, t.cue)
	case cDay:
		if v := sc.next(u.end); v.kind == tokNum || v.cue == cMung {
			return sc.datePhrase(t.start, v)
		}
	}
	if ok && e.End == u.end && !licenses(prev.cue) && prev.cue != cIn && u.cue != cWeek {
		return Expr{}, false
	}
	return e, ok
}

// readNumeral reads a numeral in words at t, compounds included: "hai",
// "mười tám", "hai mươi lăm". It returns the value and the last word.
func (sc *scanner) readNumeral(t token) (int, token) {
	n := numeral(t.cue)
	u := sc.next(t.end)
	switch {
	case t.cue == cTen: // "mười tám"; "mười năm" is ten years
		if d := numeral(u.cue); d > 0 && u.cue != cYear {
			return 10 + d, u
		} else if u.cue == cFiveInCompound {
			return 15, u
		}
	case u.cue == cTens && n >= 2: // "hai mươi", "ba mươi mốt"
		v := sc.next(u.end)
		switch d := numeral(v.cue); {
		case v.cue == cFiveInCompound:
			return n*10 + 5, v
		case v.cue == cOneInCompound:
			return n*10 + 1, v
		case d > 0 && d < 10 && v.cue != cYear:
			return n*10 + d, v
		}
		return n * 10, u
	}
	return n, t
}

// monthName returns the month a capitalised word names after tháng:
// "tháng Tư", "tháng Giêng", "tháng Mười".
func monthName(c cue) int {
	switch c {
	case cJanuary:
		return 1
	case cDecember:
		return 12
	}
	return numeral(c)
}

// monthPhrase reads what follows tháng (t): "tháng 10/2024", "tháng 5 năm
// 2018", "tháng 5", "tháng Tư", "tháng trước", "tháng tới". mod is the
// cuối/đầu/giữa before it, if any.
func (sc *scanner) monthPhrase(start int, t token, mod cue) (Expr, bool) {
	s := sc.s
	v := sc.next(t.end)
	m, end := 0, v.end
	switch {
	case v.kind == tokNum && v.end-v.start <= 2 && !sc.gluedAfter(v):
		m = atoi(s[v.start:v.end])
	case v.kind == tokWord && isUpperWord(s, v) && monthName(v.cue) > 0:
		m = monthName(v.cue)
		if m == 10 { // "tháng Mười Một", "tháng Mười Hai"
			if w := sc.next(v.end); w.cue == cOne || w.cue == cTwo {
				m, end = 10+numeral(w.cue), w.end
			}
		}
	case v.cue == cBefore, v.cue == cAfter:
		if w := sc.next(v.end); w.cue == cThat { // "tháng trước đó", "tháng sau đó"
			n, rel := -1, Anaphoric|Past
			if v.cue == cAfter {
				n, rel = 1, Anaphoric|Future
			}
			return sc.expr(start, w.end, sc.anchor().addMonths(n), Date{}, rel), true
		}
		if v.cue == cBefore {
			return sc.expr(start, v.end, sc.pub.addMonths(-1), Date{}, Deictic|Past), true
		}
		return sc.expr(start, v.end, sc.pub.addMonths(1), Date{}, Deictic|Future), true
	case v.cue == cPast:
		return sc.expr(start, v.end, sc.pub.addMonths(-1), Date{}, Deictic|Past), true
	case v.cue == cTill:
		return sc.expr(start, v.end, sc.pub.addMonths(1), Date{}, Deictic|Future), true
	case v.cue == cThis:
		return sc.expr(start, v.end, sc.pub.month(), Date{}, Deictic), true
	case mod != 0: // "cuối tháng": of this month
		return sc.expr(start, t.end, sc.pub.month(), Date{}, Deictic), true
	}
	if m < 1 || m > 12 {
		return Expr{}, false
	}
	y := 0
	var hint Relation
	if j := end; v.kind == tokNum && j+1 < len(s) && isSep(s[j]) && isDigit(s[j+1]) {
		// "tháng 10-2024", "tháng 1/2016", "tháng 3-5/2018"
		k := digitsEnd(s, j+1)
		switch k - (j + 1) {
		case 4:
			y, end = atoi(s[j+1:k]), k
		case 1, 2:
			if m2 := atoi(s[j+1 : k]); m2 > m && m2 <= 12 && k+5 <= len(s) && isSep(s[k]) {
				if l := digitsEnd(s, k+1); l-(k+1) == 4 {
					y, end = atoi(s[k+1:l]), l
				}
			}
		}
		if y != 0 && (y < 1000 || y > 2999 || end < len(s) && letterAt(s, end)) {
			return Expr{}, false
		}
	}
	partial := Date{Year: y, Month: m}
	if y == 0 {
		if e, yy, h, lit, ok := sc.yearAfter(end); ok {
			end, y, hint = e, yy, h
			if lit {
				partial.Year = y
			}
			if y == 0 {
				return sc.expr(start, end, Date{}, partial, Absolute|hint), true
			}
		}
	}
	if e, h := sc.hintAfter(end); h != 0 {
		end, hint = e, h
	}
	if y == 0 && sc.pub.Year != 0 {
		y = inferYear(sc.pub, m, 0, hint)
	}
	return sc.expr(start, end, Date{Year: y, Month: m}, partial, Absolute|hint), true
}

// yearPhrase reads what follows năm (t): "năm 2013", "năm 2018-2019",
// "năm nay", "năm ngoái", "năm tới". mod is the cuối/đầu/giữa before it,
// if any.
// yearsPhrase reads "những năm" or "các năm" (q, then t) before a year:
// "những năm 1958 và 1964" lists years, and dates by the first; "những năm
// 2000" is a decade, which no date here can say, so it is an expression
// with the year in Partial and no Date (and no other date stands in for
// it). Any other count makes "năm" a duration: no date.
func (sc *scanner) yearsPhrase(q, t token) (Expr, bool) {
	v := sc.next(t.end)
	if q.cue != cQuant || v.kind != tokNum || v.end-v.start != 4 || sc.gluedAfter(v) {
		return Expr{}, false
	}
	if w := sc.s[q.start:q.end]; !strings.EqualFold(w, "những") && !strings.EqualFold(w, "các") {
		return Expr{}, false
	}
	y := atoi(sc.s[v.start:v.end])
	if y < 1000 || y > 2999 {
		return Expr{}, false
	}
	if y%10 != 0 {
		return sc.yearPhrase(q.start, t, 0)
	}
	return sc.expr(q.start, v.end, Date{}, Date{Year: y}, Absolute), true
}

func (sc *scanner) yearPhrase(start int, t token, mod cue) (Expr, bool) {
	pub, v := sc.pub, sc.next(t.end)
	switch v.cue {
	case cToday:
		return sc.expr(start, v.end, pub.addYears(0), Date{}, Deictic), true
	case cLastYear:
		return sc.expr(start, v.end, pub.addYears(-1), Date{}, Deictic|Past), true
	case cKia:
		return sc.expr(start, v.end, pub.addYears(-2), Date{}, Deictic|Past), true
	case cTill:
		return sc.expr(start, v.end, pub.addYears(1), Date{}, Deictic|Future), true
	case cBefore, cAfter:
		n, rel := -1, Deictic|Past
		if v.cue == cAfter {
			n, rel = 1, Deictic|Future
		}
		if w := sc.next(v.end); w.cue == cThat { // "năm trước đó"
			return sc.expr(start, w.end, sc.anchor().addYears(n), Date{}, Anaphoric|rel&(Past|Future)), true
		}
		return sc.expr(start, v.end, pub.addYears(n), Date{}, rel), true
	}
	if v.kind == tokNum && v.end-v.start == 4 && !sc.gluedAfter(v) {
		y := atoi(sc.s[v.start:v.end])
		if y < 1000 || y > 2999 {
			return Expr{}, false
		}
		end := v.end
		if e, ok := sc.yearTo(y, v.end); ok {
			end = e
		}
		return sc.expr(start, end, Date{Year: y}, Date{Year: y}, Absolute), true
	}
	if mod != 0 { // "cuối năm": of this year
		return sc.expr(start, t.end, pub.addYears(0), Date{}, Deictic), true
	}
	return Expr{}, false
}

// weekPhrase reads what follows tuần (t): "tuần trước", "tuần qua", "tuần
// này", "tuần tới", "cuối tuần". Weeks give the month they fall in, since
// the day is not known; with cuối, đầu or giữa, the month of the weekend,
// Monday or Wednesday of that week.
func (sc *scanner) weekPhrase(start int, t token, mod cue) (Expr, bool) {
	v := sc.next(t.end)
	base, end := sc.pub, v.end
	var off int
	var rel Relation = Deictic
	switch v.cue {
	case cBefore, cPast:
		off, rel = -1, Deictic|Past
		if w := sc.next(v.end); v.cue == cBefore && w.cue == cThat {
			base, end, rel = sc.anchor(), w.end, Anaphoric|Past
		}
	case cThis:
	case cTill, cAfter:
		off, rel = 1, Deictic|Future
		if w := sc.next(v.end); v.cue == cAfter && w.cue == cThat {
			base, end, rel = sc.anchor(), w.end, Anaphoric|Future
		}
	default:
		if mod == 0 {
			return Expr{}, false
		}
		end = t.end
	}
	if base.Day == 0 {
		return sc.expr(start, end, base.month(), Date{}, rel), true
	}
	d := base.AddDays(7 * off)
	if mod != 0 {
		monday := d.AddDays(-((d.weekday() + 6) % 7))
		switch mod {
		case cBegin:
			d = monday
		case cMiddle:
			d = monday.AddDays(2)
		default:
			d = monday.AddDays(5)
		}
	}
	return sc.expr(start, end, d.month(), Date{}, rel), true
}

// weekdayPhrase reads a day of the week, t being thứ or chủ: "thứ Hai",
// "Chủ nhật", "thứ 4 (10/5)", "thứ Sáu (ngày 21/5)", "thứ Hai tuần trước".
// A lower-case or numbered weekday ("thứ hai", "thứ 6") is also an
// ordinal, so it needs licensed, a cue before it, or a date after it.
func (sc *scanner) weekdayPhrase(start int, t token, licensed bool) (Expr, bool) {
	s := sc.s
	u := sc.next(t.end)
	wd, strong := -1, false
	switch {
	case t.cue == cSunday1:
		if u.cue == cSunday2 {
			wd, strong = 0, true
		}
	case u.kind == tokWord:
		if n := numeral(u.cue); n >= 2 && n <= 7 {
			wd, strong = n-1, isUpperWord(s, u)
		}
	case u.kind == tokNum && u.end-u.start == 1 && !sc.gluedAfter(u):
		if n := atoi(s[u.start:u.end]); n >= 2 && n <= 7 {
			wd = n - 1
		}
	}
	if wd < 0 {
		return Expr{}, false
	}
	end := u.end
	if e, x, ok := sc.explicitAfter(end); ok {
		return sc.expr(start, e, sc.resolveDay(x, 0), x.date(), Absolute), true
	}
	if !strong && !licensed {
		return Expr{}, false
	}
	// "thứ Hai tuần trước", "thứ Sáu tới"
	week, inWeek, rel := 0, false, Deictic
	if v := sc.next(end); v.cue == cWeek {
		switch w := sc.next(v.end); w.cue {
		case cBefore, cPast:
			week, inWeek, rel, end = -1, true, Deictic|Past, w.end
		case cThis:
			week, inWeek, end = 0, true, w.end
		case cTill, cAfter:
			week, inWeek, rel, end = 1, true, Deictic|Future, w.end
		}
	} else if e, hint := sc.hintAfter(end); hint != 0 {
		end, rel = e, Deictic|hint
	}
	p := sc.pub
	if p.Day == 0 {
		return sc.expr(start, end, p.month(), Date{}, rel), true
	}
	var d Date
	switch {
	case inWeek:
		monday := p.AddDays(-((p.weekday() + 6) % 7) + 7*week)
		d = monday.AddDays((wd + 6) % 7)
	case rel&Future != 0: // the first such day after publication
		d = p.AddDays((wd-p.weekday()+6)%7 + 1)
	default: // the last such day on or before publication
		d = p.AddDays(-((p.weekday() - wd + 7) % 7))
	}
	return sc.expr(start, end, d, Date{}, rel), true
}

// glued reports whether the number at t is part of something else: a code
// ("G20", "COVID-19"), a sum ("2+2"), a decimal or a time ("5h27", "5:30").
func (sc *scanner) glued(t token) bool {
	s := sc.s
	if i := t.start; i > 0 {
		switch c := s[i-1]; {
		case isDigit(c) || c == '+' || letterBefore(s, i):
			return true
		case c == '-' || c == '.' || c == ',' || c == ':' || c == '/':
			if i >= 2 && (isDigit(s[i-2]) || letterBefore(s, i-1)) {
				return true
			}
		}
	}
	return sc.gluedAfter(t)
}

// gluedAfter reports whether the number at t runs on into a word, a
// percentage, a sum or a time.
func (sc *scanner) gluedAfter(t token) bool {
	s := sc.s
	i := t.end
	if i >= len(s) {
		return false
	}
	switch c := s[i]; {
	case c == '%' || c == '+' || letterAt(s, i):
		return true
	case c == ':' || c == ',':
		return i+1 < len(s) && isDigit(s[i+1])
	}
	return false
}

func digitsEnd(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// atoi converts a short run of ASCII digits.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s) && i < 9; i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
