package extract_test

// Benchmarks for every stage of extraction, on the built-in demo corpus:
//
//	go test -run '^$' -bench . -benchmem ./internal/extract/
//
// Each stage reports MB/s of input text (b.SetBytes) and allocations, so
// that a regression in one stage shows up on its own line.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/sukien/sukien"
	"github.com/sukien/sukien/internal/demo"
	"github.com/sukien/sukien/internal/dict"
	"github.com/sukien/sukien/internal/extract"
	"github.com/sukien/sukien/internal/ingest"
	"github.com/sukien/sukien/internal/text"
	"github.com/sukien/sukien/internal/timex"
)

var (
	dictOnce sync.Once
	theDict  *dict.Dictionary
	dictErr  error

	demoOnce  sync.Once
	demoDocs  []sukien.Document
	demoSents []string // the normalised title and body sentences of demoDocs
	demoErr   error
)

// loadDict loads the built-in dictionaries once for all tests.
func loadDict(tb testing.TB) *dict.Dictionary {
	tb.Helper()
	dictOnce.Do(func() {
		d, errs := dict.Load()
		if d == nil {
			dictErr = fmt.Errorf("dict.Load: %v", errs)
		}
		theDict = d
	})
	if dictErr != nil {
		tb.Fatal(dictErr)
	}
	return theDict
}

// loadDemo parses the embedded demo corpus once.
func loadDemo(tb testing.TB) ([]sukien.Document, []string) {
	tb.Helper()
	demoOnce.Do(func() {
		sc := bufio.NewScanner(bytes.NewReader(demo.Docs))
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			if len(bytes.TrimSpace(sc.Bytes())) == 0 {
				continue
			}
			var d sukien.Document
			if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
				demoErr = err
				return
			}
			demoDocs = append(demoDocs, d)
			td := text.Prepare(d.Text)
			for i := range td.Sentences {
				demoSents = append(demoSents, td.Sentence(i))
			}
		}
		demoErr = sc.Err()
	})
	if demoErr != nil {
		tb.Fatal(demoErr)
	}
	if len(demoDocs) == 0 || len(demoSents) == 0 {
		tb.Fatal("empty demo corpus")
	}
	return demoDocs, demoSents
}

// recombine builds n synthetic documents of 8–30 demo sentences each,
// deterministically for a given seed, the way scripts/gencorpus does.
func recombine(sents []string, n int, seed uint64) []sukien.Document {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	docs := make([]sukien.Document, n)
	var sb strings.Builder
	for i := range docs {
		sb.Reset()
		k := 8 + r.IntN(23)
		for j := 0; j < k; j++ {
			if j > 0 {
				if r.IntN(4) == 0 {
					sb.WriteByte('\n')
				} else {
					sb.WriteByte(' ')
				}
			}
			sb.WriteString(sents[r.IntN(len(sents))])
		}
		docs[i] = sukien.Document{
			ID:        fmt.Sprintf("bench-%06d", i),
			Published: fmt.Sprintf("%d-%02d-%02d", 2018+r.IntN(8), 1+r.IntN(12), 1+r.IntN(28)),
			Text:      sb.String(),
		}
	}
	return docs
}

func totalBytes(docs []sukien.Document) int64 {
	var n int64
	for _, d := range docs {
		n += int64(len(d.Text))
	}
	return n
}

func sentBytes(sents []string) int64 {
	var n int64
	for _, s := range sents {
		n += int64(len(s))
	}
	return n
}

