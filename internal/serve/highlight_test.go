package serve

import (
	"reflect"
	"strings"
	"testing"

	"github.com/sukien/sukien"
	"github.com/sukien/sukien/internal/store"
)

func TestMentionSegments(t *testing.T) {
	m := &store.Mention{
		Sentence:  "Ngày 5/3, ông Kim tiếp đặc phái viên Hàn Quốc tại Bình Nhưỡng, Kimchi không có mặt.",
		Actor:     []sukien.Actor{{Name: "Kim Jong-un", Raw: "Kim"}},
		Recipient: []sukien.Actor{{Name: "South Korea", Raw: "Hàn Quốc"}},
		Trigger:   "tiếp",
		DateText:  "ngày 5/3",
	}
	got := mentionSegments(m)
	var b strings.Builder
	for _, s := range got {
		if s.Class != "" {
			b.WriteString("[" + s.Class + ":" + s.Text + "]")
		} else {
			b.WriteString(s.Text)
		}
	}
	want := "[hl-date:Ngày 5/3], ông [hl-actor:Kim] [hl-trigger:tiếp] đặc phái viên [hl-recipient:Hàn Quốc] tại Bình Nhưỡng, Kimchi không có mặt."
	if b.String() != want {
		t.Errorf("got  %s\nwant %s", b.String(), want)
	}
}

func TestSegmentsOverlap(t *testing.T) {
	s := "Hàn Quốc và Mỹ"
	han, quoc, va, my := 0, strings.Index(s, "Quốc"), strings.Index(s, "và"), strings.Index(s, "Mỹ")
	got := segments(s, []mark{{han, quoc - 1, "a"}, {han, va - 1, "b"}, {quoc, va + 2, "c"}, {my, len(s), "d"}})
	want := []segment{{"Hàn Quốc", "b"}, {" và ", ""}, {"Mỹ", "d"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := segments("", nil); len(got) != 1 || got[0].Text != "" {
		t.Errorf("empty: %q", got)
	}
}

func TestSnippetSegments(t *testing.T) {
	got := snippetSegments("…hai bên «đàm phán» về «hạt nhân»")
	want := []segment{{"…hai bên ", ""}, {"đàm phán", "hl-match"}, {" về ", ""}, {"hạt nhân", "hl-match"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := snippetSegments("không «đóng"); len(got) != 1 || got[0].Text != "không «đóng" {
		t.Errorf("unclosed mark: %q", got)
	}
}

func TestDocSegments(t *testing.T) {
	// Offsets in characters: the caption is 4–11, the sentences 12–29 and 30–37.
	orig := "Tít\nẢnh: AP\nHai bên gặp nhau. Rồi về."
	sentences := []store.Sentence{{OrigStart: 12, OrigEnd: 29}, {OrigStart: 30, OrigEnd: 37}}
	removed := []store.Span{{Kind: "caption", Start: 4, End: 11}}
	mentions := []store.Mention{
		{EventID: "e1", Event: "CONSULT", Start: 12, End: 29},
		{EventID: "e2", Event: "THREATEN", Start: 12, End: 29},
		{EventID: "e1", Event: "CONSULT", Start: 12, End: 29},
	}
	segs := docSegments(orig, sentences, removed, mentions)
	var joined strings.Builder
	for _, s := range segs {
		joined.WriteString(s.Text)
	}
	if joined.String() != orig {
		t.Fatalf("segments lose text: %q", joined.String())
	}
	find := func(text string) docSegment {
		for _, s := range segs {
			if s.Text == text {
				return s
			}
		}
		t.Fatalf("no segment %q in %+v", text, segs)
		return docSegment{}
	}
	if s := find("Ảnh: AP"); s.Removed != "caption" {
		t.Errorf("caption: %+v", s)
	}
	ev := find("Hai bên gặp nhau.")
	if ev.Anchor != "s0" || len(ev.Events) != 2 || len(ev.Tags) != 2 || ev.Events[1].Class != conflictual {
		t.Errorf("event sentence: %+v", ev)
	}
	if s := find("Rồi về."); s.Anchor != "s1" || s.Events != nil {
		t.Errorf("plain sentence: %+v", s)
	}
}
