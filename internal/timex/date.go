package timex

import (
	"strconv"
	"strings"
)

// Date is a calendar date at some precision: Year only, Year+Month, or
// Year+Month+Day. Zero fields are unknown. The zero Date is "unknown".
//
// A Date with no Year but a Month (and maybe a Day) is a partial date, as
// written in a text that does not say the year ("ngày 18/6").
type Date struct{ Year, Month, Day int }

// IsZero reports whether d is the unknown date.
func (d Date) IsZero() bool { return d == Date{} }

// Precision reports how precise d is: 0 none, 1 year, 2 month, 3 day.
func (d Date) Precision() int {
	switch {
	case d.Day != 0:
		return 3
	case d.Month != 0:
		return 2
	case d.Year != 0:
		return 1
	}
	return 0
}

// String returns d in ISO 8601 at its precision: "2024-06-18", "2024-06",
// "2024", and "" for the zero Date. A partial date without a year is
// written as ISO 8601 writes them, "--06-18", "--06" or "---18".
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	b := make([]byte, 0, 10)
	if d.Year == 0 && d.Month == 0 { // a day of the month alone
		return string(appendPadded(append(b, "---"...), d.Day, 2))
	}
	if d.Year == 0 {
		b = append(b, '-')
	} else {
		b = appendPadded(b, d.Year, 4)
	}
	if d.Month == 0 {
		return string(b)
	}
	b = append(b, '-')
	b = appendPadded(b, d.Month, 2)
	if d.Day != 0 {
		b = append(b, '-')
		b = appendPadded(b, d.Day, 2)
	}
	return string(b)
}

func appendPadded(b []byte, n, width int) []byte {
	for p := pow10(width - 1); p > 1 && n >= 0 && n < p; p /= 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(n), 10)
}

func pow10(n int) int {
	p := 1
	for ; n > 0; n-- {
		p *= 10
	}
	return p
}

// Contains reports whether e is d or a more precise date inside d:
// 2024-06 contains 2024-06 and 2024-06-18 but not 2024. The zero Date,
// being unknown, rules nothing out and contains every date.
func (d Date) Contains(e Date) bool {
	return (d.Year == 0 || d.Year == e.Year) &&
		(d.Month == 0 || d.Month == e.Month) &&
		(d.Day == 0 || d.Day == e.Day)
}

// Valid reports whether d is a calendar date at its precision, or zero.
// A year must lie in 1..9999; a day needs a month, and a month a year,
// except in a partial date (Year 0, Month set).
func (d Date) Valid() bool {
	if d.IsZero() {
		return true
	}
	if d.Year < 0 || d.Year > 9999 || d.Month < 0 || d.Month > 12 || d.Day < 0 {
		return false
	}
	if d.Month == 0 {
		return d.Day == 0 && d.Year > 0
	}
	if d.Day == 0 {
		return true
	}
	y := d.Year
	if y == 0 {
		y = 2000 // a leap year, so that a partial 29/2 is possible
	}
	return d.Day <= daysIn(y, d.Month)
}

// validPartial reports whether d holds what a text may say of a date:
// each field in range, the day possibly without month or year ("hôm 14").
func (d Date) validPartial() bool {
	if d.Month == 0 && d.Day != 0 {
		return d.Year == 0 && d.Day <= 31
	}
	return d.Valid()
}

// ParseISO parses an ISO 8601 date at any precision: "2024-06-18",
// "2025-12-22T08:36" (the time is ignored), "2024-06" or "2024".
func ParseISO(s string) (Date, bool) {
	var d Date
	var ok bool
	if d.Year, ok = fixedDigits(s, 4); !ok {
		return Date{}, false
	}
	s = s[4:]
	if strings.HasPrefix(s, "-") {
		if d.Month, ok = fixedDigits(s[1:], 2); !ok {
			return Date{}, false
		}
		s = s[3:]
		if strings.HasPrefix(s, "-") {
			if d.Day, ok = fixedDigits(s[1:], 2); !ok {
				return Date{}, false
			}
			s = s[3:]
			if s != "" && s[0] != 'T' && s[0] != ' ' {
				return Date{}, false
			}
			s = "" // the time of day is not wanted
		}
	}
	if s != "" || d.Year == 0 || d.clean() != d {
		return Date{}, false
	}
	return d, true
}

// fixedDigits reads exactly n ASCII digits at the start of s.
func fixedDigits(s string, n int) (int, bool) {
	if len(s) < n {
		return 0, false
	}
	v := 0
	for i := 0; i < n; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

// AddDays returns d moved by n days. Dates less precise than a day are
// returned unchanged, since "a day earlier" than a month is still that month.
func (d Date) AddDays(n int) Date {
	if d.Year == 0 || d.Month == 0 || d.Day == 0 {
		return d
	}
	y, m, dd := civilFromDays(daysFromCivil(d.Year, d.Month, d.Day) + n)
	return Date{y, m, dd}
}

// addMonths returns the month n months from d's, at month precision; the
// zero Date when d has no month.
func (d Date) addMonths(n int) Date {
	if d.Year == 0 || d.Month == 0 {
		return Date{}
	}
	m := d.Year*12 + d.Month - 1 + n
	return Date{Year: floorDiv(m, 12), Month: m - floorDiv(m, 12)*12 + 1}
}

// addYears returns the year n years from d's, at year precision.
func (d Date) addYears(n int) Date {
	if d.Year == 0 {
		return Date{}
	}
	return Date{Year: d.Year + n}
}

// month returns d cut to month precision.
func (d Date) month() Date {
	if d.Year == 0 || d.Month == 0 {
		return Date{}
	}
	return Date{Year: d.Year, Month: d.Month}
}

// weekday returns d's day of the week, 0 for Sunday as in time.Weekday.
func (d Date) weekday() int {
	// 1970-01-01, day 0, was a Thursday.
	w := (daysFromCivil(d.Year, d.Month, d.Day) + 4) % 7
	if w < 0 {
		w += 7
	}
	return w
}

// clean drops the fields of d that do not make a valid date, so that a
// malformed publication date degrades to a less precise one.
func (d Date) clean() Date {
	if d.Year < 1 || d.Year > 9999 {
		return Date{}
	}
	if d.Month < 1 || d.Month > 12 {
		return Date{Year: d.Year}
	}
	if d.Day < 1 || d.Day > daysIn(d.Year, d.Month) {
		return Date{Year: d.Year, Month: d.Month}
	}
	return d
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the number of days from 1970-01-01 to y-m-d in the
// proleptic Gregorian calendar (Howard Hinnant's algorithm).
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	doy := (153*((m+9)%12)+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int) (y, m, d int) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
