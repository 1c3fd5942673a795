package store

import (
	"bufio"
	"context"
	"io"
	"sort"
	"strings"

	"github.com/sukien/sukien"
)

// Channels returns every channel defined (SetChannels) or seen on a stored
// event, each with its sessions, in definition order, then by id.
func (s *Store) Channels(ctx context.Context) ([]Channel, error) {
	return s.channelList(ctx, "")
}

// Channel returns one channel with its sessions.
func (s *Store) Channel(ctx context.Context, id string) (*Channel, error) {
	chs, err := s.channelList(ctx, id)
	if err != nil {
		return nil, err
	}
	if len(chs) == 0 {
		return nil, sukien.Errorf(sukien.ENOTFOUND, "no channel %q", id)
	}
	return &chs[0], nil
}

func (s *Store) channelList(ctx context.Context, only string) ([]Channel, error) {
	where, args := ` WHERE e.channel <> ''`, []any(nil)
	if only != "" {
		where, args = ` WHERE e.channel = ?`, []any{only}
	}
	evs, err := s.selectEvents(ctx, where, args, 0, 0)
	if err != nil {
		return nil, err
	}
	var out []Channel
	index := map[string]int{}
	for _, def := range s.channels {
		if only != "" && def.ID != only {
			continue
		}
		index[def.ID] = len(out)
		out = append(out, Channel{ChannelDef: def, Sessions: []Session{}})
	}
	byChannel := map[string][]Event{}
	var undefined []string
	for _, ev := range evs {
		if _, ok := index[ev.Channel]; !ok && byChannel[ev.Channel] == nil {
			undefined = append(undefined, ev.Channel)
		}
		byChannel[ev.Channel] = append(byChannel[ev.Channel], ev)
	}
	sort.Strings(undefined)
	for _, id := range undefined {
		index[id] = len(out)
		out = append(out, Channel{ChannelDef: ChannelDef{ID: id, Name: id}, Sessions: []Session{}})
	}
	for id, evs := range byChannel {
		ch := &out[index[id]]
		ch.NumEvents = len(evs)
		ch.Sessions = sessions(evs)
	}
	return out, nil
}

// sessions groups the events of one channel by date, oldest first. An
// event dated only by month or year joins the session inside that period
// when there is exactly one.
func sessions(evs []Event) []Session {
	byDate := map[string][]Event{}
	for _, ev := range evs {
		d := ""
		if ev.Date != nil {
			d = *ev.Date
		}
		byDate[d] = append(byDate[d], ev)
	}
	dates := make([]string, 0, len(byDate))
	for d := range byDate {
		dates = append(dates, d)
	}
	sort.Strings(dates)
	// Fold partial dates into the one more precise session they contain.
	for _, d := range dates {
		if d == "" || len(d) == 10 {
			continue
		}
		var inside []string
		for _, o := range dates {
			if o != d && strings.HasPrefix(o, d+"-") && byDate[o] != nil {
				inside = append(inside, o)
			}
		}
		if len(inside) == 1 {
			byDate[inside[0]] = append(byDate[inside[0]], byDate[d]...)
			delete(byDate, d)
		}
	}
	var out []Session
	for _, d := range dates {
		group := byDate[d]
		if group == nil {
			continue
		}
		out = append(out, session(d, group))
	}
	return out
}

func session(date string, evs []Event) Session {
	ss := Session{Participants: []sukien.Actor{}}
	if date != "" {
		ss.Date = &date
	}
	var levels, places []string
	place := map[string]*sukien.Location{}
	seen := map[string]bool{}
	for _, ev := range evs {
		ss.Events = append(ss.Events, ev.ID)
		ss.NumSources = max(ss.NumSources, ev.NumSources)
		levels = append(levels, ev.Level)
		if ev.Location != nil {
			k := ev.Location.Name + "\x00" + ev.Location.Country
			places = append(places, k)
			place[k] = ev.Location
		}
		for _, a := range append(append([]sukien.Actor{}, ev.Actor...), ev.Recipient...) {
			if id := ActorID(a); !seen[id] {
				seen[id] = true
				ss.Participants = append(ss.Participants, a)
			}
		}
	}
	ss.Level = mostFrequent(levels)
	if p := mostFrequent(places); p != "" {
		ss.Place = place[p]
	}
	return ss
}

// ParseChannels reads the `kind: channel` stanzas of a dictionary file (see
// internal/dict/FORMAT.md) and ignores the others.
func ParseChannels(r io.Reader) ([]ChannelDef, error) {
	var defs []ChannelDef
	var cur *ChannelDef
	kind := ""
	flush := func() {
		if kind == "channel" && cur != nil && cur.ID != "" {
			defs = append(defs, *cur)
		}
		cur, kind = &ChannelDef{}, ""
	}
	flush()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		switch {
		case text == "":
			flush()
			continue
		case strings.HasPrefix(text, "#"):
			continue
		}
		field, value, ok := strings.Cut(text, ":")
		if !ok {
			return nil, &sukien.Error{Code: sukien.EINVALID, Message: "want field: value", Line: line}
		}
		value = strings.TrimSpace(value)
		var values []string
		for _, v := range strings.Split(value, "|") {
			if v = strings.TrimSpace(v); v != "" {
				values = append(values, v)
			}
		}
		switch strings.TrimSpace(field) {
		case "kind":
			kind = value
		case "id":
			cur.ID = value
		case "name":
			cur.Name = value
		case "alias":
			cur.Aliases = append(cur.Aliases, values...)
		case "members":
			for _, v := range values {
				cur.Members = append(cur.Members, strings.Fields(v)...)
			}
		case "event":
			cur.Event = value
		case "level":
			cur.Levels = append(cur.Levels, values...)
		case "note":
			if cur.Note != "" {
				cur.Note += " "
			}
			cur.Note += value
		}
	}
	flush()
	return defs, sc.Err()
}

// mostFrequent returns the most frequent non-empty value, the first seen
// on a tie.
func mostFrequent(vals []string) string {
	n := map[string]int{}
	best := ""
	for _, v := range vals {
		if v == "" {
			continue
		}
		n[v]++
		if n[v] > n[best] || best == "" {
			best = v
		}
	}
	return best
}
