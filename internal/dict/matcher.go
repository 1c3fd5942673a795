package dict

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Source tells which field of an entry a phrase came from.
type Source uint8

const (
	FieldAlias Source = iota
	FieldShort
	FieldContextual
)

// Target is one entry a phrase may denote.
type Target struct {
	Entry *Entry
	Field Source
}

// Matcher finds dictionary phrases in tokenised text: leftmost-longest over
// syllable n-grams, with a map of every phrase prefix so a failed extension
// stops at once. Built once; safe for concurrent use.
type Matcher struct {
	exact map[string][]Target
	// lower holds, per key, the targets that may match when the text's
	// first letter is lower case: a capitalised name (`Pháp`, `Ý`) must be
	// capitalised in the text too, or "biện pháp" would be France.
	lower  map[string][]Target
	prefix map[string]bool
	maxLen int
}

func newMatcher() *Matcher {
	return &Matcher{exact: map[string][]Target{}, lower: map[string][]Target{}, prefix: map[string]bool{}}
}

func (m *Matcher) add(phrase string, t Target) {
	k := Key(phrase)
	if k == "" {
		return
	}
	for _, old := range m.exact[k] {
		if old.Entry == t.Entry && old.Field == t.Field {
			return
		}
	}
	if t.Entry.Kind == Trigger {
		// A later trigger definition of the same phrase (a user's file)
		// overrides an earlier one.
		m.exact[k] = []Target{t}
	} else {
		m.exact[k] = append(m.exact[k], t)
	}
	if r, _ := utf8.DecodeRuneInString(strings.TrimSpace(phrase)); !unicode.IsUpper(r) || t.Entry.Kind == Title || t.Entry.Kind == Institution {
		m.lower[k] = append(m.lower[k], t)
	} else if _, ok := m.lower[k]; !ok {
		m.lower[k] = nil
	}
	n := 1
	for i := 0; i < len(k); i++ {
		if k[i] == ' ' {
			m.prefix[k[:i]] = true
			n++
		}
	}
	if n > m.maxLen {
		m.maxLen = n
	}
}

// Lookup returns the targets of one phrase.
func (m *Matcher) Lookup(phrase string) []Target { return m.exact[Key(phrase)] }

// LookupKey returns the targets of an already-normalised key.
func (m *Matcher) LookupKey(key []byte) []Target { return m.exact[string(key)] }

// Match is one phrase found: tokens [Start, End) and what it may denote.
type Match struct {
	Start, End int
	Targets    []Target
}

// Longest returns the longest phrase starting at token i (End == i when
// none). It never crosses a token Break.
func (m *Matcher) Longest(t *Tokens, i int) Match {
	best := Match{Start: i, End: i}
	for j := i + 1; j <= len(t.T) && j-i <= m.maxLen; j++ {
		if j > i+1 && t.T[j-1].Break {
			break
		}
		key := t.Key(i, j)
		table := m.exact
		if !t.T[i].Upper {
			table = m.lower
		}
		if ts := table[string(key)]; len(ts) > 0 {
			best.End, best.Targets = j, ts
		}
		if !m.prefix[string(key)] {
			break
		}
	}
	return best
}

// All calls fn for every leftmost-longest match in t.
func (m *Matcher) All(t *Tokens, fn func(Match)) {
	for i := 0; i < len(t.T); {
		if mt := m.Longest(t, i); mt.End > i {
			fn(mt)
			i = mt.End
			continue
		}
		i++
	}
}
