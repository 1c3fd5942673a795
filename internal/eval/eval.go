// Package eval scores extracted events against gold events with the rules
// of the evaluation guidelines (the same as ../shared/eval/score.py): a
// prediction matches a gold record of the same document and type whose
// sides agree (symmetric types: equal sets of states; directed: the actor
// sets overlap and the recipient sets overlap) and whose date it equals or
// refines; matching is one to one; optional gold neither rewards nor
// punishes.
package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Record is a gold or predicted event in the guidelines' field names. Sides
// are kept raw: gold lists codes, predictions list actor objects.
type Record struct {
	Doc       string            `json:"doc"`
	Event     string            `json:"event"`
	Mode      string            `json:"mode"`
	Date      *string           `json:"date"`
	Actor     []json.RawMessage `json:"actor"`
	Recipient []json.RawMessage `json:"recipient"`
	Persons   *[]string         `json:"persons"`
	Location  json.RawMessage   `json:"location"`
	Evidence  string            `json:"evidence"`
	Sentence  string            `json:"sentence"`
	Optional  bool              `json:"optional"`
}

// Read reads JSON Lines records; a bad line is an error naming its number.
func Read(r io.Reader, name string) ([]Record, error) {
	var out []Record
	br := bufio.NewReaderSize(r, 1<<20)
	for n := 1; ; n++ {
		line, err := br.ReadString('\n')
		if s := strings.TrimSpace(line); s != "" {
			var rec Record
			if jerr := json.Unmarshal([]byte(s), &rec); jerr != nil {
				return nil, fmt.Errorf("%s:%d: not JSON: %v", name, n, jerr)
			}
			out = append(out, rec)
		}
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
}

var symmetric = map[string]bool{"CONSULT": true, "AGREE": true, "COOPERATE": true}

// fold lower-cases, drops diacritics (đ → d), turns hyphens into spaces and
// folds runs of spaces, as the scorer compares names and evidence.
func fold(s string) string {
	s = strings.NewReplacer("đ", "d", "Đ", "D").Replace(s)
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if r == '-' || r == '‐' {
			r = ' '
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

type actorObj struct {
	Kind    string `json:"kind"`
	Name    string `json:"name"`
	Country string `json:"country"`
	ID      string `json:"id"`
}

func countries(side []json.RawMessage) map[string]bool {
	out := map[string]bool{}
	for _, raw := range side {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			out[strings.ToUpper(s)] = true
			continue
		}
		var a actorObj
		if json.Unmarshal(raw, &a) == nil {
			c := a.Country
			if c == "" && a.Kind == "country" {
				c = a.ID
			}
			if c != "" {
				out[strings.ToUpper(c)] = true
			}
		}
	}
	return out
}

func persons(r *Record) map[string]bool {
	out := map[string]bool{}
	if r.Persons != nil {
		for _, n := range *r.Persons {
			out[fold(n)] = true
		}
		return out
	}
	for _, side := range [][]json.RawMessage{r.Actor, r.Recipient} {
		for _, raw := range side {
			var a actorObj
			if json.Unmarshal(raw, &a) == nil && a.Kind == "person" && a.Name != "" {
				out[fold(a.Name)] = true
			}
		}
	}
	return out
}

func locationName(r *Record) string {
	if len(r.Location) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(r.Location, &s) == nil {
		return fold(s)
	}
	var l struct {
		Name string `json:"name"`
	}
	if json.Unmarshal(r.Location, &l) == nil {
		return fold(l.Name)
	}
	return ""
}

func date(r *Record) string {
	if r.Date == nil {
		return ""
	}
	return *r.Date
}

func dateOK(gold, pred string) bool {
	if gold == "" {
		return true
	}
	if pred == "" {
		return false
	}
	return pred == gold || strings.HasPrefix(pred, gold+"-")
}

func actorsOK(g, p *Record) bool {
	gs, gt := countries(g.Actor), countries(g.Recipient)
	ps, pt := countries(p.Actor), countries(p.Recipient)
	if symmetric[g.Event] {
		return maps.Equal(union(gs, gt), union(ps, pt))
	}
	if len(gs) > 0 && !intersects(gs, ps) {
		return false
	}
	if len(gt) > 0 && !intersects(gt, pt) {
		return false
	}
	return true
}

func union(a, b map[string]bool) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

func intersects(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

func setKey(m map[string]bool) string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, ",")
}

func collapseKey(p *Record) string {
	s, t := countries(p.Actor), countries(p.Recipient)
	if symmetric[p.Event] {
		return p.Event + "|" + setKey(union(s, t)) + "|" + date(p)
	}
	return p.Event + "|" + setKey(s) + "|" + setKey(t) + "|" + date(p)
}

// PRF is precision, recall and F1 with their counts.
type PRF struct {
	TP, FP, FN            int
	Precision, Recall, F1 float64
}

func prf(tp, fp, fn int) PRF {
	r := PRF{TP: tp, FP: fp, FN: fn}
	if tp+fp > 0 {
		r.Precision = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r.Recall = float64(tp) / float64(tp+fn)
	}
	if r.Precision+r.Recall > 0 {
		r.F1 = 2 * r.Precision * r.Recall / (r.Precision + r.Recall)
	}
	return r
}

// Report is the outcome of scoring.
type Report struct {
	All, NoDate PRF
	ByType      map[string]PRF
	Persons     PRF
	Mode        float64 // CONSULT mode accuracy (gold records with a mode)
	Location    float64
	Evidence    float64
	Missed      []string
	Extra       []string
}

// Score compares predictions with gold.
func Score(gold, pred []Record) Report {
	rep := Report{ByType: map[string]PRF{}}
	strict := score(gold, pred, true, &rep)
	loose := score(gold, pred, false, nil)
	rep.All, rep.NoDate = strict, loose
	return rep
}

func score(gold, pred []Record, strict bool, rep *Report) PRF {
	byG := map[string][]*Record{}
	var docs []string
	for i := range gold {
		g := &gold[i]
		if _, ok := byG[g.Doc]; !ok {
			docs = append(docs, g.Doc)
		}
		byG[g.Doc] = append(byG[g.Doc], g)
	}
	sort.Strings(docs)
	byP := map[string][]*Record{}
	seen := map[string]bool{}
	for i := range pred {
		p := &pred[i]
		if _, ok := byG[p.Doc]; !ok {
			continue
		}
		k := p.Doc + "|" + collapseKey(p)
		if seen[k] {
			continue
		}
		seen[k] = true
		byP[p.Doc] = append(byP[p.Doc], p)
	}
	type cnt struct{ tp, fp, fn int }
	counts := map[string]*cnt{}
	at := func(t string) *cnt {
		if counts[t] == nil {
			counts[t] = &cnt{}
		}
		return counts[t]
	}
	var modes, locs, evid [2]int
	var per [3]int
	for _, doc := range docs {
		golds, preds := byG[doc], byP[doc]
		m := match(golds, preds, strict)
		used := map[int]bool{}
		for _, pi := range m {
			used[pi] = true
		}
		for gi, g := range golds {
			pi, ok := m[gi]
			switch {
			case ok && g.Optional:
			case ok:
				at(g.Event).tp++
				p := preds[pi]
				if g.Mode != "" {
					modes[1]++
					if fold(p.Mode) == fold(g.Mode) {
						modes[0]++
					}
				}
				if gl := locationName(g); gl != "" {
					locs[1]++
					if locationName(p) == gl {
						locs[0]++
					}
				}
				if g.Evidence != "" {
					evid[1]++
					if strings.Contains(fold(p.Sentence), fold(g.Evidence)) {
						evid[0]++
					}
				}
				gp, pp := persons(g), persons(p)
				for n := range pp {
					if gp[n] {
						per[0]++
					} else {
						per[1]++
					}
				}
				for n := range gp {
					if !pp[n] {
						per[2]++
					}
				}
			case !g.Optional:
				at(g.Event).fn++
				if rep != nil {
					rep.Missed = append(rep.Missed, fmt.Sprintf("MISSED %s: %s", doc, describe(g)))
				}
			}
		}
		for pi, p := range preds {
			if !used[pi] {
				at(p.Event).fp++
				if rep != nil {
					rep.Extra = append(rep.Extra, fmt.Sprintf("EXTRA  %s: %s", doc, describe(p)))
				}
			}
		}
	}
	var total cnt
	for t, c := range counts {
		total.tp += c.tp
		total.fp += c.fp
		total.fn += c.fn
		if rep != nil {
			rep.ByType[t] = prf(c.tp, c.fp, c.fn)
		}
	}
	if rep != nil {
		rep.Mode = ratio(modes)
		rep.Location = ratio(locs)
		rep.Evidence = ratio(evid)
		rep.Persons = prf(per[0], per[1], per[2])
	}
	return prf(total.tp, total.fp, total.fn)
}

func ratio(c [2]int) float64 {
	if c[1] == 0 {
		return 0
	}
	return float64(c[0]) / float64(c[1])
}

// match is a maximum bipartite matching of gold to predictions, regular
// gold first so optional gold never takes what a regular one needs.
func match(golds, preds []*Record, strict bool) map[int]int {
	edges := make([][]int, len(golds))
	for gi, g := range golds {
		for pi, p := range preds {
			if g.Event != p.Event || !actorsOK(g, p) {
				continue
			}
			if strict && !dateOK(date(g), date(p)) {
				continue
			}
			edges[gi] = append(edges[gi], pi)
		}
	}
	owner := map[int]int{}
	var augment func(gi int, seen map[int]bool) bool
	augment = func(gi int, seen map[int]bool) bool {
		for _, pi := range edges[gi] {
			if seen[pi] {
				continue
			}
			seen[pi] = true
			if o, ok := owner[pi]; !ok || augment(o, seen) {
				owner[pi] = gi
				return true
			}
		}
		return false
	}
	order := make([]int, len(golds))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return !golds[order[i]].Optional && golds[order[j]].Optional })
	for _, gi := range order {
		augment(gi, map[int]bool{})
	}
	out := map[int]int{}
	for pi, gi := range owner {
		out[gi] = pi
	}
	return out
}

