package store

import (
	"context"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/sukien/sukien"
	"github.com/sukien/sukien/internal/text"
)

// A headline, a body of two paragraphs with spacing and a decomposed
// character to normalise, a related-stories line and a photo credit.
const articleRaw = "Hàn Quốc và Nhật Bản nối lại đối thoại an ninh\n" +
	"Hai nước  láng giềng đã nhóm họp tại Tokyo hôm thứ Ba. Cuộc họp kéo dài ba giờ.\n" +
	"Xem thêm: Quan hệ Hàn - Nhật trong năm qua\n" +
	"Phái đoa\u0300n Hàn Quốc do một thứ trưởng dẫn đầu.\n" +
	"Ảnh: Yonhap\n"

func TestArticleOf(t *testing.T) {
	doc := sukien.Document{ID: "kj-1", Text: articleRaw}
	td := text.Prepare(doc.Text)
	evs := []sukien.Event{{Event: "CONSULT", Sentence: "Cuộc họp kéo dài ba giờ."}}
	a := ArticleOf(doc, td, evs)

	if a.Doc.Title != "Hàn Quốc và Nhật Bản nối lại đối thoại an ninh" {
		t.Errorf("Title = %q, want the headline", a.Doc.Title)
	}
	if len(a.Events) != 1 || a.Doc.ID != "kj-1" {
		t.Errorf("document or events not carried over: %+v", a)
	}
	want := []string{
		"Hai nước láng giềng đã nhóm họp tại Tokyo hôm thứ Ba.",
		"Cuộc họp kéo dài ba giờ.",
		"Phái đoàn Hàn Quốc do một thứ trưởng dẫn đầu.",
	}
	if len(a.Sentences) != len(want) {
		t.Fatalf("got %d sentences %+v, want %d", len(a.Sentences), a.Sentences, len(want))
	}
	cleaned, orig := []rune(a.Text), []rune(articleRaw)
	for i, s := range a.Sentences {
		if s.Text != want[i] {
			t.Errorf("sentence %d = %q, want %q", i, s.Text, want[i])
		}
		if got := string(cleaned[s.Start:s.End]); got != s.Text {
			t.Errorf("sentence %d: cleaned[%d:%d] = %q", i, s.Start, s.End, got)
		}
		// The original differs only by what normalisation changed.
		got := norm.NFC.String(string(orig[s.OrigStart:s.OrigEnd]))
		if strings.Join(strings.Fields(got), " ") != s.Text {
			t.Errorf("sentence %d: orig[%d:%d] = %q", i, s.OrigStart, s.OrigEnd, got)
		}
	}
	if strings.Contains(a.Text, "Xem thêm") || strings.Contains(a.Text, "Yonhap") {
		t.Errorf("boilerplate left in the cleaned text: %q", a.Text)
	}
	if !strings.Contains(a.Text, "ba giờ.\nPhái") || !strings.Contains(a.Text, "thứ Ba. Cuộc") {
		t.Errorf("want paragraphs joined by newlines, sentences by spaces: %q", a.Text)
	}
	kinds := map[string]string{}
	for _, sp := range a.Removed {
		kinds[sp.Kind] = string(orig[sp.Start:sp.End])
	}
	if kinds["related"] != "Xem thêm: Quan hệ Hàn - Nhật trong năm qua" {
		t.Errorf("related span = %q (removed: %+v)", kinds["related"], a.Removed)
	}
	if kinds["credit"] != "Ảnh: Yonhap" {
		t.Errorf("credit span = %q (removed: %+v)", kinds["credit"], a.Removed)
	}
}

func TestArticleOfKeepsTitleAndHandlesNoBody(t *testing.T) {
	doc := sukien.Document{ID: "x", Title: "Tiêu đề riêng", Text: "Ảnh: Yonhap"}
	a := ArticleOf(doc, text.Prepare(doc.Text), nil)
	if a.Doc.Title != "Tiêu đề riêng" {
		t.Errorf("Title = %q, want the document's own", a.Doc.Title)
	}
	if len(a.Sentences) != 0 || a.Text == "" {
		t.Errorf("no body: want td.Text and no sentences, got %q %+v", a.Text, a.Sentences)
	}
	if a := ArticleOf(doc, nil, nil); a.Text != doc.Text {
		t.Errorf("nil td: Text = %q", a.Text)
	}
}

// TestArticleOfIngests checks that the sentence offsets are what Ingest
// uses to find the sentence of each record.
func TestArticleOfIngests(t *testing.T) {
	s := openSQLite(t)
	ctx := context.Background()
	doc := sukien.Document{ID: "kj-2", Published: "2024-06-04", Text: articleRaw}
	td := text.Prepare(doc.Text)
	a := ArticleOf(doc, td, nil)
	second := a.Sentences[1]
	ev := sukien.Event{Event: "CONSULT", Sentence: second.Text, Start: second.OrigStart, End: second.OrigEnd,
		Actor: []sukien.Actor{country("KOR", "Hàn Quốc")}, Recipient: []sukien.Actor{country("JPN", "Nhật Bản")}}
	a.Events = []sukien.Event{ev}
	if _, err := s.Ingest(ctx, []Article{a}); err != nil {
		t.Fatal(err)
	}
	d, err := s.Document(ctx, "kj-2")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Mentions) != 1 || d.Mentions[0].SentenceIndex != 1 {
		t.Fatalf("mentions = %+v, want one in sentence 1", d.Mentions)
	}
	if d.Title == "" || d.Text != a.Text || len(d.Sentences) != 3 {
		t.Errorf("stored document = %+v", d)
	}
}
