package store

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/sukien/sukien"
)

var (
	kimHongKyun = person("kim-hong-kyun", "Kim Hong-kyun", "KOR", "Kim Hong-kyun")
	sunWeidong  = person("sun-weidong", "Sun Weidong", "CHN", "Tôn Vệ Đông")
	shinWonSik  = person("shin-won-sik", "Shin Won-sik", "KOR", "Shin Won-sik")
	dongJun     = person("dong-jun", "Dong Jun", "CHN", "Đổng Quân")
)

const (
	sA1 = "Thứ trưởng Ngoại giao Hàn Quốc Kim Hong-kyun đã hội đàm với người đồng cấp Trung Quốc Tôn Vệ Đông tại Seoul hôm 18/6."
	sA2 = "Hai bên nhất trí duy trì cơ chế đối thoại 2+2 và tổ chức định kỳ."
	sA3 = "Phía Hàn Quốc bày tỏ lo ngại về chuyến thăm Bình Nhưỡng của lãnh đạo Nga."
	sB1 = "Ngày 18/6, Seoul và Bắc Kinh đã nối lại cuộc đối thoại an ninh ngoại giao cấp thứ trưởng."
	sB2 = "Ông Kim Hong Kyun và ông Sun Weidong cùng thảo luận về tình hình bán đảo."
	sC1 = "Giữa tháng 6, hai nước đã có cuộc đàm phán cấp thứ trưởng tại thủ đô Hàn Quốc."
	sD1 = "Cùng ngày 18/6, bộ trưởng quốc phòng hai nước Shin Won-sik và Đổng Quân điện đàm."
	sD2 = "Ngày 27/6, các nhà ngoại giao Hàn Quốc và Trung Quốc lại gặp nhau tại Bắc Kinh."
)

func docA() Article {
	consult := event("CONSULT", "2024-06-18", sA1,
		[]sukien.Actor{country("KOR", "Hàn Quốc"), kimHongKyun}, []sukien.Actor{country("CHN", "Trung Quốc"), sunWeidong})
	consult.Mode, consult.Cameo, consult.Channel, consult.Level = "visit", "040", "kor-chn-2plus2", "vice-minister"
	consult.Location = &sukien.Location{Name: "Seoul", Country: "KOR"}
	consult.Mentions = 2
	agree := event("AGREE", "2024-06-18", sA2, []sukien.Actor{country("KOR", "Hàn Quốc"), country("CHN", "Trung Quốc")}, nil)
	agree.Channel = "kor-chn-2plus2"
	accuse := event("ACCUSE", "2024-06-18", sA3, []sukien.Actor{country("KOR", "Phía Hàn Quốc")}, []sukien.Actor{country("RUS", "Nga")})
	accuse.Mode = "disapprove"
	return article("doc-a", "Báo Một", "2024-06-19",
		[]string{"Hàn Quốc và Trung Quốc nối lại đối thoại 2+2", sA1, sA2, sA3}, consult, agree, accuse)
}

func docB() Article {
	kim := kimHongKyun
	kim.Raw = "Kim Hong Kyun"
	sun := sunWeidong
	sun.Raw = "Sun Weidong"
	consult := event("CONSULT", "2024-06-18", sB1,
		[]sukien.Actor{country("CHN", "Bắc Kinh"), sun}, []sukien.Actor{country("KOR", "Seoul"), kim})
	consult.Mode = "third-party"
	consult.Channel, consult.Level = "kor-chn-2plus2", "vice-minister"
	consult.Location = &sukien.Location{Name: "Seoul", Country: "KOR"}
	return article("doc-b", "Báo Hai", "2024-06-18",
		[]string{"Đối thoại an ninh ngoại giao Hàn-Trung", sB1, sB2}, consult)
}

