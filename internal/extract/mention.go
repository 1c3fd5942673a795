package extract

import (
	"unicode"
	"unicode/utf8"

	"github.com/sukien/sukien"
	"github.com/sukien/sukien/internal/dict"
	"github.com/sukien/sukien/internal/timex"
)

// cue classes, as bits, from the `cue` stanzas of the dictionary.
type cueSet uint32

var cueBits = map[string]cueSet{}

func cueBit(id string) cueSet {
	if b, ok := cueBits[id]; ok {
		return b
	}
	return 0
}

const (
	cNegation cueSet = 1 << iota
	cHypothetical
	cFuture
	cReporting
	cLocation
	cSideline
	cDestination
	cTopic
	cComitative
	cPair
	cCounterpart
	cSide
	cClause
	cSource
	cHonorific
	cAnaphor
	cIncident
	cBackref
	cOpinion
	cSince
	cEmphasis
	cSpeaker
	cAgreementRef
	cPersonAnaphor
	cSummon
	cEve
	cTransit
)

func init() {
	for id, b := range map[string]cueSet{
		"negation": cNegation, "hypothetical": cHypothetical, "future": cFuture, "reporting": cReporting,
		"location": cLocation, "sideline": cSideline, "destination": cDestination, "topic": cTopic,
		"comitative": cComitative, "pair": cPair, "counterpart": cCounterpart, "side": cSide,
		"clause": cClause, "source": cSource, "honorific": cHonorific, "anaphor": cAnaphor,
		"incident": cIncident, "backref": cBackref, "opinion": cOpinion, "since": cSince,
		"emphasis": cEmphasis, "speaker": cSpeaker, "agreementref": cAgreementRef, "personanaphor": cPersonAnaphor,
		"summon": cSummon, "eve": cEve, "transit": cTransit,
	} {
		cueBits[id] = b
	}
}

// cueSpan is one cue phrase found at a token.
type cueSpan struct {
	end  int
	bits cueSet
}

// mention kinds.
type mkind uint8

const (
	mCountry mkind = iota + 1
	mPerson
	mOrg
	mPlace    // a place: a location, or its state when it is a metonym
	mPair     // "hai nước": the document's current sides
	mTitle    // a title with a country but no name that resolved to no one
	mAnaphor  // "nước này"
	mIncident // "hành động này": the last launch's actor
	mAgreed   // "hiệp ước": the sides of the last agreement
)

// mention is one reference to an actor or place in a sentence.
type mention struct {
	start, end int // tokens
	kind       mkind
	actors     []sukien.Actor // the actors it denotes (several for compounds)
	place      *dict.Entry    // places
	role       string         // title role when known
	isLocation bool           // after "tại"/"ở": a place, not a side
	isTransit  bool           // after "qua đường", "quá cảnh": passed through, not where it happened
	isDest     bool           // after "tới"/"sang": a destination
	inTopic    bool           // inside a "về ..." phrase
	personKey  string         // for persons: registry key
	near       []sukien.Actor // anaphors: the state named last before it
	count      int            // pairs: how many sides the phrase counts ("ba bên": 3), 0 for "các"
	fromTitle  bool           // a person known only by title and state
}

