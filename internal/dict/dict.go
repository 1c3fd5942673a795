// Package dict holds sukien's dictionaries — states, organisations, places,
// institutions, persons with their terms of office, titles, event triggers,
// channels and the Sino-Vietnamese syllable table — as data files embedded in
// the binary and extendable at run time, and compiles them into matchers.
//
// A Dictionary is built once and is safe for concurrent use.
package dict

import (
	"embed"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sukien/sukien/internal/text"
)

//go:embed data
var builtin embed.FS

// Entry kinds.
const (
	Country      = "country"
	Organization = "organization"
	Person       = "person"
	Title        = "title"
	Institution  = "institution"
	Place        = "place"
	Trigger      = "trigger"
	Channel      = "channel"
	Compound     = "compound"
	Cue          = "cue"
	// Word is a common word that begins with an actor's name ("Ý tưởng",
	// "Mỹ phẩm"): matched with the actors so that it shadows them.
	Word = "word"
)

var knownKinds = map[string]bool{Country: true, Organization: true, Person: true, Title: true,
	Institution: true, Place: true, Trigger: true, Channel: true, Compound: true, Cue: true, Word: true}

// Entry is one dictionary record.
type Entry struct {
	Kind    string
	ID      string
	Name    string // English
	Country string // ISO3, UNO, EUR or IGO
	Sector  string

	Aliases    []string
	Short      []string // persons: surname alone; countries: compound syllable
	Contextual []string // countries: forms valid only when a Context state is named
	Context    []string
	Members    []string // compounds and channels: the states taking part
	Roles      []Role
	Metonym    bool   // places that stand for their state's government
	Within     string // places: the id of the city a venue lies in
	NoNames    bool   // a capitalised name after it is not a person ("USS Carl Vinson" is a ship)

	// Triggers.
	Event, Mode, Cameo string
	Near               []string // keys; the trigger needs one of them after it
	// Weak triggers imply their event rather than state it ("đồng tình"
	// with a view, "sẵn sàng", "mời"): another report of the same event
	// makes better evidence.
	Weak bool

	Level     string
	Ambiguous bool // an alias shared with another entry on purpose

	Source string
	Line   int
}

// Role is a term of office: Code held from From to To (ISO dates, possibly
// partial; To "" means still in office).
type Role struct {
	Code     string
	From, To string
}

// Contains reports whether the ISO date d (day, month or year precision)
// falls within the term. A partial d matches when the term overlaps it.
func (r Role) Contains(d string) bool {
	if d == "" {
		return false
	}
	lo, hi := padLow(d), padHigh(d)
	from := padLow(r.From)
	to := "9999-12-31"
	if r.To != "" {
		to = padHigh(r.To)
	}
	return lo <= to && hi >= from
}

func padLow(d string) string {
	switch len(d) {
	case 4:
		return d + "-01-01"
	case 7:
		return d + "-01"
	}
	if len(d) > 10 {
		return d[:10]
	}
	return d
}

func padHigh(d string) string {
	switch len(d) {
	case 4:
		return d + "-12-31"
	case 7:
		return d + "-31"
	}
	if len(d) > 10 {
		return d[:10]
	}
	return d
}

// Reading is the pinyin of one Sino-Vietnamese syllable.
type Reading struct {
	Pinyin  string
	Others  []string
	Surname string // the reading as a family name, "" when not a common surname
}

// Dictionary is the compiled set of all entries.
type Dictionary struct {
	Entries []*Entry
	byID    map[string]*Entry // kind + "/" + id

	Actors   *Matcher // countries, organisations, persons, places, institutions, titles, compounds, channels
	Triggers *Matcher
	Cues     *Matcher // function words by class: negation, future, reporting, ...

	Hanviet map[string]Reading

	terms map[string][]termHolder // role + "/" + country
}

type termHolder struct {
	role   Role
	person *Entry
}

// Lookup returns the entry of the given kind and id.
func (d *Dictionary) Lookup(kind, id string) *Entry { return d.byID[kind+"/"+id] }