func docC() Article {
	consult := event("CONSULT", "2024-06", sC1, []sukien.Actor{country("KOR", "Hàn Quốc"), country("CHN", "Trung Quốc")}, nil)
	consult.Mode = "visit"
	return article("doc-c", "Báo Ba", "2024-06-25", []string{"Quan hệ Hàn-Trung ấm lên", sC1}, consult)
}

func docD() Article {
	defence := event("CONSULT", "2024-06-18", sD1,
		[]sukien.Actor{country("KOR", "Hàn Quốc"), shinWonSik}, []sukien.Actor{country("CHN", "Trung Quốc"), dongJun})
	defence.Mode = "phone"
	later := event("CONSULT", "2024-06-27", sD2, []sukien.Actor{country("KOR", "Hàn Quốc")}, []sukien.Actor{country("CHN", "Trung Quốc")})
	later.Location = &sukien.Location{Name: "Beijing", Country: "CHN"}
	return article("doc-d", "Báo Một", "2024-06-28", []string{"Hàn Quốc và Trung Quốc tăng cường liên lạc", sD1, sD2}, defence, later)
}

func corpus() []Article { return []Article{docA(), docB(), docC(), docD()} }

func ingest(t *testing.T, s *Store, batch ...Article) Result {
	t.Helper()
	res, err := s.Ingest(context.Background(), batch)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// counts returns the number of rows of each table.
func counts(t *testing.T, s *Store) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, table := range []string{"documents", "sentences", "events", "event_actors", "mentions", "actor_aliases"} {
		var n int
		if err := s.db.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

func findEvent(t *testing.T, s *Store, typ, day string) []Event {
	t.Helper()
	evs, _, err := s.Events(context.Background(), EventFilter{Type: typ, Since: day, Until: day})
	if err != nil {
		t.Fatal(err)
	}
	var out []Event
	for _, ev := range evs {
		if ev.Date != nil && *ev.Date == day {
			out = append(out, ev)
		}
	}
	return out
}

func TestMigrationsVersioned(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ms, err := s.pending()
		if err != nil || len(ms) < 2 {
			t.Fatalf("migrations %v, %v", ms, err)
		}
		want := ms[len(ms)-1].version
		v, err := s.SchemaVersion(context.Background())
		if err != nil || v != want {
			t.Fatalf("schema version = %d, %v; want %d", v, err, want)
		}
		if err := s.migrate(context.Background()); err != nil { // a second run applies nothing
			t.Fatal(err)
		}
	})
}

func TestIngestIdempotent(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		res := ingest(t, s, corpus()...)
		if res.Added != 4 || res.Events != 7 {
			t.Fatalf("first ingest: %+v", res)
		}
		before := counts(t, s)
		res = ingest(t, s, corpus()...)
		if res != (Result{Unchanged: 4}) {
			t.Errorf("second ingest: %+v, want 4 unchanged", res)
		}
		if after := counts(t, s); !equalMaps(before, after) {
			t.Errorf("second ingest changed the tables: %v → %v", before, after)
		}

		// The same text under another id and URL is a copy.
		dup := docC()
		dup.Doc.ID, dup.Doc.URL = "doc-c-copy", "https://example.vn/copy"
		if res := ingest(t, s, dup); res.Unchanged != 1 {
			t.Errorf("copy: %+v", res)
		}
		// The same URL under a new id replaces the stored document.
		moved := docB()
		moved.Doc.ID = "doc-b-v2"
		if res := ingest(t, s, moved); res.Replaced != 1 {
			t.Errorf("same URL: %+v", res)
		}
		if _, err := s.Document(context.Background(), "doc-b"); sukien.ErrorCode(err) != sukien.ENOTFOUND {
			t.Errorf("old id still stored: %v", err)
		}
		if after := counts(t, s); !equalMaps(before, after) {
			t.Errorf("replacing by URL changed the counts: %v → %v", before, after)
		}
	})
}