func (m *mention) countries() []string {
	var out []string
	for _, a := range m.actors {
		if a.Country != "" && !contains(out, a.Country) {
			out = append(out, a.Country)
		}
	}
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// base is one dictionary match before mentions are assembled.
type base struct {
	start, end int
	targets    []dict.Target
	name       bool // an unknown capitalised name
}

func (b *base) has(kind string) *dict.Entry {
	for _, t := range b.targets {
		if t.Entry.Kind == kind && t.Field != dict.FieldShort {
			return t.Entry
		}
	}
	return nil
}

func (b *base) short(kind string) *dict.Entry {
	for _, t := range b.targets {
		if t.Entry.Kind == kind && t.Field == dict.FieldShort {
			return t.Entry
		}
	}
	return nil
}

func (b *base) contextual() *dict.Entry {
	for _, t := range b.targets {
		if t.Entry.Kind == dict.Country && t.Field == dict.FieldContextual {
			return t.Entry
		}
	}
	return nil
}

// sentence holds the analysis of one sentence.
type sentence struct {
	idx      int    // index in the document's sentences
	text     string // normalised text
	start    int    // byte offset in the document's normalised text
	lead     bool   // in the lead paragraph of a longer article
	toks     dict.Tokens
	cues     []cueSpan // per token: the cue starting there, if any
	cueIn    []cueSet  // per token: classes of cues covering it
	bases    []base
	baseAt   []int // per token: index into bases, or -1
	mentions []mention
	mentAt   []int // per token: index into mentions, or -1
	trigs    []trigger
	channels []channelAt
	dates    []timex.Expr
	found    []timex.Expr // body sentences: the dates against no reference date
	refFree  bool         // found stands for any reference date (see refFree)
	topic    []bool       // per token: inside a "về ..." phrase (lazily built)
	taken    []bool       // assemble's scratch: tokens taken by a mention
	inTrig   []bool       // assemble's scratch: tokens inside a trigger
	clauseLo []int        // per token: the start of its clause (see clauseBounds)
	clauseHi []int        // per token: the end of its clause
	lower    string       // toks.Lower as a string: word slices it
}

// reset makes s the sentence text at byte start of the document, keeping
// the buffers of the sentence it held before (see scratch).
func (s *sentence) reset(idx int, text string, start int, lead bool) {
	*s = sentence{idx: idx, text: text, start: start, lead: lead,
		toks: dict.Tokens{T: s.toks.T[:0], Lower: s.toks.Lower[:0]},
		cues: s.cues[:0], cueIn: s.cueIn[:0], bases: s.bases[:0], baseAt: s.baseAt[:0],
		mentions: s.mentions[:0], mentAt: s.mentAt[:0], trigs: s.trigs[:0], channels: s.channels[:0],
		found: s.found[:0], taken: s.taken[:0], inTrig: s.inTrig[:0], clauseLo: s.clauseLo[:0], clauseHi: s.clauseHi[:0]}
}

// zeroed returns b resized to n elements, all zero, reusing its array when
// it is large enough.
func zeroed[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	b = b[:n]
	clear(b)
	return b
}

// channelAt is a recurring mechanism named in a sentence.
type channelAt struct {
	start, end int
	entry      *dict.Entry
}

// word returns the lower-cased word of token i.
func (s *sentence) word(i int) string {
	t := &s.toks.T[i]
	return s.lower[t.LStart:t.LEnd]
}

func (s *sentence) cueAt(i int) cueSet {
	if i < 0 || i >= len(s.cues) {
		return 0
	}
	return s.cues[i].bits
}

// tokenize runs the matchers over the sentence.
func (x *Extractor) scan(s *sentence) {
	// Room for the usual tokens (a syllable is about five bytes): growing
	// these slices token by token was a tenth of the time.
	if cap(s.toks.T) < len(s.text)/4+4 {
		s.toks.T = make([]dict.Token, 0, len(s.text)/4+4)
	}
	if cap(s.toks.Lower) < len(s.text)+16 {
		s.toks.Lower = make([]byte, 0, len(s.text)+16)
	}
	s.toks.Tokenize(s.text)
	// One string for the sentence's words: word(i) slices it where it
	// converted token i's bytes at every call.
	s.lower = string(s.toks.Lower)
	n := len(s.toks.T)
	s.cues = zeroed(s.cues, n)
	s.cueIn = zeroed(s.cueIn, n)
	cues, actors := x.dict.Cues, x.dict.Actors
	for i := 0; i < n; i++ {
		if !cues.MayStart(&s.toks, i) {
			continue
		}
		m := cues.Longest(&s.toks, i)
		if m.End == i {
			continue
		}
		var bits cueSet
		for _, t := range m.Targets {
			bits |= cueBit(t.Entry.ID)
		}
		s.cues[i] = cueSpan{end: m.End, bits: bits}
		for j := i; j < m.End; j++ {
			s.cueIn[j] |= bits
		}
		i = m.End - 1
	}
	s.baseAt = zeroed(s.baseAt, n)
	for i := range s.baseAt {
		s.baseAt[i] = -1
	}
	s.bases = s.bases[:0]
	for i := 0; i < n; {
		if !actors.MayStart(&s.toks, i) {
			i++
			continue
		}
		m := actors.Longest(&s.toks, i)
		if m.End > i && commonWord(m.Targets) {
			i = m.End // "Ý tưởng" is an idea, not Italy
			continue
		}
		if m.End > i {
			s.bases = append(s.bases, base{start: i, end: m.End, targets: m.Targets})
			for j := i; j < m.End; j++ {
				s.baseAt[j] = len(s.bases) - 1
			}
			i = m.End
			continue
		}
		i++
	}
}

func commonWord(ts []dict.Target) bool {
	for _, t := range ts {
		if t.Entry.Kind != dict.Word {
			return false
		}
	}
	return len(ts) > 0
}

// isNameToken reports whether token i can be part of a person's name.
func (s *sentence) isNameToken(i int) bool {
	t := s.toks.T[i]
	if !t.Upper || t.Number || s.baseAt[i] >= 0 {
		return false
	}
	w := s.toks.Src[t.Start:t.End]
	// Acronyms (THAAD, JCS) are not names.
	if utf8.RuneCountInString(w) > 1 && upperAlready(w) {
		return false
	}
	return true
}

// upperAlready reports whether strings.ToUpper(w) == w, without building
// the upper-case string: every rune is its own upper case, and no byte is
// invalid UTF-8 (ToUpper would write U+FFFD for it).
func upperAlready(w string) bool {
	for i, r := range w {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(w[i:]); n == 1 {
				return false
			}
		}
		if unicode.ToUpper(r) != r {
			return false
		}
	}
	return true
}

// nameRun returns the end of the capitalised name starting at token i
// (i itself when there is none).
func (s *sentence) nameRun(i int) int {
	j := i
	for j < len(s.toks.T) && j-i < 5 {
		t := s.toks.T[j]
		// "Hong-kyun": a hyphenated given name goes on in lower case.
		glued := j > i && t.Hyphen && !t.Number && s.baseAt[j] < 0
		if !s.isNameToken(j) && !glued || j > i && t.Break {
			break
		}
		j++
	}
	return j
}

// canonicalName writes an unknown name as English press would: hyphenated
// Korean given names keep their hyphen, a Chinese name in Sino-Vietnamese
// readings becomes pinyin.
func (x *Extractor) canonicalName(s *sentence, i, j int, country string) (name string, translit bool) {
	raw := s.toks.Text(i, j)
	if country == "CHN" || country == "TWN" || country == "" {
		if py, ok := x.dict.PinyinName(&s.toks, i, j); ok {
			return py, true
		}
	}
	return raw, false
}
