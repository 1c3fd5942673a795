package extract

// Tests of the shortcuts taken for speed: each must give what the plain
// computation it replaces gives.

import (
	"bytes"
	"encoding/json"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sukien/sukien"
	"github.com/sukien/sukien/internal/demo"
	"github.com/sukien/sukien/internal/text"
	"github.com/sukien/sukien/internal/timex"
)

// Extract finds a sentence's dates once against no reference date and
// reuses them for any reference date unless refFree says otherwise: the
// expressions found, and the dates of all but SameDay and Anaphoric ones,
// must not depend on the reference date.
func TestRefFreeDates(t *testing.T) {
	sents := append(demoSentences(t),
		"Cùng ngày, hai bên hội đàm.", "Hai ngày sau đó, Mỹ lên án.", "Trước đó một tuần, ông Kim tới Bắc Kinh.",
		"Hôm sau (15/6), hai nước ký thỏa thuận.", "tháng trước đó", "năm trước đó", "tuần sau đó", "trong ngày",
		"hôm đó", "cùng tháng", "cùng năm", "một tuần trước cuộc gặp", "hai tuần nữa", "3 ngày trước")
	pubs := []timex.Date{{}, {Year: 2019}, {Year: 2024, Month: 6}, {Year: 2024, Month: 6, Day: 18}, {Year: 2020, Month: 1, Day: 1}}
	refs := []timex.Date{{Year: 2023, Month: 12, Day: 31}, {Year: 2018, Month: 4}, {Year: 2021}, {Year: 2024, Month: 2, Day: 29}}
	for _, s := range sents {
		for _, pub := range pubs {
			base := timex.Find(s, pub, timex.Date{})
			for _, ref := range refs {
				got := timex.Find(s, pub, ref)
				if len(got) != len(base) {
					t.Fatalf("%q: %d dates against %v, %d against none", s, len(got), ref, len(base))
				}
				for i := range got {
					g, b := got[i], base[i]
					if !refFree(base[i : i+1]) {
						g.Date, b.Date = timex.Date{}, timex.Date{}
					}
					if g != b {
						t.Errorf("%q pub %v: date %d is %+v against %v, %+v against none", s, pub, i, got[i], ref, base[i])
					}
				}
				if refFree(base) && !reflect.DeepEqual(got, base) {
					t.Errorf("%q: refFree but the dates differ against %v", s, ref)
				}
			}
		}
	}
}

func demoSentences(t *testing.T) []string {
	var out []string
	for _, d := range demoDocs(t) {
		td := text.Prepare(d.Text)
		for i := range td.Sentences {
			out = append(out, td.Sentence(i))
		}
	}
	return out
}

// The pooled scratch must carry nothing from one document to the next:
// the demo documents give the same events read in either order.
func TestScratchCarriesNothing(t *testing.T) {
	x := extractor(t)
	docs := demoDocs(t)
	first := make([][]sukien.Event, len(docs))
	for i, d := range docs {
		first[i] = x.Extract(d).Events
	}
	for i := len(docs) - 1; i >= 0; i-- {
		if got := x.Extract(docs[i]).Events; !reflect.DeepEqual(got, first[i]) {
			t.Errorf("%s: other events after other documents:%s\nwant:%s", docs[i].ID, dump(got), dump(first[i]))
		}
	}
}

