package dict

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Problem is an inconsistency Check found in the dictionaries, at the
// stanza it concerns.
type Problem struct {
	Source string
	Line   int
	Msg    string
}

func (p Problem) Error() string { return fmt.Sprintf("%s:%d: %s", p.Source, p.Line, p.Msg) }

// OneAtATime reports whether a role has a single holder per country at any
// time, so that a title and a country name a person at a date.
func OneAtATime(role string) bool {
	switch role {
	case "leader", "president", "vice_president", "prime_minister", "foreign_minister",
		"defence_minister", "unification_minister", "national_security_adviser",
		"chief_cabinet_secretary", "secretary_general":
		return true
	}
	return false
}

// ploverEvents are the 16 PLOVER event types, and NONE for words that must
// block a shorter trigger without reporting an event.
var ploverEvents = map[string]bool{
	"AGREE": true, "CONSULT": true, "SUPPORT": true, "CONCEDE": true, "COOPERATE": true, "AID": true,
	"RETREAT": true, "REQUEST": true, "ACCUSE": true, "REJECT": true, "THREATEN": true, "PROTEST": true,
	"SANCTION": true, "MOBILIZE": true, "COERCE": true, "ASSAULT": true, "NONE": true,
}

// sectors are the sector codes of FORMAT.md.
var sectors = map[string]bool{
	"GOV": true, "MIL": true, "DIP": true, "LEG": true, "JUD": true, "MED": true,
	"PTY": true, "IGO": true, "NGO": true, "BUS": true, "EDU": true,
}

// supranational are the PLOVER codes allowed where a country code is.
var supranational = map[string]bool{"UNO": true, "EUR": true, "IGO": true}

// isActorKind reports whether entries of kind are matched as actors, so
// that their aliases compete in one matcher.
func isActorKind(kind string) bool {
	switch kind {
	case Country, Organization, Person, Place, Institution, Title, Compound, Channel:
		return true
	}
	return false
}

// Check validates the dictionary as a whole: aliases claimed by two actor
// entries without `ambiguous: yes`, unknown country, role and sector codes,
// bad or overlapping terms of office, and trigger codes. Problems are in
// file and line order. Check does not modify d.
func (d *Dictionary) Check() []Problem {
	var ps []Problem
	add := func(e *Entry, format string, args ...any) {
		ps = append(ps, Problem{e.Source, e.Line, fmt.Sprintf(format, args...)})
	}
	countries := map[string]bool{}
	titles := map[string]bool{}
	for _, e := range d.Entries {
		switch e.Kind {
		case Country:
			countries[e.ID] = true
		case Title:
			titles[e.ID] = true
		}
	}
	knownCountry := func(c string) bool { return countries[c] || supranational[c] }

	for _, e := range d.Entries {
		if e.Country != "" && !knownCountry(e.Country) {
			add(e, "%s: unknown country code %q", describe(e), e.Country)
		}
		for _, c := range e.Context {
			if !countries[c] {
				add(e, "%s: unknown context country %q", describe(e), c)
			}
		}
		if e.Kind == Channel || e.Kind == Compound {
			for _, c := range e.Members {
				if !knownCountry(c) {
					add(e, "%s: unknown member code %q", describe(e), c)
				}
			}
		}
		if e.Within != "" && (e.Kind != Place || d.Lookup(Place, e.Within) == nil && d.Lookup(Country, e.Within) == nil) {
			add(e, "%s: within %q is not the id of a place or country", describe(e), e.Within)
		}
		if e.Sector != "" && !sectors[e.Sector] {
			add(e, "%s: unknown sector %q", describe(e), e.Sector)
		}
		if e.Kind == Trigger || e.Kind == Channel && e.Event != "" {
			if !ploverEvents[e.Event] {
				add(e, "%s: unknown PLOVER event %q", describe(e), e.Event)
			}
		}
		if e.Kind == Trigger && e.Cameo != "" && !isCameo(e.Cameo) {
			add(e, "%s: cameo %q is not a 3-digit code", describe(e), e.Cameo)
		}
		for _, r := range e.Roles {
			if !titles[r.Code] {
				add(e, "%s: role %q is not the id of a title", describe(e), r.Code)
			}
			switch {
			case !realDate(r.From) || r.To != "" && !realDate(r.To):
				add(e, "%s: role %s %s %s: invalid date", describe(e), r.Code, r.From, orDash(r.To))
			case r.To != "" && padLow(r.From) > padHigh(r.To):
				add(e, "%s: role %s ends (%s) before it starts (%s)", describe(e), r.Code, r.To, r.From)
			}
		}
	}
	ps = append(ps, d.checkAliases()...)
	ps = append(ps, d.checkTerms()...)
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Source != ps[j].Source {
			return ps[i].Source < ps[j].Source
		}
		return ps[i].Line < ps[j].Line
	})
	return ps
}

