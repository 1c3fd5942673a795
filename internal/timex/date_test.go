package timex

import (
	"testing"
	"time"
)

func TestDateStringAndPrecision(t *testing.T) {
	for _, c := range []struct {
		d    Date
		s    string
		prec int
	}{
		{Date{2024, 6, 18}, "2024-06-18", 3},
		{Date{2024, 6, 0}, "2024-06", 2},
		{Date{2024, 0, 0}, "2024", 1},
		{Date{}, "", 0},
		{Date{0, 6, 18}, "--06-18", 3},
		{Date{0, 6, 0}, "--06", 2},
		{Date{0, 0, 14}, "---14", 3},
		{Date{987, 1, 2}, "0987-01-02", 3},
	} {
		if got := c.d.String(); got != c.s {
			t.Errorf("%+v.String() = %q, want %q", c.d, got, c.s)
		}
		if got := c.d.Precision(); got != c.prec {
			t.Errorf("%+v.Precision() = %d, want %d", c.d, got, c.prec)
		}
		if c.d.IsZero() != (c.prec == 0) {
			t.Errorf("%+v.IsZero() = %v", c.d, c.d.IsZero())
		}
	}
}

func TestParseISO(t *testing.T) {
	for _, c := range []struct {
		s    string
		want Date
		ok   bool
	}{
		{"2024-06-18", Date{2024, 6, 18}, true},
		{"2025-12-22T08:36", Date{2025, 12, 22}, true},
		{"2025-12-22 08:36:00+07:00", Date{2025, 12, 22}, true},
		{"2024-06", Date{2024, 6, 0}, true},
		{"2024", Date{2024, 0, 0}, true},
		{"2024-02-29", Date{2024, 2, 29}, true},
		{"2023-02-29", Date{}, false},
		{"2024-13", Date{}, false},
		{"2024-06-31", Date{}, false},
		{"0000", Date{}, false},
		{"24-06-18", Date{}, false},
		{"2024/06/18", Date{}, false},
		{"2024-6-18", Date{}, false},
		{"2024-06-18x", Date{}, false},
		{"", Date{}, false},
	} {
		got, ok := ParseISO(c.s)
		if got != c.want || ok != c.ok {
			t.Errorf("ParseISO(%q) = %+v, %v; want %+v, %v", c.s, got, ok, c.want, c.ok)
		}
	}
}

func TestContains(t *testing.T) {
	for _, c := range []struct {
		d, e Date
		want bool
	}{
		{Date{2024, 6, 0}, Date{2024, 6, 18}, true},
		{Date{2024, 6, 0}, Date{2024, 6, 0}, true},
		{Date{2024, 0, 0}, Date{2024, 12, 31}, true},
		{Date{2024, 6, 18}, Date{2024, 6, 18}, true},
		{Date{}, Date{2024, 6, 18}, true},
		{Date{2024, 6, 0}, Date{2024, 0, 0}, false},
		{Date{2024, 6, 18}, Date{2024, 6, 0}, false},
		{Date{2024, 6, 0}, Date{2024, 7, 1}, false},
		{Date{2024, 0, 0}, Date{2023, 6, 1}, false},
	} {
		if got := c.d.Contains(c.e); got != c.want {
			t.Errorf("%v.Contains(%v) = %v, want %v", c.d, c.e, got, c.want)
		}
	}
}

// TestCalendarAgainstTime checks the day arithmetic and weekdays against
// package time over four centuries of days.
func TestCalendarAgainstTime(t *testing.T) {
	start := time.Date(1890, 1, 1, 12, 0, 0, 0, time.UTC)
	d := Date{1890, 1, 1}
	for i := 0; i < 146097; i += 7 {
		tm := start.AddDate(0, 0, i)
		want := Date{tm.Year(), int(tm.Month()), tm.Day()}
		if got := d.AddDays(i); got != want {
			t.Fatalf("%v.AddDays(%d) = %v, want %v", d, i, got, want)
		}
		if got := want.weekday(); got != int(tm.Weekday()) {
			t.Fatalf("%v.weekday() = %d, want %d", want, got, tm.Weekday())
		}
		if got := want.AddDays(-i); got != d {
			t.Fatalf("%v.AddDays(%d) = %v, want %v", want, -i, got, d)
		}
	}
}

func TestAddDaysKeepsLesserPrecision(t *testing.T) {
	for _, d := range []Date{{2024, 6, 0}, {2024, 0, 0}, {}, {0, 6, 18}} {
		if got := d.AddDays(-1); got != d {
			t.Errorf("%+v.AddDays(-1) = %+v, want it unchanged", d, got)
		}
	}
	if got := (Date{2024, 3, 1}).AddDays(-1); got != (Date{2024, 2, 29}) {
		t.Errorf("2024-03-01 minus a day = %v", got)
	}
	if got := (Date{2024, 12, 31}).AddDays(1); got != (Date{2025, 1, 1}) {
		t.Errorf("2024-12-31 plus a day = %v", got)
	}
}

func TestAddMonths(t *testing.T) {
	for _, c := range []struct {
		d    Date
		n    int
		want Date
	}{
		{Date{2024, 1, 10}, -1, Date{2023, 12, 0}},
		{Date{2024, 12, 0}, 1, Date{2025, 1, 0}},
		{Date{2024, 6, 0}, -18, Date{2022, 12, 0}},
		{Date{2024, 0, 0}, -1, Date{}},
	} {
		if got := c.d.addMonths(c.n); got != c.want {
			t.Errorf("%v.addMonths(%d) = %v, want %v", c.d, c.n, got, c.want)
		}
	}
}

func TestValidAndClean(t *testing.T) {
	for _, c := range []struct {
		d     Date
		valid bool
		clean Date
	}{
		{Date{2024, 2, 29}, true, Date{2024, 2, 29}},
		{Date{2023, 2, 29}, false, Date{2023, 2, 0}},
		{Date{2024, 13, 1}, false, Date{2024, 0, 0}},
		{Date{0, 2, 29}, true, Date{}},
		{Date{-1, 1, 1}, false, Date{}},
		{Date{2024, 0, 5}, false, Date{2024, 0, 0}},
	} {
		if got := c.d.Valid(); got != c.valid {
			t.Errorf("%+v.Valid() = %v, want %v", c.d, got, c.valid)
		}
		if got := c.d.clean(); got != c.clean {
			t.Errorf("%+v.clean() = %+v, want %+v", c.d, got, c.clean)
		}
	}
}
