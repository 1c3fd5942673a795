package extract

import (
	"slices"
	"strings"
	"unicode"

	"github.com/sukien/sukien"
	"github.com/sukien/sukien/internal/dict"
	"github.com/sukien/sukien/internal/text"
)

// personRef is one person named in the document, for later short mentions
// ("ông Cho", "Bộ trưởng Blinken").
type personRef struct {
	actor  sukien.Actor
	shorts []string // lower-case keys
	role   string
}

func personActor(e *dict.Entry) sukien.Actor {
	return sukien.Actor{Kind: sukien.KindPerson, Name: e.Name, Country: e.Country, ID: e.ID, Sector: e.Sector}
}

func (c *docContext) remember(a sukien.Actor, shorts []string, role string) {
	for i := range c.persons {
		if c.persons[i].actor.Name == a.Name {
			p := c.persons[i]
			if p.actor.Country == "" {
				p.actor.Country = a.Country
			}
			if p.role == "" {
				p.role = role
			}
			c.persons = append(append(c.persons[:i], c.persons[i+1:]...), p)
			return
		}
	}
	c.persons = append(c.persons, personRef{actor: a, shorts: shorts, role: role})
}

// recall finds the most recently named person known by the short form key.
func (c *docContext) recall(key string) (sukien.Actor, bool) {
	for i := len(c.persons) - 1; i >= 0; i-- {
		for _, s := range c.persons[i].shorts {
			if s == key {
				return c.persons[i].actor, true
			}
		}
	}
	return sukien.Actor{}, false
}

// recallTitled is recall for the short name at token i after a title:
// "Tổng thống Moon" is the president named Moon, not his adviser Moon
// Chung-in named since. The title is read only when several persons
// share the name.
func (x *Extractor) recallTitled(c *docContext, s *sentence, i int, trigAt []bool) (sukien.Actor, bool) {
	key := s.word(i)
	n := 0
	for _, p := range c.persons {
		if slices.Contains(p.shorts, key) {
			n++
		}
	}
	if n > 1 {
		if _, _, _, role, _ := x.chainLeft(s, i, trigAt); role != "" {
			for k := len(c.persons) - 1; k >= 0; k-- {
				p := c.persons[k]
				if slices.Contains(p.shorts, key) && x.holdsOffice(p, role, p.actor.Country) {
					return p.actor, true
				}
			}
		}
	}
	return c.recall(key)
}

// holdsOffice reports whether a person the article named holds (or held)
// role for country: by the terms of office for a dictionary person, by the
// title read for anyone else.
func (x *Extractor) holdsOffice(p personRef, role, country string) bool {
	if x.dict.Lookup(dict.Person, p.actor.ID) != nil {
		return x.dict.HeldBy(role, country, p.actor.ID)
	}
	return p.role == role
}

// recallRole finds the most recently named person holding role for country.
func (c *docContext) recallRole(role, country string) (sukien.Actor, bool) {
	for i := len(c.persons) - 1; i >= 0; i-- {
		p := c.persons[i]
		if p.role == role && (country == "" || p.actor.Country == country) {
			return p.actor, true
		}
	}
	return sukien.Actor{}, false
}

func shortsOf(e *dict.Entry) []string {
	var out []string
	for _, s := range e.Short {
		out = append(out, dict.Key(s))
	}
	return out
}

// shortsOfName guesses the short forms of an unknown name: the surname
// (first syllable) and, for names in Western or Japanese order, the last.
func shortsOfName(name string) []string {
	f := strings.Fields(strings.ToLower(strings.ReplaceAll(name, "-", " ")))
	if len(f) == 0 {
		return nil
	}
	return []string{f[0], f[len(f)-1]}
}