// checkAliases reports every actor phrase claimed by two entries. A
// person's short forms are exempt (they resolve only within a document, by
// the full name met before); a country's short forms compete as aliases do.
func (d *Dictionary) checkAliases() []Problem {
	type claim struct {
		e     *Entry
		alias string
	}
	claims := map[string][]claim{}
	var order []string
	note := func(e *Entry, alias string) {
		k := Key(alias)
		if k == "" {
			return
		}
		for _, c := range claims[k] {
			if c.e == e {
				return
			}
		}
		if claims[k] == nil {
			order = append(order, k)
		}
		claims[k] = append(claims[k], claim{e, alias})
	}
	for _, e := range d.Entries {
		if !isActorKind(e.Kind) {
			continue
		}
		for _, a := range e.Aliases {
			note(e, a)
		}
		if e.Kind == Country {
			for _, a := range e.Short {
				note(e, a)
			}
		}
	}
	var ps []Problem
	for _, k := range order {
		cs := claims[k]
		for j := 1; j < len(cs); j++ {
			b := cs[j]
			if b.e.Ambiguous {
				continue
			}
			for _, a := range cs[:j] {
				if a.e.Ambiguous {
					continue
				}
				ps = append(ps, Problem{b.e.Source, b.e.Line, fmt.Sprintf("%s: alias %q also claimed by %s at %s:%d (mark one `ambiguous: yes` if meant)",
					describe(b.e), b.alias, describe(a.e), a.e.Source, a.e.Line)})
				break
			}
		}
	}
	return ps
}

// checkTerms reports terms of a one-at-a-time role that overlap for the
// same country. Bounds are compared at the coarser precision of the two, so
// terms that touch (one ends in the month or on the day the next begins)
// pass.
func (d *Dictionary) checkTerms() []Problem {
	type term struct {
		e *Entry
		r Role
	}
	groups := map[string][]term{}
	var order []string
	for _, e := range d.Entries {
		if e.Kind != Person {
			continue
		}
		for _, r := range e.Roles {
			if !OneAtATime(r.Code) || !realDate(r.From) || r.To != "" && !realDate(r.To) {
				continue
			}
			k := r.Code + "/" + e.Country
			if groups[k] == nil {
				order = append(order, k)
			}
			groups[k] = append(groups[k], term{e, r})
		}
	}
	var ps []Problem
	for _, k := range order {
		ts := groups[k]
		sort.SliceStable(ts, func(i, j int) bool { return padLow(ts[i].r.From) < padLow(ts[j].r.From) })
		for j := 1; j < len(ts); j++ {
			b := ts[j]
			for _, a := range ts[:j] {
				if !overlap(a.r, b.r) {
					continue
				}
				who := describe(a.e)
				if a.e == b.e {
					who = "another term of the same person"
				}
				ps = append(ps, Problem{b.e.Source, b.e.Line, fmt.Sprintf("%s: %s term %s–%s for %s overlaps %s (%s–%s) at %s:%d",
					describe(b.e), b.r.Code, b.r.From, orDash(b.r.To), b.e.Country, who, a.r.From, orDash(a.r.To), a.e.Source, a.e.Line)})
				break
			}
		}
	}
	return ps
}

// overlap reports whether two terms share more than a boundary.
func overlap(a, b Role) bool {
	return before(a.From, b.To) && before(b.From, a.To)
}

// before reports whether the start date from comes strictly before the end
// date to ("" is still in office), at the coarser of their precisions.
func before(from, to string) bool {
	if to == "" {
		return true
	}
	n := min(len(from), len(to))
	return from[:n] < to[:n]
}

// realDate reports whether s is a calendar date at year, month or day
// precision.
func realDate(s string) bool {
	if !validDate(s) {
		return false
	}
	layout := "2006-01-02"[:len(s)]
	_, err := time.Parse(layout, s)
	return err == nil
}

func isCameo(s string) bool {
	return len(s) == 3 && strings.Trim(s, "0123456789") == ""
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// describe names an entry in a message: `person moon-jae-in`, or a
// trigger by its first alias.
func describe(e *Entry) string {
	switch {
	case e.ID != "":
		return e.Kind + " " + e.ID
	case len(e.Aliases) > 0:
		return fmt.Sprintf("%s %q", e.Kind, e.Aliases[0])
	}
	return e.Kind
}
