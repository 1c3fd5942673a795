package store

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"

	"github.com/sukien/sukien"
)

// A merged event is a function of its mentions. tally holds what that
// function needs, folded one mention at a time, so that a batch merging a
// report into an event reported a thousand times reads a few hundred
// bytes (events.merge_state, migration 0014) rather than a thousand
// records. Every choice is order-free — a count, a sum, a minimum under
// mentionKey — so the tally of a set of mentions is the same whatever the
// batches, and adding a mention is exact. Removing one is not: a replaced
// document makes the event's tally again from its mentions (retally).
type tally struct {
	Type  string `json:"type"`
	Sides string `json:"sides"`
	// First is the earliest mention, which gives the sentence.
	First    mentionKey `json:"first"`
	Sentence string     `json:"sentence"`
	// SummaryAt is the earliest mention with a summary.
	SummaryAt *mentionKey `json:"summary_at,omitempty"`
	Summary   string      `json:"summary,omitempty"`

	Modes    map[string]*choice `json:"modes,omitempty"`
	Cameos   map[string]*choice `json:"cameos,omitempty"`
	Channels map[string]*choice `json:"channels,omitempty"`
	Levels   map[string]*choice `json:"levels,omitempty"`
	Dates    map[string]*choice `json:"dates,omitempty"`
	Places   map[string]*choice `json:"places,omitempty"` // by name and country; choice.Place is the first one written

	// Actors: the first occurrence of each id on each side (one side for
	// a symmetric event), by "side|id".
	Actors map[string]*occurrence `json:"actors,omitempty"`

	Mentions  int      `json:"mentions"` // sum of the records' Mentions, at least one each
	Sources   int      `json:"sources"`  // distinct documents
	Outlets   []string `json:"outlets,omitempty"`
	FirstSeen string   `json:"first_seen,omitempty"`
	LastSeen  string   `json:"last_seen,omitempty"`

	// docs are the documents counted in Sources since the tally was read:
	// a document's mentions all arrive in one batch, and a replaced one
	// makes a new tally, so only these can be seen twice.
	docs map[string]bool
}

// mentionKey orders mentions: by publication, document, position.
type mentionKey struct {
	Published string `json:"p,omitempty"`
	Doc       string `json:"d"`
	Idx       int    `json:"i"`
}

func (k mentionKey) compare(o mentionKey) int {
	return cmp.Or(strings.Compare(k.Published, o.Published), strings.Compare(k.Doc, o.Doc), cmp.Compare(k.Idx, o.Idx))
}

// choice counts one value of a field; the most frequent wins, and on a
// tie the one reported first.
type choice struct {
	N     int              `json:"n"`
	First mentionKey       `json:"first"`
	Place *sukien.Location `json:"place,omitempty"`
}

// occurrence is an actor as first written on a side, and where.
type occurrence struct {
	Actor sukien.Actor `json:"actor"`
	At    mentionKey   `json:"at"`
	Side  int          `json:"side"` // where written: 0 actor, 1 recipient
	Pos   int          `json:"pos"`
}

func (o *occurrence) compare(p *occurrence) int {
	return cmp.Or(o.At.compare(p.At), cmp.Compare(o.Side, p.Side), cmp.Compare(o.Pos, p.Pos))
}