// assemble turns the dictionary matches of a sentence into mentions.
func (x *Extractor) assemble(s *sentence, c *docContext) {
	n := len(s.toks.T)
	s.mentions = s.mentions[:0]
	s.channels = s.channels[:0]
	s.mentAt = zeroed(s.mentAt, n)
	for i := range s.mentAt {
		s.mentAt[i] = -1
	}
	s.taken = zeroed(s.taken, n)
	used := s.taken
	known := len(c.persons) // persons named before this sentence
	var lastBefore *sukien.Actor
	if known > 0 {
		a := c.persons[known-1].actor
		lastBefore = &a
	}
	s.inTrig = zeroed(s.inTrig, n)
	trigAt := s.inTrig
	for _, t := range s.trigs {
		for j := t.start; j < t.end; j++ {
			trigAt[j] = true
		}
	}
	add := func(m mention) {
		for j := m.start; j < m.end; j++ {
			used[j] = true
		}
		s.mentions = append(s.mentions, m)
	}

	// Persons first: names from the dictionary, unknown names after a
	// title, a state or an honorific, and short names of persons already
	// named in the document.
	type pm struct {
		start, end int
		actor      sukien.Actor
		shorts     []string
		known      bool
	}
	var persons []pm
	for i := 0; i < n; i++ {
		if bi := s.baseAt[i]; bi >= 0 {
			b := &s.bases[bi]
			if e := b.has(dict.Person); e != nil {
				persons = append(persons, pm{b.start, b.end, personActor(e), x.shortsOf(e), true})
				i = b.end - 1
				continue
			}
			// "Choe vừa dẫn đầu ...": a surname alone is a person already
			// named in the article.
			if e := b.short(dict.Person); e != nil && b.end == b.start+1 && !x.titledBefore(s, b.start) && (b.end >= n || !s.isNameToken(b.end)) {
				if a, ok := c.recall(s.word(b.start)); ok {
					persons = append(persons, pm{b.start, b.end, a, nil, true})
				}
				i = b.end - 1
				continue
			}
			if e := b.short(dict.Person); e != nil && x.titledBefore(s, b.start) {
				// "Thứ trưởng ... Park Min-su": a common surname that starts a
				// longer unknown name.
				if j := s.nameRun(b.end); j > b.end && !s.toks.T[b.end].Break {
					persons = append(persons, pm{start: b.start, end: j})
					i = j - 1
					continue
				}
				if a, ok := x.recallTitled(c, s, b.start, trigAt); ok && b.end == b.start+1 {
					persons = append(persons, pm{b.start, b.end, a, nil, true})
				} else if b.end == b.start+1 && len(b.targets) == 1 {
					persons = append(persons, pm{b.start, b.end, personActor(e), x.shortsOf(e), true})
				}
				i = b.end - 1
				continue
			}
			i = b.end - 1
			continue
		}
		if !s.isNameToken(i) || trigAt[i] {
			continue
		}
		j := s.nameRun(i)
		titled := x.titledBefore(s, i)
		switch {
		case j-i == 1 && titled:
			if a, ok := x.recallTitled(c, s, i, trigAt); ok {
				persons = append(persons, pm{i, j, a, nil, true})
			}
		case j-i >= 2 && titled:
			persons = append(persons, pm{start: i, end: j})
		case j-i >= 2:
			// A bare name may be a known person's short form followed by
			// more capitals; only take it when the document named them.
			if a, ok := c.recall(s.word(i)); ok && j-i == 1 {
				persons = append(persons, pm{i, j, a, nil, true})
			}
		}
		i = j - 1
	}

	for _, p := range persons {
		start, country, title, role, sector := x.chainLeft(s, p.start, trigAt)
		end := p.end
		if country == "" || title == "" {
			if e, c2, t2, r2, s2 := x.apposition(s, p.end); e > p.end {
				end = e
				if country == "" {
					country = c2
				}
				if title == "" {
					title, role, sector = t2, r2, s2
				}
			}
		}
		a := p.actor
		if a.Name == "" {
			name, translit := x.canonicalName(s, p.start, p.end, country)
			a = sukien.Actor{Kind: sukien.KindPerson, Name: name, Country: country, Raw: s.toks.Text(p.start, p.end), Transliterated: translit}
			// The title and state may name a known office holder whose name
			// is written partly or differently ("Tổng thống Nga Vladimir").
			if role != "" && country != "" {
				if h := x.dict.Holder(role, country, c.when()); h != nil && nameOverlap(h, s.toks.Text(p.start, p.end)) {
					a = personActor(h)
				}
			}
			p.shorts = shortsOfName(a.Name)
		} else {
			a.Raw = s.toks.Text(p.start, p.end)
			if a.Country == "" {
				a.Country = country
			}
		}
		if a.Title == "" {
			a.Title = title
		}
		if a.Sector == "" {
			a.Sector = sector
		}
		c.remember(a, p.shorts, role)
		add(mention{start: start, end: end, kind: mPerson, actors: []sukien.Actor{a}, role: role, personKey: a.Name})
	}

	// Everything else, left to right.
	for i := 0; i < n; i++ {
		if used[i] {
			continue
		}
		// "Ông cũng kêu gọi ...": a bare honorific is the person last named.
		if w := s.word(i); s.cues[i].end == i+1 && (w == "ông" || w == "bà" || w == "ngài") && (i+1 >= n || !s.toks.T[i+1].Upper) {
			if p, ok := lastPersonBefore(s.mentions, i, lastBefore); ok {
				add(mention{start: i, end: i + 1, kind: mPerson, actors: []sukien.Actor{p}})
				continue
			}
		}
		if cs := s.cues[i]; cs.bits&cPersonAnaphor != 0 {
			if p, ok := lastPersonBefore(s.mentions, i, lastBefore); ok {
				add(mention{start: i, end: cs.end, kind: mPerson, actors: []sukien.Actor{p}})
				i = cs.end - 1
				continue
			}
		}
		// "Chúng tôi ... phản đối", ông Suga nhấn mạnh: the quoted speaker.
		if cs := s.cues[i]; cs.bits&cSpeaker != 0 {
			if p, ok := x.quoteSpeaker(s, i, c, lastBefore); ok {
				add(mention{start: i, end: cs.end, kind: mPerson, actors: []sukien.Actor{p}})
				i = cs.end - 1
				continue
			}
		}
		if cs := s.cues[i]; cs.bits&cAgreementRef != 0 && !trigAt[i] && s.baseAt[i] < 0 {
			add(mention{start: i, end: cs.end, kind: mAgreed})
			i = cs.end - 1
			continue
		}
		if cs := s.cues[i]; cs.bits&(cPair|cAnaphor|cIncident) != 0 && !trigAt[i] {
			switch {
			case cs.bits&cPair != 0:
				m := mention{start: i, end: cs.end, kind: mPair}
				m.role = pairRole(s.toks.Text(i, cs.end))
				add(m)
			case cs.bits&cAnaphor != 0:
				add(mention{start: i, end: cs.end, kind: mAnaphor})
			default:
				add(mention{start: i, end: cs.end, kind: mIncident})
			}
			i = cs.end - 1
			continue
		}
		bi := s.baseAt[i]
		if bi < 0 {
			continue
		}
		b := &s.bases[bi]
		if b.start != i {
			continue
		}
		switch {
		case b.has(dict.Title) != nil || b.has(dict.Institution) != nil:
			m, ok := x.titleChain(s, b, c, used)
			if ok {
				add(m)
				i = m.end - 1
				continue
			}
		case b.has(dict.Channel) != nil:
			// "Đối thoại Ngoại giao và An ninh Hàn-Trung": the mechanism's
			// members are named with it.
			e := b.has(dict.Channel)
			s.channels = append(s.channels, channelAt{b.start, b.end, e})
			var as []sukien.Actor
			for _, code := range e.Members {
				as = append(as, x.countryActor(code))
			}
			if len(as) > 0 {
				add(mention{start: b.start, end: b.end, kind: mCountry, actors: as})
			}
			i = b.end - 1
			continue
		case b.has(dict.Compound) != nil:
			e := b.has(dict.Compound)
			var as []sukien.Actor
			for _, code := range e.Members {
				as = append(as, x.countryActor(code))
			}
			add(mention{start: b.start, end: b.end, kind: mCountry, actors: as})
			i = b.end - 1
			continue
		}
		if codes, end := x.compound(s, bi, c); len(codes) > 0 {
			var as []sukien.Actor
			for _, code := range codes {
				as = append(as, x.countryActor(code))
			}
			add(mention{start: b.start, end: end, kind: mCountry, actors: as})
			i = end - 1
			continue
		}
		switch {
		case b.has(dict.Country) != nil:
			add(mention{start: b.start, end: b.end, kind: mCountry, actors: []sukien.Actor{x.countryActor(b.has(dict.Country).ID)}})
		case b.contextual() != nil && c.namesAny(b.contextual().Context):
			add(mention{start: b.start, end: b.end, kind: mCountry, actors: []sukien.Actor{x.countryActor(b.contextual().ID)}})
		case b.has(dict.Organization) != nil:
			e := b.has(dict.Organization)
			add(mention{start: b.start, end: b.end, kind: mOrg, actors: []sukien.Actor{{Kind: sukien.KindOrganization, Name: e.Name, Country: e.Country, ID: e.ID, Sector: e.Sector}}})
		case b.has(dict.Place) != nil:
			e := b.has(dict.Place)
			m := mention{start: b.start, end: b.end, kind: mPlace, place: e}
			if e.Metonym {
				m.actors = []sukien.Actor{x.countryActor(e.Country)}
			}
			add(m)
		default:
			continue
		}
		i = b.end - 1
	}

	// Sort by position and index tokens.
	sortMentions(s.mentions)
	// "nước này" is the state named last before it in the sentence.
	for mi := range s.mentions {
		m := &s.mentions[mi]
		if m.kind != mAnaphor {
			continue
		}
		for pj := mi - 1; pj >= 0; pj-- {
			pm := &s.mentions[pj]
			if cs := pm.countries(); len(cs) == 1 && (pm.kind != mPlace || pm.place != nil && pm.place.Metonym && !pm.isLocation) {
				m.near = []sukien.Actor{x.countryActor(cs[0])}
				break
			}
		}
	}
	// "Hàn Quốc, Mỹ và Nhật Bản khép lại cuộc tập trận ba bên": a counted
	// pair is the list of that many states just named.
	for mi := range s.mentions {
		m := &s.mentions[mi]
		if m.kind == mPair {
			m.count = pairCount(s.toks.Text(m.start, m.end))
			if m.role == "" && m.count >= 2 {
				m.near = s.listBefore(mi, m.count)
			}
		}
	}
	for mi := range s.mentions {
		m := &s.mentions[mi]
		for j := m.start; j < m.end; j++ {
			s.mentAt[j] = mi
		}
		if m.start > 0 {
			prev := s.cueBefore(m.start)
			// "tại khu nghỉ dưỡng Trại David": a common noun may stand
			// between "tại" and the name.
			for j := m.start - 1; prev == 0 && j > 0 && j >= m.start-3 && placeHeads[s.word(j)] && s.mentAt[j] < 0; j-- {
				prev = s.cueBefore(j) & (cLocation | cDestination)
			}
			m.isLocation = prev&(cLocation) != 0 && m.kind == mPlace || prev&cLocation != 0 && m.kind == mCountry && len(m.actors) == 1
			m.isDest = prev&cDestination != 0
			m.isTransit = prev&cTransit != 0
		}
	}
}