func describe(r *Record) string {
	ps := persons(r)
	var names []string
	for n := range ps {
		names = append(names, n)
	}
	sort.Strings(names)
	return fmt.Sprintf("%s %s -> %s date=%s mode=%s persons=[%s]", r.Event, setKey(countries(r.Actor)),
		setKey(countries(r.Recipient)), orNone(date(r)), orNone(r.Mode), strings.Join(names, ","))
}

func orNone(s string) string {
	if s == "" {
		return "None"
	}
	return s
}

// Write prints the report as score.py does.
func (rep Report) Write(w io.Writer, show bool) {
	if show {
		for _, l := range rep.Missed {
			fmt.Fprintln(w, l)
		}
		for _, l := range rep.Extra {
			fmt.Fprintln(w, l)
		}
	}
	fmt.Fprintf(w, "%-10s %6s %6s %6s   tp/fp/fn (date must match)\n", "type", "P", "R", "F1")
	types := make([]string, 0, len(rep.ByType))
	for t := range rep.ByType {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		r := rep.ByType[t]
		fmt.Fprintf(w, "%-10s %6.3f %6.3f %6.3f   %d/%d/%d\n", t, r.Precision, r.Recall, r.F1, r.TP, r.FP, r.FN)
	}
	a, b := rep.All, rep.NoDate
	fmt.Fprintf(w, "%-10s %6.3f %6.3f %6.3f   %d/%d/%d\n", "ALL", a.Precision, a.Recall, a.F1, a.TP, a.FP, a.FN)
	fmt.Fprintf(w, "%-10s %6.3f %6.3f %6.3f   %d/%d/%d\n", "ALL-nodate", b.Precision, b.Recall, b.F1, b.TP, b.FP, b.FN)
	p := rep.Persons
	fmt.Fprintf(w, "persons on matched events: P=%.3f R=%.3f F1=%.3f\n", p.Precision, p.Recall, p.F1)
	fmt.Fprintf(w, "CONSULT mode accuracy: %.4f  location accuracy: %.4f  evidence accuracy: %.4f\n", rep.Mode, rep.Location, rep.Evidence)
}