// runeCounter counts back instead of from the start only when the two
// give the same number, also on invalid UTF-8 and offsets inside a
// character.
func TestRuneCounterCountsAsFromStart(t *testing.T) {
	// The counter it replaced, which counts from the start when going back.
	type plainCounter struct{ byteOff, runeOff int }
	plain := func(r *plainCounter, s string, b int) int {
		if b < r.byteOff {
			r.byteOff, r.runeOff = 0, 0
		}
		b = min(max(b, 0), len(s))
		r.runeOff += utf8.RuneCountInString(s[r.byteOff:b])
		r.byteOff = b
		return r.runeOff
	}
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", " ", "Hàn Quốc", "ệ", "\xe1\xba", "\xff", "\x80", "Đ", "日本", "😀"}
	for n := 0; n < 4000; n++ {
		if n == 2000 {
			pieces = []string{"a", " ", "Hàn Quốc", "ệ", "Đ", "日本", "😀", "Tổng thống Moon Jae-in "} // valid UTF-8 only
		}
		var sb strings.Builder
		for k := rng.IntN(20); k >= 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		td := &text.Doc{Orig: sb.String()}
		td.ValidOrig = n >= 2000 && utf8.ValidString(td.Orig)
		var fast runeCounter
		var slow plainCounter
		for k := 0; k < 12; k++ {
			b := rng.IntN(len(td.Orig)+3) - 1
			if got, want := fast.offset(td, b), plain(&slow, td.Orig, b); got != want {
				t.Fatalf("%q: offset %d gave %d, want %d", td.Orig, b, got, want)
			}
		}
	}
}

// appendSideKey and writeNames give what the string building they
// replaced gave.
func TestSideKeyAndNames(t *testing.T) {
	sideKey := func(as []sukien.Actor) string {
		var ks []string
		for _, a := range as {
			ks = append(ks, a.Country+"/"+a.Name)
		}
		sort.Strings(ks)
		return strings.Join(ks, ",")
	}
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
	rng := rand.New(rand.NewPCG(3, 4))
	countries := []string{"", "KOR", "AB", "AB-", "AB/", "PRK", "USA"}
	nameList := []string{"", "Moon", "Kim", "Kim Jong-un", "a", "Hàn Quốc", strings.Repeat("x", 200)}
	kinds := []string{sukien.KindCountry, sukien.KindPerson, sukien.KindOrganization}
	for n := 0; n < 5000; n++ {
		var as []sukien.Actor
		for k := rng.IntN(20); k > 0; k-- {
			as = append(as, sukien.Actor{Kind: kinds[rng.IntN(len(kinds))], Country: countries[rng.IntN(len(countries))], Name: nameList[rng.IntN(len(nameList))]})
		}
		if got, want := string(appendSideKey(nil, as)), sideKey(as); got != want {
			t.Fatalf("%v: side key %q, want %q", as, got, want)
		}
		var b strings.Builder
		writeNames(&b, as)
		if got, want := b.String(), names(as); got != want {
			t.Fatalf("%v: names %q, want %q", as, got, want)
		}
	}
}