// cueBefore returns the classes of a cue that ends right before token i.
func (s *sentence) cueBefore(i int) cueSet {
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		if s.cues[j].bits != 0 && s.cues[j].end == i {
			return s.cues[j].bits
		}
	}
	return 0
}

func sortMentions(ms []mention) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].start < ms[j-1].start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

func nameOverlap(e *dict.Entry, raw string) bool {
	k := dict.Key(raw)
	for _, a := range append([]string{e.Name}, e.Aliases...) {
		ak := dict.Key(a)
		if strings.Contains(ak, k) || strings.Contains(k, ak) {
			return true
		}
	}
	return false
}

func (c *docContext) namesAny(codes []string) bool {
	for _, code := range codes {
		if c.named[code] {
			return true
		}
	}
	return false
}

func (x *Extractor) countryActor(code string) sukien.Actor {
	if e := x.dict.Lookup(dict.Country, code); e != nil {
		return sukien.Actor{Kind: sukien.KindCountry, Name: e.Name, Country: code, ID: code}
	}
	return sukien.Actor{Kind: sukien.KindCountry, Name: code, Country: code, ID: code}
}

// titledBefore reports whether token i follows a title, a state, an
// institution, an honorific or "người đồng cấp": the places where a name
// stands.
func (x *Extractor) titledBefore(s *sentence, i int) bool {
	if i == 0 || s.toks.T[i].Break {
		return false
	}
	if s.cueBefore(i)&(cHonorific|cCounterpart) != 0 {
		return true
	}
	if bi := s.baseAt[i-1]; bi >= 0 {
		b := &s.bases[bi]
		for _, t := range b.targets {
			switch t.Entry.Kind {
			case dict.Title, dict.Institution, dict.Organization:
				return !t.Entry.NoNames
			case dict.Country:
				return t.Field != dict.FieldShort
			case dict.Place:
				return t.Entry.Metonym
			}
		}
	}
	return false
}