func equalMaps(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestIngestReplacesChangedArticle(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ingest(t, s, corpus()...)
		consult := findEvent(t, s, "CONSULT", "2024-06-18")
		if len(consult) != 2 {
			t.Fatalf("CONSULT events on 2024-06-18: %d, want 2", len(consult))
		}
		if len(findEvent(t, s, "ACCUSE", "2024-06-18")) != 1 {
			t.Fatal("no ACCUSE event")
		}

		changed := docA()
		changed.Events = changed.Events[:2] // the accusation is dropped
		changed.Text += " Câu này được thêm vào sau."
		res := ingest(t, s, changed)
		if res.Replaced != 1 || res.Events != 2 {
			t.Fatalf("replace: %+v", res)
		}
		if n := len(findEvent(t, s, "ACCUSE", "2024-06-18")); n != 0 {
			t.Errorf("ACCUSE events after replace: %d, want 0", n)
		}
		again := findEvent(t, s, "CONSULT", "2024-06-18")
		ids := func(evs []Event) []string {
			var out []string
			for _, e := range evs {
				out = append(out, e.ID)
			}
			slices.Sort(out)
			return out
		}
		if !slices.Equal(ids(consult), ids(again)) {
			t.Errorf("event ids changed on re-ingest: %v → %v", ids(consult), ids(again))
		}
		doc, err := s.Document(ctx, "doc-a")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(doc.Text, "thêm vào sau.") || len(doc.Mentions) != 2 {
			t.Errorf("replaced document: text %q, %d mentions", doc.Text, len(doc.Mentions))
		}
	})
}

func TestIngestFailureLeavesNothing(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		bad := docD()
		bad.Events[1].Confidence = math.NaN() // cannot be encoded: fails after docA-C are written
		_, err := s.Ingest(context.Background(), []Article{docA(), docB(), docC(), bad})
		if err == nil {
			t.Fatal("ingest of a broken batch succeeded")
		}
		for table, n := range counts(t, s) {
			if n != 0 {
				t.Errorf("%s has %d rows after a failed batch", table, n)
			}
		}
		res := ingest(t, s, corpus()...)
		if res.Added != 4 {
			t.Errorf("rerun: %+v", res)
		}
		if _, total, _ := s.Events(context.Background(), EventFilter{}); total != 5 {
			t.Errorf("events after rerun = %d, want 5", total)
		}
	})
}

func TestIngestRejectsDocumentWithoutID(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		a := docA()
		a.Doc.ID = ""
		a.Doc.Source, a.Doc.Line = "in.jsonl", 3
		_, err := s.Ingest(context.Background(), []Article{a})
		if sukien.ErrorCode(err) != sukien.EINVALID || !strings.Contains(err.Error(), "in.jsonl:3") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestMergeAcrossDocuments(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		res := ingest(t, s, corpus()...)
		if res.Merged != 2 {
			t.Errorf("merged = %d, want 2 (doc-b and doc-c join doc-a's meeting)", res.Merged)
		}
		var vice, defence *Event
		for _, ev := range findEvent(t, s, "CONSULT", "2024-06-18") {
			ev := ev
			if ev.Channel == "kor-chn-2plus2" {
				vice = &ev
			} else {
				defence = &ev
			}
		}
		if vice == nil || defence == nil {
			t.Fatal("want the vice-ministers' dialogue and the defence ministers' call as two events")
		}
		if vice.NumSources != 3 || vice.NumOutlets != 3 || vice.NumMentions != 4 {
			t.Errorf("dialogue: sources %d outlets %d mentions %d, want 3 3 4", vice.NumSources, vice.NumOutlets, vice.NumMentions)
		}
		if vice.FirstSeen != "2024-06-18" || vice.LastSeen != "2024-06-25" {
			t.Errorf("dialogue seen %s..%s", vice.FirstSeen, vice.LastSeen)
		}
		if vice.Location == nil || vice.Location.Name != "Seoul" || vice.Level != "vice-minister" || vice.Mode != "visit" {
			t.Errorf("dialogue fields: %+v", vice)
		}
		var names []string
		for _, a := range append(vice.Actor, vice.Recipient...) {
			names = append(names, a.Name)
		}
		slices.Sort(names)
		if want := []string{"CHN", "KOR", "Kim Hong-kyun", "Sun Weidong"}; !slices.Equal(names, want) {
			t.Errorf("dialogue participants %v, want %v", names, want)
		}
		if defence.NumSources != 1 || defence.Mode != "phone" {
			t.Errorf("defence call: %+v", defence)
		}
		later := findEvent(t, s, "CONSULT", "2024-06-27")
		if len(later) != 1 || later[0].NumSources != 1 {
			t.Errorf("the meeting of 27 June must stay apart: %+v", later)
		}

		full, err := s.Event(ctx, vice.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(full.Mentions) != 3 {
			t.Fatalf("mentions: %d, want 3", len(full.Mentions))
		}
		first := full.Mentions[0]
		if first.Doc != "doc-b" || first.Outlet != "Báo Hai" || first.Sentence != sB1 || first.SentenceIndex != 0 || first.URL == "" {
			t.Errorf("first mention: %+v", first)
		}
		if _, err := s.Event(ctx, "ev_missing"); sukien.ErrorCode(err) != sukien.ENOTFOUND {
			t.Errorf("missing event: %v", err)
		}
	})
}