// BenchmarkExtractDocument extracts one demo document per iteration,
// cycling through the corpus; MB/s is the mean over the corpus.
func BenchmarkExtractDocument(b *testing.B) {
	x := extract.New(loadDict(b))
	docs, _ := loadDemo(b)
	b.SetBytes(totalBytes(docs) / int64(len(docs)))
	b.ReportAllocs()
	i, events := 0, 0
	for b.Loop() {
		events += len(x.Extract(docs[i%len(docs)]).Events)
		i++
	}
	if i >= len(docs) && events == 0 {
		b.Fatal("no events in the demo corpus")
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkExtractCorpus extracts the whole demo corpus per iteration.
func BenchmarkExtractCorpus(b *testing.B) {
	x := extract.New(loadDict(b))
	docs, _ := loadDemo(b)
	b.SetBytes(totalBytes(docs))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		events := 0
		for _, d := range docs {
			events += len(x.Extract(d).Events)
		}
		if events == 0 {
			b.Fatal("no events in the demo corpus")
		}
		n++
	}
	b.ReportMetric(float64(n*len(docs))/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkStream runs Stream over 2,000 recombined documents with one
// worker and with one per core.
func BenchmarkStream(b *testing.B) {
	x := extract.New(loadDict(b))
	_, sents := loadDemo(b)
	docs := recombine(sents, 2000, 1)
	size := totalBytes(docs)
	for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				in := make(chan extract.Job)
				go func() {
					defer close(in)
					for _, d := range docs {
						in <- extract.Job{Doc: d}
					}
				}()
				got := 0
				err := x.Stream(context.Background(), workers, in, func(d extract.Done) error {
					if d.Doc.ID != docs[got].ID {
						return fmt.Errorf("result %d is %s, want %s", got, d.Doc.ID, docs[got].ID)
					}
					got++
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
				if got != len(docs) {
					b.Fatalf("emitted %d of %d documents", got, len(docs))
				}
				n += got
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}

// BenchmarkClean turns an HTML page made of the demo corpus into text
// (ingest.ParseHTML), the first stage for crawled pages.
func BenchmarkClean(b *testing.B) {
	docs, _ := loadDemo(b)
	var pages []string
	var size int64
	for _, d := range docs {
		var sb strings.Builder
		sb.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
		sb.WriteString(html.EscapeString(d.Title))
		sb.WriteString("</title></head><body><nav><a href=\"/\">Trang chủ</a> | <a href=\"/the-gioi\">Thế giới</a></nav><article>")
		for _, p := range strings.Split(d.Text, "\n") {
			sb.WriteString("<p>")
			sb.WriteString(html.EscapeString(p))
			sb.WriteString("</p>\n")
		}
		sb.WriteString("</article><footer>Bản quyền thuộc về tòa soạn.</footer></body></html>")
		pages = append(pages, sb.String())
		size += int64(sb.Len())
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pages {
			if d := ingest.ParseHTML(p); d.Text == "" {
				b.Fatal("ParseHTML found no text")
			}
		}
	}
}

// BenchmarkNormalize is the normalisation stage (NFC, tone marks, spaces).
func BenchmarkNormalize(b *testing.B) {
	docs, _ := loadDemo(b)
	b.SetBytes(totalBytes(docs))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			text.Normalize(d.Text)
		}
	}
}

// BenchmarkPrepare is normalisation, boilerplate removal and sentence
// splitting together, as Extract runs them.
func BenchmarkPrepare(b *testing.B) {
	docs, _ := loadDemo(b)
	b.SetBytes(totalBytes(docs))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			if len(text.Prepare(d.Text).Sentences) == 0 {
				b.Fatal("no sentences")
			}
		}
	}
}

// BenchmarkSplit is sentence splitting of normalised text.
func BenchmarkSplit(b *testing.B) {
	docs, _ := loadDemo(b)
	norm := make([]string, len(docs))
	var size int64
	for i, d := range docs {
		norm[i], _ = text.Normalize(d.Text)
		size += int64(len(norm[i]))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range norm {
			text.Split(s)
		}
	}
}

// BenchmarkMatchActors tokenises every demo sentence and finds its actor,
// place, title and organisation phrases.
func BenchmarkMatchActors(b *testing.B) {
	benchMatcher(b, func(d *dict.Dictionary) *dict.Matcher { return d.Actors })
}

// BenchmarkTriggers tokenises every demo sentence and finds its event
// trigger phrases.
func BenchmarkTriggers(b *testing.B) {
	benchMatcher(b, func(d *dict.Dictionary) *dict.Matcher { return d.Triggers })
}

func benchMatcher(b *testing.B, which func(*dict.Dictionary) *dict.Matcher) {
	m := which(loadDict(b))
	_, sents := loadDemo(b)
	b.SetBytes(sentBytes(sents))
	b.ReportAllocs()
	var toks dict.Tokens
	for b.Loop() {
		found := 0
		for _, s := range sents {
			toks.Tokenize(s)
			m.All(&toks, func(dict.Match) { found++ })
		}
		if found == 0 {
			b.Fatal("no phrase found in the demo corpus")
		}
	}
}

// BenchmarkDates finds and resolves the date expressions of every demo
// sentence against its document's publication date.
func BenchmarkDates(b *testing.B) {
	docs, _ := loadDemo(b)
	type sent struct {
		text string
		pub  timex.Date
	}
	var ss []sent
	var size int64
	for _, d := range docs {
		pub, _ := timex.ParseISO(d.Published)
		td := text.Prepare(d.Text)
		for i := range td.Sentences {
			ss = append(ss, sent{td.Sentence(i), pub})
			size += int64(len(td.Sentence(i)))
		}
	}
	b.SetBytes(size)
	b.ReportAllocs()
	var buf []timex.Expr
	for b.Loop() {
		found := 0
		for _, s := range ss {
			buf = timex.Append(buf[:0], s.text, s.pub, timex.Date{})
			found += len(buf)
		}
		if found == 0 {
			b.Fatal("no date found in the demo corpus")
		}
	}
}

// BenchmarkLongSentence extracts pages with no full stop, made of one
// clause repeated: many triggers and mentions in one run of text. The time
// per byte must not grow with the length (a hostile or badly split page
// must not stall a worker); compare ns/op across the sizes.
func BenchmarkLongSentence(b *testing.B) {
	x := extract.New(loadDict(b))
	for _, c := range []struct{ name, unit string }{
		{"list", "Hàn Quốc, Nhật Bản và Mỹ hội đàm với Trung Quốc, "},
		{"pair", "ông Kim gặp ông Moon và hai bên "},
	} {
		for _, kb := range []int{16, 64, 256} {
			text := strings.Repeat(c.unit, kb<<10/len(c.unit)+1)
			doc := sukien.Document{ID: "long", Published: "2024-06-18", Text: text}
			b.Run(fmt.Sprintf("%s/%dKB", c.name, kb), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				b.ReportAllocs()
				for b.Loop() {
					x.Extract(doc)
				}
			})
		}
	}
}