// chainLeft walks left from a name over its title, institution and state
// ("Thứ trưởng Bộ Ngoại giao Hàn Quốc Kim Hong-kyun") and returns where the
// chain starts and what it says about the person.
func (x *Extractor) chainLeft(s *sentence, p int, trigAt []bool) (start int, country, title, role, sector string) {
	start = p
	nearestCountry := ""
	for j := p - 1; j >= 0 && j >= p-12; j-- {
		if s.toks.T[j+1].Break {
			break
		}
		if trigAt[j] {
			break
		}
		cb := s.cueIn[j]
		if cb&(cCounterpart|cHonorific) != 0 && s.baseAt[j] < 0 {
			if j+1 != start && cb&cHonorific != 0 {
				break // "ông Tập được Chủ tịch Kim": another person's honorific
			}
			start = j
			continue
		}
		if cb&(cComitative|cReporting|cNegation|cClause|cLocation|cDestination|cPair|cOpinion|cSource) != 0 && s.baseAt[j] < 0 {
			break
		}
		if s.toks.T[j].Number {
			break
		}
		bi := s.baseAt[j]
		if bi < 0 {
			continue // a plain word: kept only if a title lies further left
		}
		b := &s.bases[bi]
		if b.has(dict.Person) != nil || b.short(dict.Person) != nil && b.has(dict.Title) == nil && b.has(dict.Country) == nil {
			break
		}
		switch {
		case b.has(dict.Title) != nil:
			e := b.has(dict.Title)
			start = b.start
			if title == "" {
				title, role, sector = s.toks.Text(b.start, b.end), e.ID, e.Sector
			}
		case b.has(dict.Institution) != nil:
			start = b.start
			if sector == "" {
				sector = b.has(dict.Institution).Sector
			}
		case b.has(dict.Country) != nil:
			if nearestCountry == "" {
				nearestCountry = b.has(dict.Country).ID
			}
			if b.end == p || start <= b.end {
				start = b.start
			}
		case b.has(dict.Place) != nil && b.has(dict.Place).Metonym:
			if nearestCountry == "" {
				nearestCountry = b.has(dict.Place).Country
			}
			if b.end == p {
				start = b.start
			}
		case b.has(dict.Organization) != nil:
			start = b.start
			if nearestCountry == "" {
				nearestCountry = b.has(dict.Organization).Country
			}
		}
		j = b.start
	}
	// Only a chain that reached a title, institution or adjacent state
	// counts; the words between are the title's scope.
	if start < p {
		country = nearestCountry
	}
	return start, country, title, role, sector
}

