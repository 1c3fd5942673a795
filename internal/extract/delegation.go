package extract

import "github.com/sukien/sukien"

// leadersOfDelegations reads "Phái đoàn Mỹ do Suzanne DiMaggio (dẫn
// đầu)": the person who led a state's delegation took part in the meeting
// of that state told in this sentence or the one before, if that meeting
// names nobody for the state.
func (x *Extractor) leadersOfDelegations(s *sentence, drafts []draft) {
	n := len(s.toks.T)
	for k := 0; k+3 < n; k++ {
		if s.word(k) != "phái" || s.word(k+1) != "đoàn" {
			continue
		}
		ci := s.mentAt[k+2]
		if ci < 0 {
			continue
		}
		cm := &s.mentions[ci]
		if !cm.stateLike() || len(cm.countries()) != 1 || cm.end >= n || s.word(cm.end) != "do" {
			continue
		}
		pi := -1
		if cm.end+1 < n {
			pi = s.mentAt[cm.end+1]
		}
		if pi < 0 || s.mentions[pi].kind != mPerson || len(s.mentions[pi].actors) != 1 {
			continue
		}
		p := s.mentions[pi].actors[0]
		state := cm.countries()[0]
		if p.Kind != sukien.KindPerson || p.Country != "" && p.Country != state {
			continue
		}
		for i := len(drafts) - 1; i >= 0; i-- {
			d := &drafts[i]
			if d.sent.idx < s.idx-1 {
				break
			}
			if !sukien.Symmetric(d.ev.Event) || !countriesOf(d.sides())[state] {
				continue
			}
			if hasPersonOf(state, d.subj, d.obj) {
				break
			}
			if countriesOf(d.subj)[state] {
				d.subj = append(d.subj, p)
			} else {
				d.obj = append(d.obj, p)
			}
			break
		}
	}
}

// hasPersonOf reports whether the lists name a person of state.
func hasPersonOf(state string, lists ...[]sukien.Actor) bool {
	for _, l := range lists {
		for _, a := range l {
			if a.Kind == sukien.KindPerson && a.Country == state {
				return true
			}
		}
	}
	return false
}