func TestMergeOrderIndependentForDays(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		// doc-d first: the defence call must not absorb the dialogue.
		ingest(t, s, docD())
		ingest(t, s, docA(), docB())
		if n := len(findEvent(t, s, "CONSULT", "2024-06-18")); n != 2 {
			t.Errorf("CONSULT events on 2024-06-18: %d, want 2", n)
		}
	})
}

func TestFilters(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		s.SetResolver(mapResolver{"hàn quốc": {"KOR"}, "nga": {"RUS"}, "tôn vệ đông": {"sun-weidong"}})
		ingest(t, s, corpus()...)
		for _, tc := range []struct {
			name string
			f    EventFilter
			want int
		}{
			{"all", EventFilter{}, 5},
			{"type", EventFilter{Type: "consult"}, 3},
			{"since", EventFilter{Since: "2024-06-20"}, 1},
			{"until", EventFilter{Until: "2024-06-18"}, 4},
			{"month", EventFilter{Since: "2024-06", Until: "2024-06"}, 5},
			{"year before", EventFilter{Until: "2023"}, 0},
			{"actor code", EventFilter{Actor: "KOR"}, 5},
			{"actor directed", EventFilter{Actor: "RUS"}, 0},
			{"with directed", EventFilter{With: "Nga"}, 1},
			{"actor and with", EventFilter{Actor: "Hàn Quốc", With: "RUS"}, 1},
			{"with alias seen", EventFilter{With: "Bắc Kinh"}, 4},
			{"alias without diacritics", EventFilter{With: "bac kinh", Type: "CONSULT"}, 3},
			{"country", EventFilter{Country: "rus"}, 1},
			{"country as location", EventFilter{Country: "CHN", Type: "CONSULT"}, 3},
			{"person canonical", EventFilter{Person: "Sun Weidong"}, 1},
			{"person alias", EventFilter{Person: "Tôn Vệ Đông"}, 1},
			{"person spelling", EventFilter{Person: "Kim Hong Kyun"}, 1},
			{"person id", EventFilter{Person: "shin-won-sik"}, 1},
			{"channel", EventFilter{Channel: "kor-chn-2plus2"}, 2},
			{"paged", EventFilter{Limit: 2, Offset: 1}, 2},
		} {
			evs, total, err := s.Events(ctx, tc.f)
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
				continue
			}
			if len(evs) != tc.want {
				t.Errorf("%s: %d events, want %d", tc.name, len(evs), tc.want)
			}
			if tc.f.Limit == 0 && total != len(evs) {
				t.Errorf("%s: total %d, page %d", tc.name, total, len(evs))
			}
			if tc.name == "paged" && total != 5 {
				t.Errorf("paged total %d, want 5", total)
			}
		}
		if _, _, err := s.Events(ctx, EventFilter{Actor: "Atlantis"}); sukien.ErrorCode(err) != sukien.ENOTFOUND {
			t.Errorf("unknown actor: %v", err)
		}
		if _, _, err := s.Events(ctx, EventFilter{Since: "18/6/2024"}); sukien.ErrorCode(err) != sukien.EINVALID {
			t.Errorf("bad date: %v", err)
		}
		// Most recent first.
		evs, _, _ := s.Events(ctx, EventFilter{Type: "CONSULT"})
		if len(evs) == 0 || *evs[0].Date != "2024-06-27" {
			t.Errorf("first event is not the latest: %+v", evs)
		}
	})
}