// demoDocs returns the built-in demo corpus.
func demoDocs(t *testing.T) []sukien.Document {
	var docs []sukien.Document
	for _, line := range bytes.Split(bytes.TrimSpace(demo.Docs), []byte("\n")) {
		var d sukien.Document
		if err := json.Unmarshal(line, &d); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

// The merge's set operations on actor lists answer as the maps of
// countriesOf and personsByCountry they replaced.
func TestActorSetsAsMaps(t *testing.T) {
	sides := func(d *draft) []sukien.Actor { return append(append([]sukien.Actor{}, d.subj...), d.obj...) }
	overlap := func(a, b map[string]bool) bool {
		for k := range a {
			if b[k] {
				return true
			}
		}
		return false
	}
	personsByCountry := func(d *draft) map[string][]string {
		m := map[string][]string{}
		for _, a := range sides(d) {
			if a.Kind == sukien.KindPerson {
				m[a.Country] = append(m[a.Country], a.Name)
			}
		}
		return m
	}
	intersects := func(a, b []string) bool {
		for _, x := range a {
			if slices.Contains(b, x) {
				return true
			}
		}
		return false
	}
	sameEventMaps := func(a, b *draft) bool {
		if a.ev.Event != b.ev.Event || a.background != b.background {
			return false
		}
		if sukien.Symmetric(a.ev.Event) {
			if !maps.Equal(countriesOf(sides(a)), countriesOf(sides(b))) {
				return false
			}
		} else {
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
		if !sukien.Symmetric(a.ev.Event) {
			return true // one state's statement by two officials is one
		}
		pa, pb := personsByCountry(a), personsByCountry(b)
		for c, na := range pa {
			if nb, ok := pb[c]; ok && !intersects(na, nb) {
				return false
			}
		}
		return true
	}
	sideActorsMaps := func(as []sukien.Actor, exclude map[string]bool) []sukien.Actor {
		covered := map[string]bool{}
		for _, a := range as {
			if a.Kind != sukien.KindCountry {
				covered[a.Country] = true
			}
		}
		var out []sukien.Actor
		seen := map[string]bool{}
		for _, a := range as {
			if exclude[a.Country] || a.Kind == sukien.KindCountry && covered[a.Country] {
				continue
			}
			k := a.Kind + "|" + a.Name + "|" + a.Country
			if !seen[k] {
				seen[k] = true
				out = append(out, a)
			}
		}
		return out
	}
	rng := rand.New(rand.NewPCG(5, 6))
	countries := []string{"", "KOR", "PRK", "USA", "K|R", "K"}
	nameList := []string{"", "Moon", "Kim", "Kim|K", "Kim|K|R"}
	kinds := []string{sukien.KindCountry, sukien.KindPerson, sukien.KindOrganization}
	actors := func() []sukien.Actor {
		var as []sukien.Actor
		for k := rng.IntN(5); k > 0; k-- {
			as = append(as, sukien.Actor{Kind: kinds[rng.IntN(len(kinds))], Country: countries[rng.IntN(len(countries))], Name: nameList[rng.IntN(len(nameList))]})
		}
		return as
	}
	for n := 0; n < 20000; n++ {
		a := draft{ev: sukien.Event{Event: []string{"CONSULT", "ACCUSE"}[rng.IntN(2)]}, subj: actors(), obj: actors()}
		b := draft{ev: a.ev, subj: actors(), obj: actors()}
		if got, want := sameEvent(&a, &b), sameEventMaps(&a, &b); got != want {
			t.Fatalf("sameEvent(%v, %v) = %v, want %v", a, b, got, want)
		}
		if got, want := severalCountries(a.subj, a.obj), len(countriesOf(sides(&a))) >= 2; got != want {
			t.Fatalf("severalCountries(%v) = %v, want %v", sides(&a), got, want)
		}
		if got, want := sameCountries([][]sukien.Actor{a.subj, a.obj}, [][]sukien.Actor{b.subj, b.obj}), maps.Equal(countriesOf(sides(&a)), countriesOf(sides(&b))); got != want {
			t.Fatalf("sameCountries(%v, %v) = %v, want %v", sides(&a), sides(&b), got, want)
		}
		if got, want := sideActors(a.obj, a.subj), sideActorsMaps(a.obj, countriesOf(a.subj)); !slices.Equal(got, want) {
			t.Fatalf("sideActors(%v, %v) = %v, want %v", a.obj, a.subj, got, want)
		}
		var all side
		all.add(a.subj...)
		all.add(a.obj...)
		var persons []sukien.Actor
		for _, p := range all.actors {
			if p.Kind == sukien.KindPerson {
				persons = append(persons, p)
			}
		}
		if got := sidePersons(a.subj, a.obj); !slices.Equal(got, persons) {
			t.Fatalf("sidePersons(%v, %v) = %v, want %v", a.subj, a.obj, got, persons)
		}
		want := slices.Sorted(maps.Keys(countriesOf(sides(&a))))
		if got := sortedCountries(nil, sides(&a)); !slices.Equal(got, want) && len(got)+len(want) > 0 {
			t.Fatalf("sortedCountries(%v) = %v, want %v", sides(&a), got, want)
		}
	}
}

func TestUpperAlready(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	pieces := []string{"A", "a", "THAAD", "Đ", "đ", "Ệ", "ệ", "\xff", "\xe1\xba", "\uFFFD", "ǅ", "ß", "İ", "1", "-"}
	for n := 0; n < 20000; n++ {
		var sb strings.Builder
		for k := rng.IntN(6); k >= 0; k-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		w := sb.String()
		if got, want := upperAlready(w), strings.ToUpper(w) == w; got != want {
			t.Fatalf("upperAlready(%q) = %v, want %v", w, got, want)
		}
	}
}
