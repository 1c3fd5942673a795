package extract_test

// Fuzz tests for the parsers of outside text that extraction runs:
//
//	go test -run '^$' -fuzz FuzzExtract -fuzztime 3m ./internal/extract/
//
// Crashers found are kept in testdata/fuzz/ and run as regression tests by
// a plain `go test`.

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sukien/sukien"
	"github.com/sukien/sukien/internal/dict"
	"github.com/sukien/sukien/internal/extract"
)

// ploverTypes are the event types of the evaluation guidelines.
var ploverTypes = map[string]bool{
	"AGREE": true, "CONSULT": true, "SUPPORT": true, "CONCEDE": true, "COOPERATE": true, "AID": true,
	"RETREAT": true, "REQUEST": true, "ACCUSE": true, "REJECT": true, "THREATEN": true, "PROTEST": true,
	"SANCTION": true, "MOBILIZE": true, "COERCE": true, "ASSAULT": true,
}

var isoDate = regexp.MustCompile(`^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$`)

// fuzzSeeds are inputs that exercise the corners of the text grammar, in
// addition to every demo sentence.
var fuzzSeeds = []string{
	"",
	" ",
	"\n\n\n",
	"Ngày 12/6, Mỹ và Triều Tiên ký tuyên bố chung tại Singapore.",
	"Hôm qua (11/6), ông Moon điện đàm với ông Trump.\nẢnh: TTXVN",
	"Triều Tiên phóng tên lửa.Hàn Quốc phản đối.",
	"Ngày 31/2/2019 ngày 0/0 tháng 13 năm 99999 Bình Nhưỡng hội đàm",
	"Hàn\u0301 Quốc\u200b và Nhật\u00a0Bản\tkhông\u2028hội đàm",
	"Hàn_Quốc và Triều_Tiên nhất_trí nối_lại đối_thoại",
	"\xff\xfeHàn Quốc\x00 trừng phạt \xc3 Triều Tiên",
	"ông Kim ông Kim ông Kim , , , . . . hai bên hai nước nước này",
	"\"Bình Nhưỡng sẽ đáp trả\", ông nói. Seoul cảnh báo.",
	"Tổng thống Mỹ - Hàn - Nhật - Trung - Nga họp 3+3 ngày 1-2/3",
	strings.Repeat("Trung Quốc lên án ", 200),
}

// FuzzExtract feeds any text to Extract: it must not panic, every event
// must be well formed and point into the text, event ids must be unique,
// and a second run must give the same events (no map-order dependence).
func FuzzExtract(f *testing.F) {
	x := extract.New(loadDict(f))
	_, sents := loadDemo(f)
	for _, s := range sents {
		f.Add(s)
	}
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc := sukien.Document{ID: "fuzz", Published: "2024-06-18", Text: s}
		res := x.Extract(doc)
		if res.Doc == nil {
			t.Fatal("Extract returned no prepared document")
		}
		runes := utf8.RuneCountInString(s)
		ids := map[string]int{}
		for i, ev := range res.Events {
			if j, dup := ids[ev.ID]; dup {
				t.Errorf("events %d and %d share the id %s", j, i, ev.ID)
			}
			ids[ev.ID] = i
			if !ploverTypes[ev.Event] {
				t.Errorf("event %d: type %q is not a PLOVER type", i, ev.Event)
			}
			if ev.Doc != doc.ID {
				t.Errorf("event %d: doc %q, want %q", i, ev.Doc, doc.ID)
			}
			if ev.Sentence == "" || !strings.Contains(res.Doc.Text, ev.Sentence) {
				t.Errorf("event %d: sentence %q is not in the normalised text %q", i, ev.Sentence, res.Doc.Text)
			}
			if ev.Start < 0 || ev.Start > ev.End || ev.End > runes {
				t.Errorf("event %d: span [%d,%d) outside the %d characters of the text", i, ev.Start, ev.End, runes)
			}
			if ev.Date != nil && !isoDate.MatchString(*ev.Date) {
				t.Errorf("event %d: date %q is not YYYY, YYYY-MM or YYYY-MM-DD", i, *ev.Date)
			}
			if ev.Actor == nil || ev.Recipient == nil {
				t.Errorf("event %d: nil actor or recipient list (must encode as [])", i)
			}
		}
		if again := x.Extract(doc).Events; !reflect.DeepEqual(res.Events, again) {
			t.Errorf("a second Extract of the same document gave different events:\n%s\n%s", brief(res.Events), brief(again))
		}
	})
}

// brief lists events one a line, for messages.
func brief(evs []sukien.Event) string {
	var sb strings.Builder
	for _, ev := range evs {
		fmt.Fprintf(&sb, "\t%s %s %v -> %v\n", ev.ID, ev.Event, names(ev.Actor), names(ev.Recipient))
	}
	return sb.String()
}

func names(as []sukien.Actor) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return out
}

// FuzzMatch tokenises any text and runs the actor and trigger matchers over
// it: tokens must lie in order inside the text and matches must not overlap.
func FuzzMatch(f *testing.F) {
	d := loadDict(f)
	_, sents := loadDemo(f)
	for _, s := range sents {
		f.Add(s)
	}
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var toks dict.Tokens
		toks.Tokenize(s)
		prevEnd, prevLEnd := 0, -1
		for i, tok := range toks.T {
			if tok.Start < prevEnd || tok.End <= tok.Start || tok.End > len(s) {
				t.Fatalf("token %d: span [%d,%d) out of order or outside %d bytes", i, tok.Start, tok.End, len(s))
			}
			if tok.LStart <= prevLEnd || tok.LEnd < tok.LStart || tok.LEnd > len(toks.Lower) {
				t.Fatalf("token %d: lower span [%d,%d) out of order or outside %d bytes", i, tok.LStart, tok.LEnd, len(toks.Lower))
			}
			prevEnd, prevLEnd = tok.End, tok.LEnd
		}
		for _, m := range []*dict.Matcher{d.Actors, d.Triggers, d.Cues} {
			next := 0
			m.All(&toks, func(mt dict.Match) {
				if mt.Start < next || mt.End <= mt.Start || mt.End > len(toks.T) {
					t.Fatalf("match [%d,%d) overlaps the previous one or lies outside %d tokens", mt.Start, mt.End, len(toks.T))
				}
				if len(mt.Targets) == 0 {
					t.Fatalf("match [%d,%d) %q has no targets", mt.Start, mt.End, toks.Text(mt.Start, mt.End))
				}
				next = mt.End
			})
		}
	})
}