func TestSearch(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ingest(t, s, corpus()...)
		for _, tc := range []struct {
			q        string
			wantDocs []string
			mark     string
		}{
			{"binh nhuong", []string{"doc-a"}, "«Bình» «Nhưỡng»"},
			{"Bình Nhưỡng", []string{"doc-a"}, "«Bình» «Nhưỡng»"},
			{"dam phan", []string{"doc-c"}, "«đàm» «phán»"},
			{"ĐÀM PHÁN", []string{"doc-c"}, "«đàm» «phán»"},
			{`"an ninh ngoai giao"`, []string{"doc-b", "doc-b"}, "«an» «ninh» «ngoại» «giao»"},
			{`"ngoai giao an ninh"`, nil, ""},
			{"bac kinh -seoul", []string{"doc-d"}, "«Bắc» «Kinh»"},
			{"nga OR phán", []string{"doc-a", "doc-c"}, ""},
			{"Hàn-Trung", []string{"doc-b", "doc-c"}, "«Hàn»-«Trung»"},
		} {
			hits, err := s.Search(ctx, tc.q, 10)
			if err != nil {
				t.Errorf("%s: %v", tc.q, err)
				continue
			}
			var docs []string
			for _, h := range hits {
				docs = append(docs, h.Doc)
			}
			slices.Sort(docs)
			if !slices.Equal(docs, tc.wantDocs) {
				t.Errorf("%s: docs %v, want %v", tc.q, docs, tc.wantDocs)
			}
			if tc.mark != "" && len(hits) > 0 && !strings.Contains(hits[0].Snippet, tc.mark) {
				t.Errorf("%s: snippet %q lacks %q", tc.q, hits[0].Snippet, tc.mark)
			}
		}
		if _, err := s.Search(ctx, "-seoul", 10); sukien.ErrorCode(err) != sukien.EINVALID {
			t.Errorf("query without a positive term: %v", err)
		}
	})
}

func TestSearchRanking(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ingest(t, s, article("r1", "X", "2024-01-02", []string{"Tin ngắn",
			"Đàm phán hạt nhân diễn ra, đàm phán kéo dài, đàm phán bế tắc.",
			"Thời tiết hôm nay đẹp và các cuộc đàm phán khác vẫn được bàn thêm trong nhiều ngày tới ở nhiều nơi khác nhau."}))
		hits, err := s.Search(context.Background(), "đàm phán", 5)
		if err != nil || len(hits) != 2 {
			t.Fatalf("hits %v, %v", hits, err)
		}
		if hits[0].Sentence != 0 || hits[0].Score < hits[1].Score {
			t.Errorf("the sentence repeating the term should rank first: %+v", hits)
		}
	})
}

