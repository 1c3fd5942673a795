package dict

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sukien/sukien/internal/text"
)

// Resolution is one reading of a name or title: what a span of the looked-up
// text denotes and by which rule.
type Resolution struct {
	Text    string // the words of the input that resolved
	Kind    string // entry kind: country, person, organization, place, title, ...
	ID      string
	Name    string // English
	Country string
	Sector  string
	// Title is the office held at the date, in English ("President"): the
	// title read for rule title+country@date, the person's roles otherwise.
	Title string
	// Rule says how the text resolved: alias, short (a person's surname,
	// resolved only within a document; a country's compound syllable),
	// contextual, metonym (a capital standing for its state),
	// title+country@date, title+country, institution+country, hanviet
	// (an unknown Chinese name read from its Sino-Vietnamese syllables) or
	// romanised (an unknown name already in Latin letters).
	Rule string
	// Transliterated marks a name derived rather than found.
	Transliterated bool
	Entry          *Entry // the entry found; nil for hanviet and romanised
}

// Resolution rules.
const (
	RuleAlias        = "alias"
	RuleShort        = "short"
	RuleContextual   = "contextual"
	RuleMetonym      = "metonym"
	RuleTitleAtDate  = "title+country@date"
	RuleTitleCountry = "title+country"
	RuleInstitution  = "institution+country"
	RuleHanviet      = "hanviet"
	RuleRomanised    = "romanised"
)

// Resolve tells how text resolves at the ISO date (year, month or day
// precision; "" for no date): every dictionary phrase in it, a title
// followed by a country as the holder of that office at the date, and
// capitalised words the dictionary lacks as a transliterated Chinese name
// or a romanised name. Resolutions are in text order; a phrase with several
// readings gives several.
func (d *Dictionary) Resolve(text, date string) []Resolution {
	var t Tokens
	t.Tokenize(normalize(text))
	var out []Resolution
	for i := 0; i < len(t.T); {
		m := d.Actors.Longest(&t, i)
		if m.End > i && !shortOnly(m) {
			if m.End < len(t.T) && !t.T[m.End].Break {
				if n := d.Actors.Longest(&t, m.End); n.End > n.Start {
					if rs := d.resolveTitleCountry(&t, m, n, date); rs != nil {
						out = append(out, rs...)
						i = n.End
						continue
					}
				}
			}
			out = append(out, d.resolveMatch(&t, m, date)...)
			i = m.End
			continue
		}
		// A person's surname alone resolves only within a document, so a
		// capitalised run is read as a whole name first: "Hồ Mẫn Nhi" is
		// not Hu Jintao.
		if t.T[i].Upper {
			j := d.nameRun(&t, i)
			raw := t.Text(i, j)
			if name, ok := d.PinyinName(&t, i, j); ok {
				out = append(out, Resolution{Text: raw, Kind: Person, Name: name, Rule: RuleHanviet, Transliterated: true})
				i = j
				continue
			}
			if m.End == i && isASCII(raw) {
				out = append(out, Resolution{Text: raw, Kind: Person, Name: raw, Rule: RuleRomanised})
				i = j
				continue
			}
		}
		if m.End > i {
			out = append(out, d.resolveMatch(&t, m, date)...)
			i = m.End
			continue
		}
		i++
	}
	return out
}

// shortOnly reports whether every reading of m is a short form.
func shortOnly(m Match) bool {
	for _, tg := range m.Targets {
		if tg.Field != FieldShort {
			return false
		}
	}
	return true
}

// nameRun returns the end of the run of capitalised tokens from i that no
// dictionary alias interrupts.
func (d *Dictionary) nameRun(t *Tokens, i int) int {
	j := i + 1
	for j < len(t.T) && t.T[j].Upper && !t.T[j].Break {
		if m := d.Actors.Longest(t, j); m.End > j && !shortOnly(m) {
			break
		}
		j++
	}
	return j
}

// resolveMatch gives the readings of one dictionary phrase, one per entry.
func (d *Dictionary) resolveMatch(t *Tokens, m Match, date string) []Resolution {
	var out []Resolution
	raw := t.Text(m.Start, m.End)
	for k, tg := range m.Targets {
		if seenEntry(m.Targets[:k], tg.Entry) {
			continue // "Pháp" is both an alias and the short form of France
		}
		out = append(out, d.resolveTarget(raw, tg, date)...)
	}
	return out
}

func seenEntry(ts []Target, e *Entry) bool {
	for _, tg := range ts {
		if tg.Entry == e {
			return true
		}
	}
	return false
}

