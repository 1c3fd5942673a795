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
// syllable n-grams. One map holds every phrase and every phrase prefix, so
// each extension costs one look-up and a failed one stops at once. Built
// once; safe for concurrent use.
type Matcher struct {
	nodes  map[string]*node
	maxLen int
}

// node is what a key is: a whole phrase (targets), the start of longer
// phrases (prefix), or both.
type node struct {
	targets []Target
	// lower holds the targets that may match when the text's first letter
	// is lower case: a capitalised name (`Pháp`, `Ý`) must be capitalised
	// in the text too, or "biện pháp" would be France.
	lower  []Target
	prefix bool
}

func newMatcher() *Matcher {
	return &Matcher{nodes: map[string]*node{}}
}

func (m *Matcher) node(k string) *node {
	n := m.nodes[k]
	if n == nil {
		n = &node{}
		m.nodes[k] = n
	}
	return n
}

func (m *Matcher) add(phrase string, t Target) {
	k := Key(phrase)
	if k == "" {
		return
	}
	n := m.node(k)
	for _, old := range n.targets {
		if old.Entry == t.Entry && old.Field == t.Field {
			return
		}
	}
	if t.Entry.Kind == Trigger {
		// A later trigger definition of the same phrase (a user's file)
		// overrides an earlier one.
		n.targets = []Target{t}
		n.lower = nil
	} else {
		n.targets = append(n.targets, t)
	}
	if r, _ := utf8.DecodeRuneInString(strings.TrimSpace(phrase)); !unicode.IsUpper(r) || t.Entry.Kind == Title || t.Entry.Kind == Institution {
		n.lower = append(n.lower, t)
	}
	words := 1
	for i := 0; i < len(k); i++ {
		if k[i] == ' ' {
			m.node(k[:i]).prefix = true
			words++
		}
	}
	if words > m.maxLen {
		m.maxLen = words
	}
}

// Lookup returns the targets of one phrase.
func (m *Matcher) Lookup(phrase string) []Target { return m.LookupKey([]byte(Key(phrase))) }

// LookupKey returns the targets of an already-normalised key.
func (m *Matcher) LookupKey(key []byte) []Target {
	if n := m.nodes[string(key)]; n != nil {
		return n.targets
	}
	return nil
}

// Match is one phrase found: tokens [Start, End) and what it may denote.
type Match struct {
	Start, End int
	Targets    []Target
}

// Longest returns the longest phrase starting at token i (End == i when
// none). It never crosses a token Break.
func (m *Matcher) Longest(t *Tokens, i int) Match {
	best := Match{Start: i, End: i}
	upper := i < len(t.T) && t.T[i].Upper
	for j := i + 1; j <= len(t.T) && j-i <= m.maxLen; j++ {
		if j > i+1 && t.T[j-1].Break {
			break
		}
		n := m.nodes[string(t.Key(i, j))]
		if n == nil {
			break
		}
		ts := n.lower
		if upper {
			ts = n.targets
		}
		if len(ts) > 0 {
			best.End, best.Targets = j, ts
		}
		if !n.prefix {
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
