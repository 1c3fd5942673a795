package serve

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/sukien/sukien"
	"github.com/sukien/sukien/internal/store"
)

// eventTypes lists the PLOVER types, cooperative ones first.
var eventTypes = []string{
	"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
	"REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}

// Quad classes, reduced to the two sides a network colours.
const (
	cooperative = "cooperative"
	conflictual = "conflictual"
)

// quadClass returns whether a PLOVER type is cooperative (verbal and
// material cooperation) or conflictual (verbal and material conflict).
func quadClass(eventType string) string {
	switch eventType {
	case "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT":
		return cooperative
	}
	return conflictual
}

// participants returns every side of ev.
func participants(ev *store.Event) []sukien.Actor {
	out := make([]sukien.Actor, 0, len(ev.Actor)+len(ev.Recipient))
	return append(append(out, ev.Actor...), ev.Recipient...)
}

// summaryOf returns the event's one-line English summary, made up from
// its fields when the extractor gave none.
func summaryOf(ev *store.Event) string {
	if ev.Summary != "" {
		return ev.Summary
	}
	names := func(as []sukien.Actor) string {
		parts := make([]string, len(as))
		for i, a := range as {
			parts[i] = a.Name
		}
		return strings.Join(parts, ", ")
	}
	var b strings.Builder
	b.WriteString(names(ev.Actor))
	b.WriteString(" " + strings.ToLower(ev.Event))
	if len(ev.Recipient) > 0 {
		b.WriteString(" " + names(ev.Recipient))
	}
	if ev.Location != nil {
		b.WriteString(" in " + ev.Location.Name)
	}
	if ev.Date != nil {
		b.WriteString(" on " + *ev.Date)
	}
	return strings.TrimSpace(b.String())
}

// profile is an actor with what its page shows.
type profile struct {
	Actor        store.ActorStat `json:"actor"`
	Titles       []titleSpan     `json:"titles"`
	Counterparts []counterpart   `json:"counterparts"`
	Events       []store.Event   `json:"events"`
}

// titleSpan is a title the actor held, as read in the reports, with the
// first and last event dates it was read on.
type titleSpan struct {
	Title string `json:"title"`
	From  string `json:"from,omitempty"`
	To    string `json:"to,omitempty"`
	N     int    `json:"n"`
}

// counterpart is another participant of the actor's events.
type counterpart struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Country string `json:"country,omitempty"`
	Events  int    `json:"events"`
}

// profileEvents caps the events an actor profile lists.
const profileEvents = 1000