// Load reads the built-in dictionaries and then every `*.dict` and
// `hanviet*.tsv` file of each extra directory, in lexical order. Errors name
// file and line; the returned Dictionary is nil only when a built-in file is
// broken, so a bad user file loses just its bad stanzas.
func Load(extraDirs ...string) (*Dictionary, []error) {
	var files []source
	sub, _ := fs.Sub(builtin, "data")
	builtinFiles, err := collect(sub, "")
	if err != nil {
		return nil, []error{err}
	}
	files = append(files, builtinFiles...)
	for _, dir := range extraDirs {
		fsFiles, err := collect(os.DirFS(dir), dir)
		if err != nil {
			return nil, []error{fmt.Errorf("--dict %s: %w", dir, err)}
		}
		files = append(files, fsFiles...)
	}
	return build(files)
}

type source struct {
	name string
	fsys fs.FS
	path string
	user bool
}

func collect(fsys fs.FS, label string) ([]source, error) {
	var out []source
	err := fs.WalkDir(fsys, ".", func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if de.IsDir() {
			return nil
		}
		base := de.Name()
		if strings.HasSuffix(base, ".dict") || strings.HasPrefix(base, "hanviet") && strings.HasSuffix(base, ".tsv") {
			name := "dict/data/" + p
			if label != "" {
				name = filepath.Join(label, p)
			}
			out = append(out, source{name: name, fsys: fsys, path: p, user: label != ""})
		}
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out, err
}

func build(files []source) (*Dictionary, []error) {
	d := &Dictionary{byID: map[string]*Entry{}, Hanviet: map[string]Reading{}, terms: map[string][]termHolder{}}
	var errs []error
	builtinBroken := false
	for _, f := range files {
		r, err := f.fsys.Open(f.path)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", f.name, err))
			continue
		}
		var ferrs []error
		if strings.HasSuffix(f.path, ".tsv") {
			ferrs = d.readHanviet(r, f.name)
		} else {
			ferrs = d.readStanzas(r, f.name, f.user)
		}
		r.Close()
		if len(ferrs) > 0 && !f.user {
			builtinBroken = true
		}
		errs = append(errs, ferrs...)
	}
	if builtinBroken {
		return nil, errs
	}
	d.index()
	return d, errs
}

func (d *Dictionary) readStanzas(r io.Reader, name string, user bool) []error {
	stanzas, errs := ParseStanzas(r, name)
	for i := range stanzas {
		s := &stanzas[i]
		e, err := entryOf(s)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if s.Get("remove") == "yes" {
			if old := d.byID[e.Kind+"/"+e.ID]; old != nil {
				d.remove(old)
			} else {
				errs = append(errs, &ParseError{name, s.Line, fmt.Sprintf("remove: no %s %q to remove", e.Kind, e.ID)})
			}
			continue
		}
		if e.ID == "" {
			d.Entries = append(d.Entries, e)
			continue
		}
		key := e.Kind + "/" + e.ID
		old := d.byID[key]
		switch {
		case old != nil && s.Get("replace") == "yes":
			*old = *e
		case old != nil && user:
			merge(old, e)
		case old != nil:
			errs = append(errs, &ParseError{name, s.Line, fmt.Sprintf("%s %q already defined at %s:%d", e.Kind, e.ID, old.Source, old.Line)})
		default:
			d.byID[key] = e
			d.Entries = append(d.Entries, e)
		}
	}
	return errs
}

func (d *Dictionary) remove(e *Entry) {
	delete(d.byID, e.Kind+"/"+e.ID)
	for i, x := range d.Entries {
		if x == e {
			d.Entries = append(d.Entries[:i], d.Entries[i+1:]...)
			return
		}
	}
}

