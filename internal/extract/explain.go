package extract

import (
	"fmt"
	"io"
	"strings"

	"github.com/sukien/sukien"
	"github.com/sukien/sukien/internal/text"
	"github.com/sukien/sukien/internal/timex"
)

// Explain extracts doc like Extract and writes, for each sentence, what the
// extractor read in it: the mentions it found, the triggers, the cue words,
// the dates and the events it drafted. It is for people tuning the
// dictionaries ("why was this missed?"), not for machines.
func (x *Extractor) Explain(doc sukien.Document, w io.Writer) Result {
	cp := *x
	cp.explain = w
	return cp.Extract(doc)
}

func (x *Extractor) explainSentence(s *sentence, kind text.Kind, c *docContext, ds []draft) {
	w := x.explain
	fmt.Fprintf(w, "\n[%d %s] %s\n", s.idx, kind, s.text)
	var b strings.Builder
	for i := range s.toks.T {
		if mi := s.mentAt[i]; mi >= 0 && s.mentions[mi].start == i {
			m := &s.mentions[mi]
			b.WriteString("⟦")
			b.WriteString(s.toks.Text(m.start, m.end))
			b.WriteString("|")
			b.WriteString(m.describe(c))
			b.WriteString("⟧ ")
			i = m.end - 1
			continue
		}
		isTrig := false
		for _, t := range s.trigs {
			if t.start == i {
				fmt.Fprintf(&b, "«%s|%s» ", s.toks.Text(t.start, t.end), t.entry.Event)
				i = t.end - 1
				isTrig = true
				break
			}
		}
		if isTrig {
			continue
		}
		if cb := s.cues[i]; cb.bits != 0 {
			fmt.Fprintf(&b, "‹%s› ", s.toks.Text(i, cb.end))
			i = cb.end - 1
			continue
		}
		b.WriteString(s.toks.Text(i, i+1))
		b.WriteString(" ")
	}
	fmt.Fprintf(w, "    %s\n", b.String())
	for _, d := range timex.Find(s.text, c.pub, c.ref) {
		fmt.Fprintf(w, "    date %q → %s (%s)%s\n", d.Text, d.Date, d.Rel, map[bool]string{true: " report-date", false: ""}[x.reportDate(s, d)])
	}
	for _, d := range ds {
		fmt.Fprintf(w, "    ⇒ %s %s | %s → %s | %s exact=%v\n", d.ev.Event, d.ev.Mode, actorsString(d.subj), actorsString(d.obj), d.date, d.dateExact)
	}
}

func actorsString(as []sukien.Actor) string {
	var out []string
	for _, a := range as {
		if a.Kind == sukien.KindPerson {
			out = append(out, a.Country+":"+a.Name)
		} else {
			out = append(out, a.Country)
		}
	}
	return strings.Join(out, ",")
}

func (m *mention) describe(c *docContext) string {
	kinds := map[mkind]string{mCountry: "country", mPerson: "person", mOrg: "org", mPlace: "place", mPair: "pair",
		mTitle: "title", mAnaphor: "anaphor", mIncident: "incident"}
	s := kinds[m.kind]
	if as := c.resolve(m); len(as) > 0 {
		s += " " + actorsString(as)
	}
	if m.place != nil {
		s += " @" + m.place.Name
	}
	if m.isLocation {
		s += " loc"
	}
	if m.isDest {
		s += " dest"
	}
	return s
}

// WithExplain returns an extractor that explains every document it reads
// to w. It is meant for one goroutine.
func (x *Extractor) WithExplain(w io.Writer) *Extractor {
	cp := *x
	cp.explain = w
	return &cp
}