func TestDocuments(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a := docA()
		a.Removed = []Span{{Kind: "caption", Start: 0, End: 5}}
		ingest(t, s, a, docB(), docC(), docD())
		docs, total, err := s.Documents(ctx, 2, 0)
		if err != nil || total != 4 || len(docs) != 2 {
			t.Fatalf("documents: %d of %d, %v", len(docs), total, err)
		}
		if docs[0].ID != "doc-d" || docs[0].NumEvents != 2 || docs[0].Hash == "" {
			t.Errorf("latest document: %+v", docs[0])
		}
		d, err := s.Document(ctx, "doc-a")
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Sentences) != 3 || d.Sentences[2].Text != sA3 || len(d.Removed) != 1 || d.Removed[0].Kind != "caption" {
			t.Errorf("document: %d sentences, removed %v", len(d.Sentences), d.Removed)
		}
		m := d.Mentions[0]
		if m.EventID == "" || m.Start != d.Sentences[0].OrigStart || m.End != d.Sentences[0].OrigEnd || m.Actor[0].Raw != "Hàn Quốc" {
			t.Errorf("mention: %+v", m)
		}
		if []rune(d.Text)[m.Start] != []rune(sA1)[0] {
			t.Errorf("offsets do not point at the sentence")
		}
	})
}

func TestActors(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ingest(t, s, corpus()...)
		actors, err := s.Actors(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(actors) == 0 || actors[0].ID != "KOR" || actors[0].Events != 5 {
			t.Fatalf("first actor: %+v", actors)
		}
		kor := actors[0]
		for _, alias := range []string{"Hàn Quốc", "Seoul", "Phía Hàn Quốc"} {
			if !slices.Contains(kor.Aliases, alias) {
				t.Errorf("KOR aliases %v lack %q", kor.Aliases, alias)
			}
		}
		if kor.FirstSeen != "2024-06-18" || kor.LastSeen != "2024-06-28" {
			t.Errorf("KOR seen %s..%s", kor.FirstSeen, kor.LastSeen)
		}
		sun, err := s.Actor(ctx, "Tôn Vệ Đông")
		if err != nil {
			t.Fatal(err)
		}
		if sun.ID != "sun-weidong" || sun.Kind != sukien.KindPerson || sun.Events != 1 || !slices.Contains(sun.Aliases, "Sun Weidong") {
			t.Errorf("Sun Weidong: %+v", sun)
		}
		if _, err := s.Actor(ctx, "nobody"); sukien.ErrorCode(err) != sukien.ENOTFOUND {
			t.Errorf("unknown actor: %v", err)
		}
	})
}

func TestStats(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ingest(t, s, corpus()...)
		st, err := s.Stats(context.Background(), EventFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if st.Events != 5 || st.Mentions != 8 {
			t.Errorf("events %d mentions %d, want 5 8", st.Events, st.Mentions)
		}
		if len(st.ByType) == 0 || st.ByType[0] != (Count{"CONSULT", 3}) {
			t.Errorf("by type %v", st.ByType)
		}
		if !slices.Equal(st.ByMonth, []Count{{"2024-06", 5}}) {
			t.Errorf("by month %v", st.ByMonth)
		}
		if !slices.Contains(st.ByPair, Count{"KOR>RUS", 1}) || !slices.Contains(st.ByPair, Count{"CHN+KOR", 4}) {
			t.Errorf("by pair %v", st.ByPair)
		}
	})
}

func TestChannels(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		s.SetChannels([]ChannelDef{
			{ID: "six-party-talks", Name: "Six-Party Talks", Members: []string{"PRK", "KOR", "CHN", "USA", "RUS", "JPN"}},
			{ID: "kor-chn-2plus2", Name: "Korea–China 2+2 Diplomatic and Security Dialogue", Members: []string{"KOR", "CHN"}},
		})
		chs, err := s.Channels(ctx)
		if err != nil || len(chs) != 2 || chs[0].ID != "six-party-talks" || len(chs[0].Sessions) != 0 {
			t.Fatalf("channels before ingest: %+v, %v", chs, err)
		}
		ingest(t, s, corpus()...)
		ch, err := s.Channel(ctx, "kor-chn-2plus2")
		if err != nil {
			t.Fatal(err)
		}
		if ch.Name == "" || len(ch.Sessions) != 1 || ch.NumEvents != 2 {
			t.Fatalf("channel: %+v", ch)
		}
		ss := ch.Sessions[0]
		if ss.Date == nil || *ss.Date != "2024-06-18" || ss.Level != "vice-minister" || ss.Place == nil || ss.Place.Name != "Seoul" ||
			len(ss.Events) != 2 || ss.NumSources != 3 {
			t.Errorf("session: %+v", ss)
		}
		var persons []string
		for _, p := range ss.Participants {
			if p.Kind == sukien.KindPerson {
				persons = append(persons, p.Name)
			}
		}
		slices.Sort(persons)
		if !slices.Equal(persons, []string{"Kim Hong-kyun", "Sun Weidong"}) {
			t.Errorf("participants: %v", persons)
		}
		if _, err := s.Channel(ctx, "no-such-channel"); sukien.ErrorCode(err) != sukien.ENOTFOUND {
			t.Errorf("unknown channel: %v", err)
		}
	})
}

