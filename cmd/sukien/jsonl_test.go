package main

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"

	"github.com/sukien/sukien"
)

// stdJSON is what json.Encoder with SetEscapeHTML(false) writes for ev.
func stdJSON(t testing.TB, ev *sukien.Event) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(ev); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func checkAppendEvent(t testing.TB, ev *sukien.Event) {
	t.Helper()
	got, ok := appendEvent(nil, ev)
	if !ok {
		t.Fatalf("appendEvent refused %+v", ev)
	}
	if want := stdJSON(t, ev); !bytes.Equal(got, want) {
		t.Fatalf("appendEvent:\n got %s\nwant %s", got, want)
	}
}

func TestAppendEventMatchesEncodingJSON(t *testing.T) {
	date := "2024-06-18"
	full := sukien.Event{
		ID: "ev-1", Doc: "doc#1", Event: "CONSULT", Mode: "visit", Cameo: "042", Date: &date,
		DateText: "ngày 18/6",
		Actor: []sukien.Actor{
			{Kind: sukien.KindPerson, Name: "Moon Jae-in", Country: "KOR", ID: "moon", Sector: "GOV", Title: "Tổng thống", Raw: "Moon Jae-in"},
			{Kind: sukien.KindPerson, Name: "Xi Jinping", Country: "CHN", Transliterated: true},
		},
		Recipient: []sukien.Actor{{Kind: sukien.KindCountry, Name: "Trung Quốc", Country: "CHN"}},
		Location:  &sukien.Location{Name: "Bắc Kinh", Country: "CHN"},
		Sentence:  "Ông Moon \"nói\" <b>&</b> \\ tab\there\nline\r\x01\x1f\x7f \u2028 \u2029 \xff end",
		Channel:   "kor-chn-2+2", Level: "leader", Trigger: "hội đàm",
		Start: 12, End: -3, Confidence: 0.8500000000000001, Summary: "Moon met Xi", Mentions: 3,
	}
	cases := []sukien.Event{
		{},
		{Actor: []sukien.Actor{}, Recipient: []sukien.Actor{}, Location: &sukien.Location{}},
		full,
	}
	for _, c := range []float64{1, -1, 0.5, 1e-7, 1.5e-7, 1e21, 123456789e15, 1e-6, 2.5e-10, math.Copysign(0, -1), math.SmallestNonzeroFloat64, math.MaxFloat64} {
		ev := full
		ev.Confidence = c
		cases = append(cases, ev)
	}
	for i := range cases {
		checkAppendEvent(t, &cases[i])
	}
	if _, ok := appendEvent(nil, &sukien.Event{Confidence: math.NaN()}); ok {
		t.Error("appendEvent wrote a NaN confidence, which encoding/json refuses")
	}
}

func FuzzAppendEvent(f *testing.F) {
	f.Add("Hàn Quốc \"x\" \\", "\x00\b\f\u2028\xed\xa0\x80", 0.75, 3)
	f.Add("", "\xff\xfe<>&", 1e-9, 0)
	f.Add("ả\xe1\xbb", "\xc3 \xe1\xbb\xc3 \xdf\xbf\xe1\x80", 0.5, 1) // cut and bad sequences
	f.Add("\xe2\x80\xa8\xe2\x80", "\xed\xa0\x80\xf0\x9f\x98\x80", 0.5, 1)
	f.Fuzz(func(t *testing.T, a, b string, conf float64, n int) {
		if math.IsNaN(conf) || math.IsInf(conf, 0) {
			return
		}
		ev := sukien.Event{ID: a, Doc: b, Event: a, Sentence: b + a, Summary: b, DateText: a, Date: &b,
			Actor:     []sukien.Actor{{Kind: a, Name: b, Raw: a, Title: b}},
			Recipient: []sukien.Actor{},
			Location:  &sukien.Location{Name: a, Country: b},
			Start:     n, End: -n, Mentions: n, Confidence: conf}
		checkAppendEvent(t, &ev)
	})
}