func merge(dst, src *Entry) {
	if src.Name != "" {
		dst.Name = src.Name
	}
	if src.Country != "" {
		dst.Country = src.Country
	}
	if src.Sector != "" {
		dst.Sector = src.Sector
	}
	dst.Aliases = append(dst.Aliases, src.Aliases...)
	dst.Short = append(dst.Short, src.Short...)
	dst.Contextual = append(dst.Contextual, src.Contextual...)
	dst.Context = append(dst.Context, src.Context...)
	dst.Members = append(dst.Members, src.Members...)
	dst.Roles = append(dst.Roles, src.Roles...)
	dst.Near = append(dst.Near, src.Near...)
	dst.Metonym = dst.Metonym || src.Metonym
	dst.Ambiguous = dst.Ambiguous || src.Ambiguous
	dst.NoNames = dst.NoNames || src.NoNames
	dst.Weak = dst.Weak || src.Weak
	for _, f := range []struct{ dst, src *string }{{&dst.Event, &src.Event}, {&dst.Mode, &src.Mode}, {&dst.Cameo, &src.Cameo}, {&dst.Level, &src.Level}, {&dst.Within, &src.Within}} {
		if *f.src != "" {
			*f.dst = *f.src
		}
	}
}

func entryOf(s *Stanza) (*Entry, error) {
	bad := func(format string, args ...any) error {
		return &ParseError{s.Source, s.Line, fmt.Sprintf(format, args...)}
	}
	e := &Entry{
		Kind: s.Get("kind"), ID: s.Get("id"), Name: s.Get("name"), Country: strings.ToUpper(s.Get("country")),
		Sector: strings.ToUpper(s.Get("sector")), Aliases: s.All("alias"), Short: s.All("short"),
		Contextual: s.All("contextual"), Metonym: s.Get("metonym") == "yes", Event: strings.ToUpper(s.Get("event")),
		Mode: s.Get("mode"), Cameo: s.Get("cameo"), Level: s.Get("level"), Ambiguous: s.Get("ambiguous") == "yes",
		Within: s.Get("within"), NoNames: s.Get("names") == "no", Weak: s.Get("weak") == "yes", Source: s.Source, Line: s.Line,
	}
	e.Context = words(s.All("context"))
	e.Members = words(s.All("members"))
	for _, n := range s.All("near") {
		e.Near = append(e.Near, Key(n))
	}
	if !knownKinds[e.Kind] {
		return nil, bad("unknown or missing kind %q", e.Kind)
	}
	if e.Kind == Country && e.Country == "" {
		e.Country = e.ID
	}
	for _, f := range s.Fields {
		if f.Name != "role" {
			continue
		}
		for _, v := range f.Values {
			parts := strings.Fields(v)
			if len(parts) < 2 || len(parts) > 3 {
				return nil, &ParseError{s.Source, f.Line, fmt.Sprintf("role %q: want `CODE FROM [TO]`", v)}
			}
			r := Role{Code: parts[0], From: parts[1]}
			if len(parts) == 3 && parts[2] != "-" {
				r.To = parts[2]
			}
			if !validDate(r.From) || r.To != "" && !validDate(r.To) {
				return nil, &ParseError{s.Source, f.Line, fmt.Sprintf("role %q: dates must be YYYY, YYYY-MM or YYYY-MM-DD", v)}
			}
			e.Roles = append(e.Roles, r)
		}
	}
	if e.Kind != Trigger && e.Kind != Compound && e.ID == "" && s.Get("remove") != "yes" {
		return nil, bad("%s without id", e.Kind)
	}
	if e.Kind == Trigger && (e.Event == "" || len(e.Aliases) == 0) {
		return nil, bad("trigger needs alias and event")
	}
	return e, nil
}

func words(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, w := range strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' }) {
			out = append(out, strings.ToUpper(w))
		}
	}
	return out
}