// apposition reads "Oleg Burmistrov – Đặc phái viên Bộ Ngoại giao Nga" and
// "Choe Son Hui, quan chức ... Bộ Ngoại giao Triều Tiên": a title phrase
// right after a name, up to its state.
func (x *Extractor) apposition(s *sentence, e int) (end int, country, title, role, sector string) {
	n := len(s.toks.T)
	if e >= n {
		return e, "", "", "", ""
	}
	gap := strings.TrimSpace(s.toks.Gap(e))
	if gap != "-" && gap != "," && gap != "(" {
		return e, "", "", "", ""
	}
	bi := s.baseAt[e]
	if bi < 0 || s.bases[bi].has(dict.Title) == nil {
		return e, "", "", "", ""
	}
	b := &s.bases[bi]
	title, role, sector = s.toks.Text(b.start, b.end), b.has(dict.Title).ID, b.has(dict.Title).Sector
	for j := b.end; j < n && j < e+16; j++ {
		if s.toks.T[j].Break {
			break
		}
		if k := s.baseAt[j]; k >= 0 {
			kb := &s.bases[k]
			if c := kb.has(dict.Country); c != nil {
				return kb.end, c.ID, title, role, sector
			}
			if kb.has(dict.Person) != nil {
				break
			}
			j = kb.end - 1
		}
	}
	return b.end, "", title, role, sector
}

