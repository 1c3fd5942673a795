package ingest

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Date patterns. d/m/y dates accept '/', '-' or '.' between the parts and
// two- or four-digit years; times are "10:21" or "10h21".
const (
	dmyPat  = `(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})`
	hmPat   = `(\d{1,2})[:h](\d{2})(?::\d{2})?`
	sepPat  = `\s*(?:[,|–-]\s*)?`
	isoPat  = `(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?`
	dayName = `(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|\d)|chủ\s+nhật)\s*,?\s*)?`
	label   = `(?:(?:cập\s+nhật|ngày\s+đăng|đăng\s+ngày|xuất\s+bản|đăng\s+lúc|ngày)\s*:?\s*)?`
)

var (
	// " date 2024-06" opens the crawler's files.
	metaLineRe = regexp.MustCompile(`^\s*date\s+(\d{4})-(\d{2})(?:-(\d{2}))?\b`)
	// "08:36, 22/12/2025"
	timeDateRe = regexp.MustCompile(`(?i)\b` + hmPat + sepPat + `(?:ngày\s+)?` + dmyPat + `\b`)
	// "27/05/13 21:27 GMT+7", "Cập nhật: 14/05/2017 10:21", "22/12/2025, 08:36"
	dateTimeRe = regexp.MustCompile(`(?i)\b` + dmyPat + sepPat + `(?:lúc\s+)?` + hmPat + `\b`)
	// "2025-12-22T08:36:00+07:00"
	isoRe = regexp.MustCompile(`\b` + isoPat + `\b`)
	// A line holding nothing but a date, or a labelled date anywhere.
	dateLineRe = regexp.MustCompile(`(?im)^[ \t]*` + dayName + label + dmyPat + `[ \t\r]*$`)
	labelledRe = regexp.MustCompile(`(?i)(?:cập\s+nhật|ngày\s+đăng|đăng\s+ngày|xuất\s+bản)\s*:?\s*(?:lúc\s*)?` + dmyPat)
)

// PublishedFrom finds a publication date inside a plain text: a metadata
// line such as " date 2024-06" (the crawler's first line), a date with a
// time such as "08:36, 22/12/2025" or "27/05/13 21:27 GMT+7", a labelled
// date ("Cập nhật: 14/05/2017"), or a line holding only a date. Dates in
// running prose are not publication dates and are ignored. Only the head and
// the tail of the text are searched, where bylines and trailers live.
// It returns "" if there is none, else "2006-01-02T15:04", "2006-01-02"
// or "2006-01".
func PublishedFrom(text string) string {
	first, _, _ := strings.Cut(text, "\n")
	if m := metaLineRe.FindStringSubmatch(first); m != nil {
		if m[3] != "" {
			return ymd(m[1], m[2], m[3], "", "")
		}
		if month, _ := strconv.Atoi(m[2]); month >= 1 && month <= 12 {
			return m[1] + "-" + m[2]
		}
	}
	const span = 4 << 10
	if len(text) <= 2*span {
		return findDate(text)
	}
	if d := findDate(text[:runeStart(text, span)]); d != "" {
		return d
	}
	return findDate(text[runeStart(text, len(text)-span):])
}

// runeStart returns the start of the rune holding byte i of s.
func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

// findDate returns the first date with a time in s, else the first date on
// a line of its own or after a label.
func findDate(s string) string {
	type found struct {
		at int
		d  string
	}
	best := found{at: len(s) + 1}
	try := func(at int, d string) {
		if d != "" && at < best.at {
			best = found{at, d}
		}
	}
	for _, m := range timeDateRe.FindAllStringSubmatchIndex(s, 4) {
		try(m[0], dmy(sub(s, m, 3), sub(s, m, 4), sub(s, m, 5), sub(s, m, 1), sub(s, m, 2)))
	}
	for _, m := range dateTimeRe.FindAllStringSubmatchIndex(s, 4) {
		try(m[0], dmy(sub(s, m, 1), sub(s, m, 2), sub(s, m, 3), sub(s, m, 4), sub(s, m, 5)))
	}
	for _, m := range isoRe.FindAllStringSubmatchIndex(s, 4) {
		if sub(s, m, 4) != "" {
			try(m[0], ymd(sub(s, m, 1), sub(s, m, 2), sub(s, m, 3), sub(s, m, 4), sub(s, m, 5)))
		}
	}
	if best.d != "" {
		return best.d
	}
	for _, re := range []*regexp.Regexp{dateLineRe, labelledRe} {
		for _, m := range re.FindAllStringSubmatchIndex(s, 4) {
			n := len(m)
			try(m[0], dmy(sub(s, m, n/2-3), sub(s, m, n/2-2), sub(s, m, n/2-1), "", ""))
		}
	}
	return best.d
}

// sub returns submatch i of s for the index pairs m.
func sub(s string, m []int, i int) string {
	if m[2*i] < 0 {
		return ""
	}
	return s[m[2*i]:m[2*i+1]]
}

// dmy formats a day-month-year date with an optional hour and minute, or
// returns "" if they do not form a real date.
func dmy(day, month, year, hour, minute string) string {
	if len(year) == 2 {
		y, _ := strconv.Atoi(year)
		if y < 70 {
			year = strconv.Itoa(2000 + y)
		} else {
			year = strconv.Itoa(1900 + y)
		}
	}
	return ymd(year, month, day, hour, minute)
}

func ymd(year, month, day, hour, minute string) string {
	y, _ := strconv.Atoi(year)
	mo, _ := strconv.Atoi(month)
	d, _ := strconv.Atoi(day)
	if y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return ""
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // 31/02
		return ""
	}
	if hour == "" {
		return t.Format(time.DateOnly)
	}
	h, _ := strconv.Atoi(hour)
	mi, _ := strconv.Atoi(minute)
	if h > 23 || mi > 59 {
		return ""
	}
	return t.Add(time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute).Format("2006-01-02T15:04")
}

var (
	isoDateRe  = regexp.MustCompile(`^(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2}))?)?`)
	compactRe  = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2}))?`)
	dmyOnlyRes = regexp.MustCompile(`^` + dmyPat)
)

// normalizeDate brings a date given as metadata (an HTML meta tag, a JSON
// field) to the form of sukien.Document.Published. The time is kept as
// written, without converting time zones. It returns "" for an unknown form.
func normalizeDate(s string) string {
	s = strings.TrimSpace(s)
	if m := isoDateRe.FindStringSubmatch(s); m != nil {
		if m[3] == "" {
			if mo, _ := strconv.Atoi(m[2]); mo >= 1 && mo <= 12 {
				return m[1] + "-" + leftPad(m[2])
			}
			return ""
		}
		return ymd(m[1], m[2], m[3], m[4], m[5])
	}
	if m := compactRe.FindStringSubmatch(s); m != nil {
		return ymd(m[1], m[2], m[3], m[4], m[5])
	}
	if d := findDate(s); d != "" {
		return d
	}
	if m := dmyOnlyRes.FindStringSubmatch(s); m != nil {
		return dmy(m[1], m[2], m[3], "", "")
	}
	return ""
}

func leftPad(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}
