package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sukien/sukien"
)

func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte(`{"id":"a","text":"Hai bên gặp nhau."}` + "\n" + `{"id":` + "\n\n" + `{"text":"x","published":"12/03/2019 08:00"}`))
	f.Add([]byte(`{"html":"<p>Nội dung</p><script>x</script>"}`))
	f.Add([]byte("{\"text\":\"Ha\xf8 No\xe4i\"}\r\n[]\n\"s\"\n{\"id\":1.5e3,\"text\":\"\\u0000\"}"))
	f.Add([]byte("\xef\xbb\xbf{}\n\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// The same bytes as JSON Lines and as a .json file.
		for _, source := range []string{"fuzz.jsonl", "fuzz.json"} {
			r := &reader{ctx: context.Background(), max: 1 << 20, fn: func(it Item) error {
				if it.Err != nil {
					var e *sukien.Error
					if !errors.As(it.Err, &e) || e.Code != sukien.EINVALID || e.Source != source {
						t.Fatalf("bad error %#v", it.Err)
					}
					// Only whole-file problems have no line; a .json file
					// is also decoded whole.
					fileLevel := e.Message == "empty file" || e.Message == "binary file" ||
						source == "fuzz.json" && strings.HasPrefix(e.Message, "invalid UTF-8")
					if e.Line <= 0 && !fileLevel {
						t.Fatalf("error without a line: %v", e)
					}
					return nil
				}
				d := it.Doc
				if d.ID == "" || d.Line <= 0 || strings.TrimSpace(d.Text) == "" || !utf8.ValidString(d.Text) {
					t.Fatalf("bad document %+v", d)
				}
				return nil
			}}
			read := r.jsonl
			if source == "fuzz.json" {
				read = r.json
			}
			if err := read(bytes.NewReader(data), source, source); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func FuzzHTML(f *testing.F) {
	f.Add(newsPage)
	f.Add(`<div><p>một<div>hai</p></div></section><br>ba`)
	f.Add(`<script type="application/ld+json">[[[{"datePublished":"2019-01-01"}]]]</script><title>t`)
	f.Add(`<svg><title>x</title></svg><article><h1>a</h1><p>b&nbsp;&amp;c</article>`)
	f.Fuzz(func(t *testing.T, page string) {
		doc := ParseHTML(page)
		if utf8.ValidString(page) && (!utf8.ValidString(doc.Text) || !utf8.ValidString(doc.Title)) {
			t.Fatalf("invalid UTF-8 out of valid input: %q", doc.Text)
		}
		if doc.Text == "" {
			return
		}
		for _, line := range strings.Split(doc.Text, "\n") {
			if line == "" || strings.HasPrefix(line, " ") || strings.HasSuffix(line, " ") {
				t.Fatalf("untidy line %q in %q", line, doc.Text)
			}
		}
	})
}

func FuzzPublishedFrom(f *testing.F) {
	for _, s := range []string{" date 2024-06 x", "08:36, 22/12/2025", "27/05/13 21:27 GMT+7",
		"Cập nhật: 14/05/2017 10:21", "Thứ hai, 1/1/2018", "2018-10-01T21:30:00Z", "9h5 1/1/99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got := PublishedFrom(text)
		if got == "" {
			return
		}
		for _, layout := range []string{"2006-01-02T15:04", "2006-01-02", "2006-01"} {
			if _, err := time.Parse(layout, got); err == nil {
				return
			}
		}
		t.Fatalf("PublishedFrom(%q) = %q, not a date", text, got)
	})
}

func BenchmarkReadJSONL(b *testing.B) {
	var buf bytes.Buffer
	para := strings.Repeat("Bộ trưởng Ngoại giao hai nước đã điện đàm về tình hình an ninh khu vực. ", 40)
	for i := range 1000 {
		fmt.Fprintf(&buf, `{"id":"doc-%d","published":"2019-03-%02dT08:00:00+07:00","outlet":"Báo Thử","text":%q}`+"\n", i, i%28+1, para)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		err := Read(context.Background(), nil, Options{Stdin: bytes.NewReader(data)}, func(it Item) error {
			if it.Err != nil {
				return it.Err
			}
			n++
			return nil
		})
		if err != nil || n != 1000 {
			b.Fatal(err, n)
		}
	}
}