// titleChain reads a title or institution with its state but no name:
// "Tổng thống Hàn Quốc", "Bộ Ngoại giao Hàn Quốc", "Ngoại trưởng hai nước".
func (x *Extractor) titleChain(s *sentence, b *base, c *docContext, used []bool) (mention, bool) {
	n := len(s.toks.T)
	var titleE, instE *dict.Entry
	if e := b.has(dict.Title); e != nil {
		titleE = e
	} else {
		instE = b.has(dict.Institution)
	}
	j := b.end
	// Title + institution: "Bộ trưởng Bộ Ngoại giao".
	if j < n && !s.toks.T[j].Break && s.baseAt[j] >= 0 && !used[j] {
		if e := s.bases[s.baseAt[j]].has(dict.Institution); e != nil {
			instE = e
			j = s.bases[s.baseAt[j]].end
		}
	}
	if j < n && s.toks.T[j].Break {
		return mention{}, false
	}
	// "của Mỹ"
	k := j
	if k < n && s.word(k) == "của" {
		k++
	}
	if k < n && !used[k] && s.cues[k].bits&cPair != 0 {
		// "Ngoại trưởng hai nước" are the two ministers named; "quan chức
		// hai nước" are the delegations, a rank and no one in particular.
		role := roleOf(titleE)
		if role == "official" {
			role = statesOnly
		}
		return mention{start: b.start, end: s.cues[k].end, kind: mPair, role: role}, true
	}
	if k >= n || used[k] || s.baseAt[k] < 0 {
		return mention{}, false
	}
	cb := &s.bases[s.baseAt[k]]
	code := ""
	if e := cb.has(dict.Country); e != nil {
		code = e.ID
	} else if e := cb.has(dict.Place); e != nil && e.Metonym {
		code = e.Country
	} else if e := cb.contextual(); e != nil && c.namesAny(e.Context) {
		code = e.ID
	}
	if code == "" {
		return mention{}, false
	}
	m := mention{start: b.start, end: cb.end, kind: mOrg}
	if titleE != nil {
		m.role = titleE.ID
		// "hội nghị thượng đỉnh giữa lãnh đạo Hàn Quốc và Nhật Bản": a
		// title shared by a list of states names the states, no one person.
		if x.stateListAfter(s, cb.end) {
			a := x.countryActor(code)
			a.Title = s.toks.Text(b.start, b.end)
			m.kind = mTitle
			m.actors = []sukien.Actor{a}
			return m, true
		}
		// "Năm 2018, Tổng thống Moon Jae-in thăm Bình Nhưỡng ... nhà lãnh
		// đạo Hàn Quốc": the holder the article has named beats the one
		// in office when it appeared.
		if a, ok := x.namedHolder(c, titleE.ID, code); ok {
			m.kind = mPerson
			m.fromTitle = true
			m.actors = []sukien.Actor{a}
			return m, true
		}
		if h := x.dict.Holder(titleE.ID, code, c.when()); h != nil && isOffice(titleE.ID) {
			a := personActor(h)
			a.Title = s.toks.Text(b.start, b.end)
			c.remember(a, shortsOf(h), titleE.ID)
			m.kind = mPerson
			m.fromTitle = true
			m.actors = []sukien.Actor{a}
			return m, true
		}
		if a, ok := c.recallRole(titleE.ID, code); ok && isOffice(titleE.ID) {
			m.kind = mPerson
			m.fromTitle = true
			m.actors = []sukien.Actor{a}
			return m, true
		}
		// "trong cuộc gặp với Ngoại trưởng Mỹ Rex Tillerson, nhà ngoại giao
		// Mỹ tuyên bố": one person of the state described again.
		if p, ok := onlyPersonOf(s, code, b.start); ok && !pluralBefore(s, b.start) {
			m.kind = mPerson
			m.fromTitle = true
			m.actors = []sukien.Actor{p}
			return m, true
		}
		a := x.countryActor(code)
		a.Title = s.toks.Text(b.start, b.end)
		m.kind = mTitle
		m.actors = []sukien.Actor{a}
		return m, true
	}
	a := sukien.Actor{Kind: sukien.KindOrganization, Name: instE.Name + " (" + x.countryActor(code).Name + ")", Country: code, ID: instE.ID + "-" + code, Sector: instE.Sector}
	m.actors = []sukien.Actor{a}
	return m, true
}

