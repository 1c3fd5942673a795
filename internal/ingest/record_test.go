package ingest

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var recordSeeds = []string{
	`{"id":"gen-1","published":"2022-09-25","outlet":"Báo","url":"https://x.vn/1","title":"Kim và Putin","text":"Kim Jong-un\nhội đàm"}`,
	`{"id": "b17-035", "published": "2017-02", "outlet": null, "text": "Washington và Seoul"}`,
	` { "text" : "a\"b\\c\/d\b\f\n\r\t\u00e0\u1ec7\ud83d\ude00\ud800x\udc00\ud800\u0041" , "id" : null } `,
	`{"text":"x","text":"y","published":null,"html":"<p>z</p>"}`,
	`{}`,
}

// Lines fastRecord must hand to encoding/json (ok false).
var recordFallbacks = []string{
	`{"id":12,"text":"x"}`, `{"Text":"x"}`, `{"source":"x","text":"y"}`, `{"text":"x",}`, `{"text":"a\'b"}`,
	`{"text":"x"} {}`, `{"text":"x"`, `["text"]`, `{"text":"\u12"}`, "{\"text\":\"a\tb\"}", `{"text":nul}`,
	`{"text":true}`, `{"te\u0078t":"x"}`,
}

func TestFastRecord(t *testing.T) {
	for _, s := range recordSeeds {
		var got record
		if !fastRecord([]byte(s), &got) {
			t.Errorf("fastRecord gave up on %s", s)
			continue
		}
		if uEsc := strings.Contains(s, `\u`); got.safe == uEsc {
			t.Errorf("%s: safe = %v with \\u escapes %v", s, got.safe, uEsc)
		}
		got.safe = false
		var want record
		if err := json.Unmarshal([]byte(s), &want); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s:\n got %+v\nwant %+v", s, got, want)
		}
	}
	for _, s := range recordFallbacks {
		var rec record
		if fastRecord([]byte(s), &rec) {
			t.Errorf("fastRecord accepted %s", s)
		}
	}
}

// FuzzFastRecord: whatever fastRecord accepts, encoding/json accepts and
// decodes the same way.
func FuzzFastRecord(f *testing.F) {
	for _, s := range append(recordSeeds, recordFallbacks...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		var got record
		if !fastRecord([]byte(s), &got) {
			return
		}
		got.safe = false
		var want record
		if err := json.Unmarshal([]byte(s), &want); err != nil {
			t.Fatalf("fastRecord accepted %q, encoding/json says %v", s, err)
		}
		if got != want {
			t.Fatalf("%q:\n got %+v\nwant %+v", s, got, want)
		}
	})
}

// TestReadJSONLNFC: text reaches the extractor in NFC whichever way the
// line spells it — precomposed, decomposed in raw UTF-8, decomposed in
// \u escapes, through the fast decoder or encoding/json.
func TestReadJSONLNFC(t *testing.T) {
	lines := []string{
		`{"id":"a","title":"Hòa","text":"Hòa bình"}`,
		"{\"id\":\"b\",\"title\":\"Ho\u0300a\",\"text\":\"Ho\u0300a bình\"}",
		`{"id":"c","title":"Ho\u0300a","text":"Ho\u0300a bình"}`,
		`{"id":"d","title":"Ho\u0300a","text":"Ho\u0300a bình","extra":1}`,
	}
	path := writeFile(t, filepath.Join(t.TempDir(), "docs.jsonl"), strings.Join(lines, "\n")+"\n")
	items := readAll(t, []string{path}, Options{})
	if len(items) != len(lines) {
		t.Fatalf("%d items, want %d", len(items), len(lines))
	}
	for _, it := range items {
		if it.Err != nil {
			t.Fatal(it.Err)
		}
		if it.Doc.Title != "Hòa" || it.Doc.Text != "Hòa bình" {
			t.Errorf("%s: title %q text %q, want NFC", it.Doc.ID, it.Doc.Title, it.Doc.Text)
		}
	}
}

func TestPlainEnd(t *testing.T) {
	for n := 0; n < 20; n++ {
		for _, c := range []byte{'"', '\\', 0, 0x1f, '\n'} {
			b := []byte(strings.Repeat("ả", 10)[:n] + string(c) + "xyz\"")
			if got := plainEnd(b, 0); got != n {
				t.Errorf("plainEnd(%q) = %d, want %d", b, got, n)
			}
		}
		b := []byte(strings.Repeat("a\x7f\x80\xff ", 5)[:n])
		if got := plainEnd(b, 0); got != n {
			t.Errorf("plainEnd(%q) = %d, want %d", b, got, n)
		}
	}
}