// add folds the record r of a mention at k into t.
func (t *tally) add(r *sukien.Event, k mentionKey, outlet string) {
	if t.Mentions == 0 {
		pk := plainKeyOf(r)
		t.Type, t.Sides = r.Event, pk.sides
	}
	if t.Mentions == 0 || k.compare(t.First) < 0 {
		t.First, t.Sentence = k, r.Sentence
	}
	if r.Summary != "" && (t.SummaryAt == nil || k.compare(*t.SummaryAt) < 0) {
		t.SummaryAt, t.Summary = &k, r.Summary
	}
	countChoice(&t.Modes, r.Mode, k, nil)
	countChoice(&t.Cameos, r.Cameo, k, nil)
	countChoice(&t.Channels, r.Channel, k, nil)
	countChoice(&t.Levels, r.Level, k, nil)
	if r.Date != nil {
		countChoice(&t.Dates, *r.Date, k, nil)
	}
	if l := r.Location; l != nil && l.Name != "" {
		countChoice(&t.Places, l.Name+"\x00"+l.Country, k, l)
	}
	sym := sukien.Symmetric(t.Type)
	for side, actors := range [2][]sukien.Actor{r.Actor, r.Recipient} {
		for pos, a := range actors {
			s := side
			if sym {
				s = 0
			}
			a.Raw = ""
			o := &occurrence{Actor: a, At: k, Side: side, Pos: pos}
			id := string(rune('0'+s)) + "|" + ActorID(a)
			if t.Actors == nil {
				t.Actors = map[string]*occurrence{}
			}
			if old := t.Actors[id]; old == nil || o.compare(old) < 0 {
				t.Actors[id] = o
			}
		}
	}
	t.Mentions += max(1, r.Mentions)
	if t.docs == nil {
		t.docs = map[string]bool{}
	}
	if !t.docs[k.Doc] {
		t.docs[k.Doc] = true
		t.Sources++
	}
	if outlet != "" {
		if i, found := slices.BinarySearch(t.Outlets, outlet); !found {
			t.Outlets = slices.Insert(t.Outlets, i, outlet)
		}
	}
	if p := k.Published; p != "" {
		if t.FirstSeen == "" || p < t.FirstSeen {
			t.FirstSeen = p
		}
		t.LastSeen = max(t.LastSeen, p)
	}
}

func countChoice(m *map[string]*choice, v string, k mentionKey, place *sukien.Location) {
	if v == "" {
		return
	}
	if *m == nil {
		*m = map[string]*choice{}
	}
	c := (*m)[v]
	if c == nil {
		c = &choice{First: k, Place: place}
		(*m)[v] = c
	}
	c.N++
	if k.compare(c.First) < 0 {
		c.First, c.Place = k, place
	}
}

// best returns the value of m counted most often, the first reported on a
// tie, restricted to values keep accepts (nil: all).
func best(m map[string]*choice, keep func(string) bool) (string, *choice) {
	var v string
	var c *choice
	for w, d := range m {
		if keep != nil && !keep(w) {
			continue
		}
		if c == nil || d.N > c.N || d.N == c.N && d.First.compare(c.First) < 0 {
			v, c = w, d
		}
	}
	return v, c
}

// date is the most precise date reported, the most frequent among those
// as precise.
func (t *tally) date() *string {
	longest := 0
	for d := range t.Dates {
		longest = max(longest, len(d))
	}
	d, c := best(t.Dates, func(d string) bool { return len(d) == longest })
	if c == nil {
		return nil
	}
	return &d
}

// persons returns the persons among the actors, by country.
func (t *tally) persons() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, o := range t.Actors {
		if a := o.Actor; a.Kind == sukien.KindPerson {
			if out[a.Country] == nil {
				out[a.Country] = map[string]bool{}
			}
			out[a.Country][ActorID(a)] = true
		}
	}
	return out
}

// event returns the merged event of id.
func (t *tally) event(id string) *Event {
	ev := &Event{ID: id, Event: t.Type, Sentence: t.Sentence, Summary: t.Summary,
		NumMentions: t.Mentions, NumSources: t.Sources, NumOutlets: len(t.Outlets),
		FirstSeen: t.FirstSeen, LastSeen: t.LastSeen, Date: t.date(),
		Actor: []sukien.Actor{}, Recipient: []sukien.Actor{}}
	ev.Mode, _ = best(t.Modes, nil)
	ev.Cameo, _ = best(t.Cameos, nil)
	ev.Channel, _ = best(t.Channels, nil)
	ev.Level, _ = best(t.Levels, nil)
	if _, c := best(t.Places, nil); c != nil {
		ev.Location = c.Place
	}
	os := make([]*occurrence, 0, len(t.Actors))
	for _, o := range t.Actors {
		os = append(os, o)
	}
	slices.SortFunc(os, (*occurrence).compare)
	for _, o := range os {
		if o.Side == 0 {
			ev.Actor = append(ev.Actor, o.Actor)
		} else {
			ev.Recipient = append(ev.Recipient, o.Actor)
		}
	}
	return ev
}

// state encodes t for events.merge_state.
func (t *tally) state() (string, error) {
	b, err := json.Marshal(t)
	return string(b), err
}