// namedHolder finds the person last named in the document who holds (or
// held) the office role for country, not as a former holder ("cựu Tổng
// thống").
func (x *Extractor) namedHolder(c *docContext, role, country string) (sukien.Actor, bool) {
	if !isOffice(role) {
		return sukien.Actor{}, false
	}
	for i := len(c.persons) - 1; i >= 0; i-- {
		p := c.persons[i]
		if p.actor.Country != country || p.actor.Kind != sukien.KindPerson {
			continue
		}
		t := strings.ToLower(p.actor.Title)
		if strings.HasPrefix(t, "cựu") || strings.HasPrefix(t, "nguyên") {
			continue
		}
		if x.holdsOffice(p, role, country) {
			return p.actor, true
		}
	}
	return sukien.Actor{}, false
}

// stateListAfter reports a state joined by "và" or a comma at token i.
func (x *Extractor) stateListAfter(s *sentence, i int) bool {
	n := len(s.toks.T)
	if i >= n {
		return false
	}
	k := i
	if s.word(k) == "và" {
		k++
	} else if !s.toks.T[k].Break || !strings.Contains(s.toks.Gap(k), ",") {
		return false
	}
	if k >= n || s.baseAt[k] < 0 {
		return false
	}
	b := &s.bases[s.baseAt[k]]
	if b.start != k {
		return false
	}
	if b.has(dict.Country) != nil {
		return true
	}
	e := b.has(dict.Place)
	return e != nil && e.Metonym
}

// onlyPersonOf returns the one person of country named in the sentence
// before token i, if there is exactly one.
func onlyPersonOf(s *sentence, country string, i int) (sukien.Actor, bool) {
	var found sukien.Actor
	n := 0
	for k := range s.mentions {
		m := &s.mentions[k]
		if m.end > i || m.kind != mPerson || len(m.actors) != 1 || m.actors[0].Country != country || m.actors[0].Kind != sukien.KindPerson {
			continue
		}
		if n == 0 || m.actors[0].Name != found.Name {
			found = m.actors[0]
			n++
		}
	}
	return found, n == 1
}

// pluralBefore: "các nhà ngoại giao", "những quan chức" are several.
func pluralBefore(s *sentence, i int) bool {
	if i == 0 {
		return false
	}
	switch s.word(i - 1) {
	case "các", "những", "nhiều", "một", "số", "hai", "ba":
		return true
	}
	return false
}

func roleOf(e *dict.Entry) string {
	if e == nil {
		return ""
	}
	return e.ID
}

// isOffice reports whether a role is held by one person at a time, so
// that a title and a state name them.
func isOffice(role string) bool {
	switch role {
	case "leader", "president", "vice_president", "prime_minister", "foreign_minister", "defence_minister",
		"unification_minister", "national_security_adviser", "chief_cabinet_secretary", "secretary_general":
		return true
	}
	return false
}

// compound reads "Hàn-Mỹ-Nhật", "Nga-Triều", "Hàn Quốc-Nhật Bản": states
// joined by hyphens, where one-syllable forms are allowed.
func (x *Extractor) compound(s *sentence, bi int, c *docContext) ([]string, int) {
	var codes []string
	end := -1
	shorts := 0
	spaced := false
	for k := bi; k < len(s.bases); k++ {
		b := &s.bases[k]
		if k > bi && b.start != end {
			break
		}
		if k > bi && !s.toks.T[b.start].Hyphen {
			// "Mỹ - Hàn" in word-segmented text: a spaced hyphen joins
			// one-syllable forms too.
			if s.toks.Gap(b.start) != " - " {
				break
			}
			spaced = true
		}
		e := b.has(dict.Country)
		if e == nil {
			if e = b.short(dict.Country); e != nil {
				shorts++
			}
		}
		if e == nil {
			break
		}
		codes = append(codes, e.ID)
		end = b.end
	}
	if spaced && shorts == 0 {
		return nil, 0
	}
	if len(codes) < 2 {
		return nil, 0
	}
	return codes, end
}