func TestSessionsFoldPartialDates(t *testing.T) {
	day, month := "2015-11-04", "2015-11"
	evs := []Event{{ID: "a", Date: &day, Level: "director-general"}, {ID: "b", Date: &month}, {ID: "c"}}
	ss := sessions(evs)
	if len(ss) != 2 || ss[0].Date != nil || *ss[1].Date != day || len(ss[1].Events) != 2 || ss[1].Level != "director-general" {
		t.Errorf("sessions: %+v", ss)
	}
}

func TestExport(t *testing.T) {
	eachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ingest(t, s, corpus()...)

		var buf bytes.Buffer
		if err := s.Export(ctx, &buf, FormatJSONL, EventFilter{}); err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(&buf)
		n, mentions := 0, 0
		for dec.More() {
			var ev Event
			if err := dec.Decode(&ev); err != nil {
				t.Fatal(err)
			}
			if ev.ID == "" || ev.Event == "" || len(ev.Mentions) != ev.NumSources {
				t.Errorf("jsonl record %+v", ev)
			}
			n++
			mentions += len(ev.Mentions)
		}
		if n != 5 || mentions != 7 {
			t.Errorf("jsonl: %d events, %d mentions; want 5, 7", n, mentions)
		}

		buf.Reset()
		if err := s.Export(ctx, &buf, FormatCSV, EventFilter{Type: "CONSULT"}); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 4 || !slices.Equal(rows[0], CSVHeader) {
			t.Fatalf("csv: %d rows, header %v", len(rows), rows[0])
		}
		sources := slices.Index(CSVHeader, "num_sources")
		found := false
		for _, r := range rows[1:] {
			if r[slices.Index(CSVHeader, "channel")] == "kor-chn-2plus2" {
				found = r[sources] == "3" && r[slices.Index(CSVHeader, "documents")] == "doc-b; doc-a; doc-c"
			}
		}
		if !found {
			t.Errorf("csv lacks the merged dialogue: %v", rows)
		}

		buf.Reset()
		if err := s.Export(ctx, &buf, FormatPOLECAT, EventFilter{Limit: 5}); err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(&buf)
		r.Comma = '\t'
		rows, err = r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 6 || !slices.Equal(rows[0], POLECATHeader) || len(POLECATHeader) != 40 {
			t.Fatalf("polecat: %d rows, header %v", len(rows), rows[0])
		}
		col := func(name string) int { return slices.Index(POLECATHeader, name) }
		for _, row := range rows[1:] {
			if row[col("Event Date")] == "" || row[col("Language")] != "vi" || row[col("Actor Country")] == "" {
				t.Errorf("polecat row %v", row)
			}
			if row[col("Actor Country")] == "KOR" && row[col("Actor COW")] != "732" {
				t.Errorf("COW code of KOR: %q", row[col("Actor COW")])
			}
		}

		if err := s.Export(ctx, &buf, "xml", EventFilter{}); sukien.ErrorCode(err) != sukien.EINVALID {
			t.Errorf("unknown format: %v", err)
		}
	})
}
