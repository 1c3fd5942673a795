package store

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/sukien/sukien"
)

// TestTallyOrderFree folds the mentions of merged synthetic events in
// random orders: the tally, and the event made of it, must not depend on
// the order.
func TestTallyOrderFree(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	type mention struct {
		e      sukien.Event
		k      mentionKey
		outlet string
	}
	byKey := map[string][]mention{}
	for i := range 300 {
		a := synthArticle(r, i, 40)
		for j, e := range a.Events {
			e.Mentions = 1 + r.IntN(2)
			if r.IntN(3) == 0 {
				e.Summary = "summary " + a.Doc.ID
			}
			if r.IntN(4) == 0 {
				e.Location = &sukien.Location{Name: []string{"Seoul", "Bình Nhưỡng", "Bắc Kinh"}[r.IntN(3)], Country: "KOR"}
			}
			e.Mode = []string{"verbal", "material", ""}[r.IntN(3)]
			k := plainKeyOf(&e)
			byKey[k.typ+k.sides] = append(byKey[k.typ+k.sides], mention{e, mentionKey{a.Doc.Published, a.Doc.ID, j}, a.Doc.Outlet})
		}
	}
	tested := 0
	for _, ms := range byKey {
		if len(ms) < 4 {
			continue
		}
		tested++
		var want string
		var wantEv *Event
		for round := range 4 {
			var tl tally
			for _, i := range r.Perm(len(ms)) {
				tl.add(&ms[i].e, ms[i].k, ms[i].outlet)
			}
			got, err := tl.state()
			if err != nil {
				t.Fatal(err)
			}
			ev := tl.event("ev")
			if round == 0 {
				want, wantEv = got, ev
				continue
			}
			if got != want {
				t.Fatalf("tally depends on the order of the mentions:\n%s\n%s", got, want)
			}
			if !reflect.DeepEqual(ev, wantEv) {
				t.Fatalf("event depends on the order of the mentions:\n%+v\n%+v", ev, wantEv)
			}
		}
		// What is read back merges as what was folded.
		var back tally
		if err := json.Unmarshal([]byte(want), &back); err != nil {
			t.Fatal(err)
		}
		if ev := back.event("ev"); !reflect.DeepEqual(ev, wantEv) {
			t.Fatalf("tally read back gives\n%+v\nwant\n%+v", ev, wantEv)
		}
	}
	if tested < 10 {
		t.Fatalf("only %d merged events to test", tested)
	}
}

// TestTallyChoices checks the choices a merge makes: the most frequent
// mode, on a tie the one reported first; the most precise date; the
// sentence of the earliest report; the first title an actor had.
func TestTallyChoices(t *testing.T) {
	moon := func(title string) sukien.Actor {
		a := person("P_MOON", "Moon Jae-in", "KOR", "ông Moon")
		a.Title = title
		return a
	}
	rec := func(mode, d, sentence, title string) *sukien.Event {
		e := event("CONSULT", d, sentence, []sukien.Actor{country("KOR", "Hàn Quốc"), moon(title)}, []sukien.Actor{country("PRK", "Triều Tiên")})
		e.Mode = mode
		return &e
	}
	var tl tally
	// Added out of order: c is published last, a first.
	tl.add(rec("material", "2018-04", "C", "Lãnh đạo"), mentionKey{"2018-04-29", "c", 0}, "Báo C")
	tl.add(rec("verbal", "2018-04-27", "A", "Tổng thống"), mentionKey{"2018-04-27", "a", 3}, "Báo A")
	tl.add(rec("material", "2018-04-27", "B", "Chủ tịch"), mentionKey{"2018-04-28", "b", 0}, "Báo A")
	tl.add(rec("verbal", "", "A2", "Tổng thống"), mentionKey{"2018-04-27", "a", 5}, "Báo A")
	ev := tl.event("ev")
	if ev.Mode != "verbal" { // 2 against 2: verbal was reported first
		t.Errorf("mode %q, want verbal", ev.Mode)
	}
	if ev.Date == nil || *ev.Date != "2018-04-27" {
		t.Errorf("date %v, want 2018-04-27", ev.Date)
	}
	if ev.Sentence != "A" || ev.FirstSeen != "2018-04-27" || ev.LastSeen != "2018-04-29" {
		t.Errorf("sentence %q seen %s … %s, want A from 2018-04-27 … 2018-04-29", ev.Sentence, ev.FirstSeen, ev.LastSeen)
	}
	if ev.NumMentions != 4 || ev.NumSources != 3 || ev.NumOutlets != 2 {
		t.Errorf("mentions %d sources %d outlets %d, want 4 3 2", ev.NumMentions, ev.NumSources, ev.NumOutlets)
	}
	if len(ev.Actor) != 2 || ev.Actor[1].Title != "Tổng thống" || ev.Actor[1].Raw != "" || len(ev.Recipient) != 1 {
		t.Errorf("actors %+v → %+v, want KOR and Moon (Tổng thống, no raw name) → PRK", ev.Actor, ev.Recipient)
	}
}

// TestMergeStateStale stores events, then spoils their merge_state as an
// older sukien, or another writer, could leave it (a tally of fewer
// mentions than stored, none, or an unreadable one): the next batch must
// merge as if it were right.
func TestMergeStateStale(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	var docs []Article
	for i := range 90 {
		docs = append(docs, synthArticle(r, i, 20))
	}
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ref := openSQLite(t)
		if s.dialect == postgres {
			ref = openPostgres(t)
		}
		ingestAll := func(batch []Article) {
			for _, st := range []*Store{s, ref} {
				if _, err := st.Ingest(ctx, batch); err != nil {
					t.Fatal(err)
				}
			}
		}
		exec := func(q string) int64 {
			res, err := s.db.Exec(q)
			if err != nil {
				t.Fatal(err)
			}
			n, _ := res.RowsAffected()
			return n
		}
		ingestAll(docs[:40])
		exec(`CREATE TABLE saved AS SELECT id, merge_state FROM events`)
		ingestAll(docs[40:60])
		// The tallies as they were before the second batch: a writer that
		// does not keep them merged reports into these events since.
		if n := exec(`UPDATE events SET merge_state = (SELECT saved.merge_state FROM saved WHERE saved.id = events.id)
			WHERE merge_state <> (SELECT saved.merge_state FROM saved WHERE saved.id = events.id)`); n < 10 {
			t.Fatalf("only %d stale tallies", n)
		}
		exec(`UPDATE events SET merge_state = NULL WHERE id IN (SELECT id FROM events ORDER BY id LIMIT 30)`)
		exec(`UPDATE events SET merge_state = 'not json' WHERE id IN (SELECT id FROM events ORDER BY id DESC LIMIT 30)`)
		ingestAll(docs[60:])
		for _, st := range []*Store{s, ref} {
			// Events the last batch did not touch keep what the
			// statements above made of them.
			if _, err := st.db.Exec(`DELETE FROM events WHERE id NOT IN (SELECT event_id FROM mentions WHERE doc_id >= 'synth-0000060')`); err != nil {
				t.Fatal(err)
			}
		}
		if got, want := dump(t, s), dump(t, ref); got != want {
			t.Errorf("with stale merge states:\n%s", firstDiff(got, want))
		}
	})
}