// pairCount reads how many sides a pair phrase counts: "ba bên" 3.
func pairCount(t string) int {
	// The first field of t as strings.Fields cuts it, without the slice.
	t = strings.TrimLeftFunc(t, unicode.IsSpace)
	if i := strings.IndexFunc(t, unicode.IsSpace); i >= 0 {
		t = t[:i]
	}
	switch strings.ToLower(t) {
	case "hai", "2":
		return 2
	case "ba", "3":
		return 3
	case "bốn", "4":
		return 4
	}
	return 0
}

// listBefore returns the last list of exactly n states named before mention
// mi in the sentence ("Hàn Quốc, Mỹ và Nhật Bản"), or nil.
func (s *sentence) listBefore(mi, n int) []sukien.Actor {
	for end := mi - 1; end >= 0; end-- {
		if s.mentions[end].kind != mCountry {
			continue
		}
		var list []sukien.Actor
		seen := map[string]bool{}
		for k := end; k >= 0; k-- {
			m := &s.mentions[k]
			if m.kind != mCountry || m.isLocation {
				break
			}
			for _, a := range m.actors {
				if !seen[a.Country] {
					seen[a.Country] = true
					list = append(list, a)
				}
			}
			if k == 0 {
				break
			}
			// Joined by a comma or "và"/"cùng" only.
			gap := m.start - s.mentions[k-1].end
			if gap > 1 || gap == 1 && s.word(m.start-1) != "và" && s.word(m.start-1) != "cùng" {
				break
			}
		}
		if len(list) == n {
			return list
		}
		return nil // only the nearest list counts
	}
	return nil
}

// pairRole: "hai nhà lãnh đạo" name the leaders of the pair, "hai ngoại
// trưởng" its persons, "hai nước" only the states ("").
func pairRole(t string) string {
	t = text.ToLower(t)
	if strings.Contains(t, "lãnh đạo") {
		return "leader"
	}
	for _, w := range []string{"quan chức", "ngoại trưởng", "bộ trưởng", "phái viên", "vị", "trưởng đoàn"} {
		if strings.Contains(t, w) {
			return "persons"
		}
	}
	return ""
}

// lastPersonBefore finds the person a bare "ông"/"bà" at token i stands
// for: the nearest one named before it in the sentence, else the last one
// named in the sentences before.
func lastPersonBefore(ms []mention, i int, prev *sukien.Actor) (sukien.Actor, bool) {
	best := -1
	for k := range ms {
		if ms[k].kind == mPerson && ms[k].end <= i && (best < 0 || ms[k].end > ms[best].end) {
			best = k
		}
	}
	if best >= 0 {
		return ms[best].actors[0], true
	}
	if prev != nil {
		return *prev, true
	}
	return sukien.Actor{}, false
}

// quoteSpeaker finds who says "chúng tôi": a person named right before a
// reporting verb later in the sentence ("..., ông Suga nhấn mạnh"), else the
// person last named.
func (x *Extractor) quoteSpeaker(s *sentence, i int, c *docContext, prev *sukien.Actor) (sukien.Actor, bool) {
	for k := i + 1; k < len(s.toks.T); k++ {
		if s.cues[k].bits&cReporting == 0 || k == 0 {
			continue
		}
		// The persons of the sentence are not mentions yet: look at names.
		for j := k - 1; j > i && j >= k-4; j-- {
			if bi := s.baseAt[j]; bi >= 0 {
				if e := s.bases[bi].has(dict.Person); e != nil {
					return personActor(e), true
				}
				if s.bases[bi].short(dict.Person) != nil {
					if a, ok := c.recall(s.word(s.bases[bi].start)); ok {
						return a, true
					}
				}
			}
		}
	}
	// "Thủ tướng Abe nhấn mạnh: "... đất nước chúng tôi ..."": the person
	// who speaks before the quote, in this sentence or the one before.
	return lastPersonBefore(s.mentions, i, prev)
}