// BenchmarkManyEvents extracts pages of n short sentences that each report
// a meeting of the same two states, on a different day ("dates") or by
// different persons ("persons"), so that none merges: every report is
// compared with every event before it. Compare ns/op across the sizes
// (4× the sentences should cost about 4×, not 16×).
func BenchmarkManyEvents(b *testing.B) {
	x := extract.New(loadDict(b))
	syl := []string{"Ba", "Bo", "Ca", "Chi", "Do", "Du", "Ga", "Gi", "Ha", "Ho", "Ja", "Ji", "Ka", "Ki", "La", "Lo", "Ma", "Mi", "Na", "No"}
	page := func(kind string, n int) string {
		var sb strings.Builder
		for i := 0; i < n; i++ {
			if kind == "dates" {
				fmt.Fprintf(&sb, "Ngày %d/%d/%d, Hàn Quốc và Mỹ hội đàm tại Seoul. ", 1+i%28, 1+i/28%12, 2000+i/336)
			} else {
				name := syl[i%20] + strings.ToLower(syl[i/20%20]) + " " + syl[i/400%20]
				fmt.Fprintf(&sb, "Ngoại trưởng Hàn Quốc Kim %s đã gặp Ngoại trưởng Mỹ John %s. ", name, name)
			}
		}
		return sb.String()
	}
	for _, kind := range []string{"dates", "persons"} {
		for _, n := range []int{1000, 4000} {
			text := page(kind, n)
			doc := sukien.Document{ID: "many", Published: "2024-06-18", Text: text}
			b.Run(fmt.Sprintf("%s/%d", kind, n), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				b.ReportAllocs()
				for b.Loop() {
					x.Extract(doc)
				}
			})
		}
	}
}