// actorProfile gathers an actor's identity, titles, counterparts and
// events (on either side), most recent first.
func (s *Server) actorProfile(ctx context.Context, id string) (*profile, error) {
	st, err := s.st.Actor(ctx, id)
	if err != nil {
		return nil, err
	}
	p := &profile{Actor: *st, Titles: []titleSpan{}, Counterparts: []counterpart{}, Events: []store.Event{}}
	seen := map[string]bool{}
	for _, f := range []store.EventFilter{{Actor: st.ID, Limit: profileEvents}, {With: st.ID, Limit: profileEvents}} {
		evs, _, err := s.st.Events(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, ev := range evs {
			if !seen[ev.ID] {
				seen[ev.ID] = true
				p.Events = append(p.Events, ev)
			}
		}
	}
	sort.SliceStable(p.Events, func(i, j int) bool { return dateOf(&p.Events[i]) > dateOf(&p.Events[j]) })

	titles := map[string]*titleSpan{}
	others := map[string]*counterpart{}
	for i := len(p.Events) - 1; i >= 0; i-- { // oldest first
		ev := &p.Events[i]
		date := dateOf(ev)
		counted := map[string]bool{}
		for _, a := range participants(ev) {
			key := store.ActorID(a)
			self := key == st.ID || (st.Kind == sukien.KindCountry && a.Country == st.ID)
			if self {
				if key == st.ID && a.Title != "" {
					t := titles[a.Title]
					if t == nil {
						t = &titleSpan{Title: a.Title, From: date}
						titles[a.Title] = t
					}
					t.N++
					if date != "" {
						t.From = minDate(t.From, date)
						t.To = max(t.To, date)
					}
				}
				continue
			}
			if counted[key] {
				continue
			}
			counted[key] = true
			c := others[key]
			if c == nil {
				c = &counterpart{ID: key, Name: a.Name, Kind: a.Kind, Country: a.Country}
				others[key] = c
			}
			c.Events++
		}
	}
	for _, t := range titles {
		p.Titles = append(p.Titles, *t)
	}
	sort.Slice(p.Titles, func(i, j int) bool { return p.Titles[i].From < p.Titles[j].From })
	for _, c := range others {
		p.Counterparts = append(p.Counterparts, *c)
	}
	sort.Slice(p.Counterparts, func(i, j int) bool {
		a, b := p.Counterparts[i], p.Counterparts[j]
		if a.Events != b.Events {
			return a.Events > b.Events
		}
		return a.ID < b.ID
	})
	return p, nil
}

func dateOf(ev *store.Event) string {
	if ev.Date == nil {
		return ""
	}
	return *ev.Date
}

// minDate is min where "" means unknown.
func minDate(a, b string) string {
	if a == "" || (b != "" && b < a) {
		return b
	}
	return a
}

// graph is the actor network: who interacts with whom, how often, and how.
type graph struct {
	Nodes  []graphNode `json:"nodes"`
	Edges  []graphEdge `json:"edges"`
	Events int         `json:"events"` // events drawn
}

type graphNode struct {
	ID      string `json:"id"`
	Label   string `json:"label"`
	Kind    string `json:"kind"`
	Country string `json:"country,omitempty"`
	Events  int    `json:"events"`
}

// graphEdge joins two nodes for the events of one quad class between them.
type graphEdge struct {
	ID     string      `json:"id"`
	From   string      `json:"from"`
	To     string      `json:"to"`
	Class  string      `json:"class"` // cooperative or conflictual
	Count  int         `json:"count"`
	Events []edgeEvent `json:"events"` // the most recent, at most edgeEvents
}

type edgeEvent struct {
	ID      string `json:"id"`
	Date    string `json:"date,omitempty"`
	Event   string `json:"event"`
	Summary string `json:"summary"`
}

// edgeEvents caps the events an edge lists.
const edgeEvents = 50

// network builds the graph of the events the query's filters select.
// Nodes are countries; with persons=1, persons are nodes of their own.
func (s *Server) network(ctx context.Context, q url.Values) (*graph, error) {
	f, err := filterOf(q)
	if err != nil {
		return nil, err
	}
	f.Limit, f.Offset = maxLimit, 0
	persons := truthy(q.Get("persons"))
	return cached(ctx, s.memo, fmt.Sprintf("network %#v %t", f, persons), func(ctx context.Context) (*graph, error) {
		evs, _, err := s.st.Events(ctx, f)
		if err != nil {
			return nil, err
		}
		return buildGraph(evs, persons), nil
	})
}

func truthy(v string) bool {
	switch strings.ToLower(v) {
	case "1", "true", "on", "yes":
		return true
	}
	return false
}

// buildGraph turns events into a graph: every pair of nodes on opposite
// sides of a directed event, or among the participants of a symmetric one.
func buildGraph(evs []store.Event, persons bool) *graph {
	g := &graph{Nodes: []graphNode{}, Edges: []graphEdge{}}
	countryNames := map[string]string{}
	for i := range evs {
		for _, a := range participants(&evs[i]) {
			if a.Kind == sukien.KindCountry && a.Country != "" {
				countryNames[a.Country] = a.Name
			}
		}
	}
	nodes := map[string]int{}
	edges := map[string]int{}
	nodeOf := func(a sukien.Actor) string {
		id, label, kind := "", "", ""
		switch {
		case persons && a.Kind == sukien.KindPerson:
			id, label, kind = store.ActorID(a), a.Name, a.Kind
		case a.Country != "":
			id, kind = a.Country, sukien.KindCountry
			if label = countryNames[a.Country]; label == "" {
				label = a.Country
			}
		default:
			id, label, kind = store.ActorID(a), a.Name, a.Kind
		}
		if _, ok := nodes[id]; !ok {
			nodes[id] = len(g.Nodes)
			g.Nodes = append(g.Nodes, graphNode{ID: id, Label: label, Kind: kind, Country: a.Country})
		}
		return id
	}
	for i := range evs {
		ev := &evs[i]
		var pairs [][2]string
		if sukien.Symmetric(ev.Event) {
			ids := nodeSet(participants(ev), nodeOf)
			for x := range ids {
				for y := x + 1; y < len(ids); y++ {
					pairs = append(pairs, [2]string{ids[x], ids[y]})
				}
			}
		} else {
			from, to := nodeSet(ev.Actor, nodeOf), nodeSet(ev.Recipient, nodeOf)
			for _, a := range from {
				for _, b := range to {
					if a != b {
						pairs = append(pairs, [2]string{a, b})
					}
				}
			}
		}
		touched := map[string]bool{}
		class := quadClass(ev.Event)
		for _, p := range pairs {
			if p[0] > p[1] {
				p[0], p[1] = p[1], p[0]
			}
			id := p[0] + "|" + p[1] + "|" + class
			k, ok := edges[id]
			if !ok {
				k = len(g.Edges)
				edges[id] = k
				g.Edges = append(g.Edges, graphEdge{ID: id, From: p[0], To: p[1], Class: class, Events: []edgeEvent{}})
			}
			e := &g.Edges[k]
			e.Count++
			if len(e.Events) < edgeEvents {
				e.Events = append(e.Events, edgeEvent{ev.ID, dateOf(ev), ev.Event, summaryOf(ev)})
			}
			touched[p[0]], touched[p[1]] = true, true
		}
		if len(pairs) > 0 {
			g.Events++
		}
		for id := range touched {
			g.Nodes[nodes[id]].Events++
		}
	}
	// Drop nodes with no edge: a lone state says nothing in a network.
	kept := g.Nodes[:0]
	for _, n := range g.Nodes {
		if n.Events > 0 {
			kept = append(kept, n)
		}
	}
	g.Nodes = kept
	return g
}

// nodeSet returns the distinct nodes of actors, in order.
func nodeSet(actors []sukien.Actor, nodeOf func(sukien.Actor) string) []string {
	var ids []string
	for _, a := range actors {
		id := nodeOf(a)
		if !contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