func validDate(s string) bool {
	switch len(s) {
	case 4, 7, 10:
	default:
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i == 4 || i == 7 {
			if c != '-' {
				return false
			}
		} else if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func (d *Dictionary) readHanviet(r io.Reader, name string) []error {
	stanzaless, err := io.ReadAll(io.LimitReader(r, 64<<20))
	if err != nil {
		return []error{fmt.Errorf("%s: %w", name, err)}
	}
	var errs []error
	for n, line := range strings.Split(string(stanzaless), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 2 || strings.TrimSpace(cols[0]) == "" || strings.TrimSpace(cols[1]) == "" {
			errs = append(errs, &ParseError{name, n + 1, "want `syllable<TAB>pinyin[<TAB>others<TAB>flags]`"})
			continue
		}
		rd := Reading{Pinyin: strings.ToLower(strings.TrimSpace(cols[1]))}
		if len(cols) > 2 && strings.TrimSpace(cols[2]) != "" {
			for _, o := range strings.Split(cols[2], ",") {
				if o = strings.TrimSpace(o); o != "" {
					rd.Others = append(rd.Others, o)
				}
			}
		}
		if len(cols) > 3 {
			for _, fl := range strings.Fields(strings.ReplaceAll(cols[3], ",", " ")) {
				if fl == "surname" {
					rd.Surname = rd.Pinyin
				} else if v, ok := strings.CutPrefix(fl, "surname="); ok {
					rd.Surname = v
				}
			}
		}
		d.Hanviet[Key(cols[0])] = rd
	}
	return errs
}

// Key is the matching key of a dictionary phrase: normalised (NFC, one
// tone-mark placement), lower case, hyphens and underscores as spaces, the
// same form Tokens.Lower gives the text.
func Key(s string) string {
	n, _ := text.Normalize(s)
	var t Tokens
	t.Tokenize(n)
	return string(t.Lower)
}

func (d *Dictionary) index() {
	d.Actors = newMatcher()
	d.Triggers = newMatcher()
	d.Cues = newMatcher()
	for _, e := range d.Entries {
		switch e.Kind {
		case Cue:
			for _, a := range e.Aliases {
				d.Cues.add(a, Target{Entry: e, Field: FieldAlias})
			}
		case Trigger:
			for _, a := range e.Aliases {
				d.Triggers.add(a, Target{Entry: e, Field: FieldAlias})
			}
		default:
			for _, a := range e.Aliases {
				d.Actors.add(a, Target{Entry: e, Field: FieldAlias})
			}
			if e.Kind == Country || e.Kind == Person {
				for _, a := range e.Short {
					d.Actors.add(a, Target{Entry: e, Field: FieldShort})
				}
			}
			for _, a := range e.Contextual {
				d.Actors.add(a, Target{Entry: e, Field: FieldContextual})
			}
		}
		if e.Kind == Person {
			for _, r := range e.Roles {
				k := r.Code + "/" + e.Country
				d.terms[k] = append(d.terms[k], termHolder{role: r, person: e})
			}
		}
	}
	for _, hs := range d.terms {
		sort.Slice(hs, func(i, j int) bool { return padLow(hs[i].role.From) < padLow(hs[j].role.From) })
	}
}

// Holders returns the persons who held role for country at the ISO date
// (day, month or year precision), earliest term first.
func (d *Dictionary) Holders(role, country, date string) []*Entry {
	var out []*Entry
	for _, h := range d.terms[role+"/"+country] {
		if h.role.Contains(date) {
			out = append(out, h.person)
		}
	}
	return out
}

// HeldBy reports whether the person with id ever held role for country.
func (d *Dictionary) HeldBy(role, country, id string) bool {
	for _, h := range d.terms[role+"/"+country] {
		if h.person.ID == id {
			return true
		}
	}
	return false
}

// Holder returns the one person who held role for country at date, or nil
// when nobody or several did (a month that saw a change of office).
func (d *Dictionary) Holder(role, country, date string) *Entry {
	hs := d.Holders(role, country, date)
	if len(hs) == 1 {
		return hs[0]
	}
	return nil
}

// Counts returns the number of entries of each kind, and of hanviet syllables.
func (d *Dictionary) Counts() map[string]int {
	m := map[string]int{}
	for _, e := range d.Entries {
		m[e.Kind]++
	}
	m["hanviet syllable"] = len(d.Hanviet)
	return m
}
