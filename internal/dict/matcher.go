package dict

import (
	"math/bits"
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
// syllable n-grams. A map holds every phrase and every phrase prefix by
// key; a trie of the same nodes, word by word, serves Longest, so that each
// extension costs one probe with the hash Tokenize took of the word and a
// failed one stops at once. Built once; safe for concurrent use.
type Matcher struct {
	nodes  map[string]*node
	maxLen int
	trie   trie
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
	at, from := uint32(0), 0
	for i := 0; i <= len(k); i++ {
		if i == len(k) || k[i] == ' ' {
			at = m.trie.insert(at, k[from:i])
			m.trie.nodes[at].node = *m.nodes[k[:i]] // a copy, read without a pointer chase
			from = i + 1
		}
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

// MayStart reports whether a phrase may start at token i: when it is
// false, Longest(t, i) finds none. It is small enough to inline, which
// spares most tokens the call to Longest.
func (m *Matcher) MayStart(t *Tokens, i int) bool { return m.trie.mayStart(t.T[i].hash) }

// Longest returns the longest phrase starting at token i (End == i when
// none). It never crosses a token Break.
func (m *Matcher) Longest(t *Tokens, i int) Match {
	best := Match{Start: i, End: i}
	upper := i < len(t.T) && t.T[i].Upper
	var at uint32 // the trie node of tokens i..j-1
	for j := i + 1; j <= len(t.T) && j-i <= m.maxLen; j++ {
		tok := &t.T[j-1]
		if j > i+1 && tok.Break {
			break
		}
		if at == 0 && !m.trie.mayStart(tok.hash) {
			break // no phrase starts with the word: most tokens
		}
		at = m.trie.child(at, tok.hash, t.Lower[tok.LStart:tok.LEnd])
		if at == 0 {
			break
		}
		n := &m.trie.nodes[at].node
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

// trie holds a Matcher's keys word by word. Node 0 is the root; the edges
// from a node to its children are in one open-addressed hash table keyed
// by the parent node and the child's word hash, so that a step costs one
// probe (most often into an empty slot) and a comparison of the word.
type trie struct {
	nodes []trieNode
	slots []edge // a power of two long, at most half full
	shift uint   // 64 - log2(len(slots))
	// first has the bit hash>>(32-firstBits) set for the hash of every
	// first word: a small filter that spares most tokens the probe.
	first [1 << firstBits / 64]uint64
}

const firstBits = 15

func (tr *trie) mayStart(hash uint32) bool {
	b := hash >> (32 - firstBits)
	return tr.first[b/64]&(1<<(b%64)) != 0
}

type trieNode struct {
	word string // the last word of the node's key
	node        // a copy of the key's node, kept up to date by add
}

// edge links parent to child by the child's word; child 0 marks an empty
// slot (the root is nobody's child).
type edge struct{ hash, parent, child uint32 }

func (tr *trie) home(parent, hash uint32) uint64 {
	return (uint64(parent)<<32 | uint64(hash)) * 0x9E3779B97F4A7C15 >> tr.shift
}

// child returns the child of parent with the word (of hash wordHash(word)),
// or 0.
func (tr *trie) child(parent, hash uint32, word []byte) uint32 {
	if len(tr.slots) == 0 {
		return 0
	}
	mask := uint64(len(tr.slots) - 1)
	for i := tr.home(parent, hash); ; i = (i + 1) & mask {
		e := &tr.slots[i]
		if e.child == 0 {
			return 0
		}
		if e.hash == hash && e.parent == parent && tr.nodes[e.child].word == string(word) {
			return e.child
		}
	}
}

// insert returns the child of parent with the word, adding it when there
// is none.
func (tr *trie) insert(parent uint32, word string) uint32 {
	h := wordHash([]byte(word))
	if c := tr.child(parent, h, []byte(word)); c != 0 {
		return c
	}
	if len(tr.nodes) == 0 {
		tr.nodes = append(tr.nodes, trieNode{}) // the root
	}
	if 2*len(tr.nodes) >= len(tr.slots) {
		tr.grow()
	}
	c := uint32(len(tr.nodes))
	tr.nodes = append(tr.nodes, trieNode{word: word})
	if parent == 0 {
		b := h >> (32 - firstBits)
		tr.first[b/64] |= 1 << (b % 64)
	}
	tr.put(edge{hash: h, parent: parent, child: c})
	return c
}

func (tr *trie) put(e edge) {
	mask := uint64(len(tr.slots) - 1)
	i := tr.home(e.parent, e.hash)
	for tr.slots[i].child != 0 {
		i = (i + 1) & mask
	}
	tr.slots[i] = e
}

func (tr *trie) grow() {
	old := tr.slots
	size := max(2*len(old), 1024)
	tr.slots = make([]edge, size)
	tr.shift = uint(64 - bits.TrailingZeros(uint(size)))
	for _, e := range old {
		if e.child != 0 {
			tr.put(e)
		}
	}
}