func normalize(s string) string {
	n, _ := text.Normalize(s)
	return n
}

// resolveTarget is the reading of one dictionary target.
func (d *Dictionary) resolveTarget(raw string, tg Target, date string) []Resolution {
	e := tg.Entry
	r := Resolution{Text: raw, Kind: e.Kind, ID: e.ID, Name: e.Name, Country: e.Country, Sector: e.Sector, Rule: RuleAlias, Entry: e}
	switch tg.Field {
	case FieldShort:
		r.Rule = RuleShort
	case FieldContextual:
		r.Rule = RuleContextual
	}
	switch e.Kind {
	case Person:
		r.Title = d.titlesAt(e, date)
	case Compound, Channel:
		if r.Name == "" {
			r.Name = raw
		}
		r.Country = strings.Join(e.Members, " ")
	}
	out := []Resolution{r}
	if e.Kind == Place && e.Metonym {
		if st := d.Lookup(Country, e.Country); st != nil {
			out = append(out, Resolution{Text: raw, Kind: Country, ID: st.ID, Name: st.Name, Country: st.ID, Rule: RuleMetonym, Entry: e})
		}
	}
	return out
}

// resolveTitleCountry reads a title (or a state institution) followed by a
// country: the holder of a one-at-a-time office at the date, else the
// office itself. It returns nil when the two phrases are no such pair.
func (d *Dictionary) resolveTitleCountry(t *Tokens, a, b Match, date string) []Resolution {
	office := firstOf(a.Targets, Title, Institution)
	state := firstOf(b.Targets, Country, "")
	if office == nil || state == nil {
		return nil
	}
	raw := t.Text(a.Start, b.End)
	if office.Kind == Title && OneAtATime(office.ID) && date != "" {
		var out []Resolution
		for _, p := range d.Holders(office.ID, state.ID, date) {
			out = append(out, Resolution{Text: raw, Kind: Person, ID: p.ID, Name: p.Name, Country: p.Country,
				Sector: p.Sector, Title: office.Name, Rule: RuleTitleAtDate, Entry: p})
		}
		if out != nil {
			return out
		}
	}
	rule := RuleTitleCountry
	if office.Kind == Institution {
		rule = RuleInstitution
	}
	return []Resolution{{Text: raw, Kind: office.Kind, ID: office.ID, Name: office.Name, Country: state.ID,
		Sector: office.Sector, Rule: rule, Entry: office}}
}

// firstOf returns the first alias target of kind k1 or k2.
func firstOf(ts []Target, k1, k2 string) *Entry {
	for _, tg := range ts {
		if tg.Field == FieldAlias && (tg.Entry.Kind == k1 || tg.Entry.Kind == k2) {
			return tg.Entry
		}
	}
	return nil
}

// titlesAt lists the English titles of the roles e held at date.
func (d *Dictionary) titlesAt(e *Entry, date string) string {
	var names []string
	for _, r := range e.Roles {
		if !r.Contains(date) {
			continue
		}
		name := r.Code
		if t := d.Lookup(Title, r.Code); t != nil && t.Name != "" {
			name = t.Name
		}
		if !contains(names, name) {
			names = append(names, name)
		}
	}
	return strings.Join(names, ", ")
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// PinyinName writes a Chinese name of 2 or 3 Sino-Vietnamese syllables,
// tokens [i, j) of t, in pinyin, family name first ("Tôn Vệ Đông" → "Sun Weidong"). The first
// syllable must be a common surname; a name all in ASCII letters is taken
// as romanised already ("Kim Gunn"). In the given name a syllable that
// starts with a, e or o after the first takes an apostrophe (Min'er), as
// pinyin spelling requires.
func (d *Dictionary) PinyinName(t *Tokens, i, j int) (string, bool) {
	if j-i < 2 || j-i > 3 || isASCII(t.Text(i, j)) {
		return "", false
	}
	var b strings.Builder
	for k := i; k < j; k++ {
		if t.T[k].Hyphen {
			return "", false
		}
		rd, ok := d.Hanviet[string(t.Word(k))]
		if !ok {
			return "", false
		}
		switch {
		case k == i:
			if rd.Surname == "" {
				return "", false
			}
			b.WriteString(capitalize(rd.Surname))
			b.WriteByte(' ')
		case k == i+1:
			b.WriteString(capitalize(rd.Pinyin))
		default:
			if rd.Pinyin != "" && strings.ContainsRune("aeo", rune(rd.Pinyin[0])) {
				b.WriteByte('\'')
			}
			b.WriteString(rd.Pinyin)
		}
	}
	return b.String(), true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
