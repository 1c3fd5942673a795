// Command gencorpus writes a large synthetic corpus for benchmarks by
// recombining the sentences of the built-in demo corpus:
//
//	go run ./scripts/gencorpus -n 200000 -out bench/out/corpus
//
// Each document has a title line taken from a demo headline and 8–30 body
// sentences drawn at random, in paragraphs of one to four sentences, with
// an id and a publication date between 2018 and 2025. The output, JSON
// Lines split over -shards files, depends only on -n, -shards and -seed.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/sukien/sukien"
	"github.com/sukien/sukien/internal/demo"
	"github.com/sukien/sukien/internal/text"
)

func main() {
	n := flag.Int("n", 200000, "number of documents")
	out := flag.String("out", "bench/out/corpus", "output directory")
	shards := flag.Int("shards", 10, "number of JSON Lines files")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if err := run(*n, *shards, *seed, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

// pool is the material documents are built from.
type pool struct {
	titles    []string
	sentences []string
}

func loadPool() (*pool, error) {
	p := &pool{}
	for line := range bytes.Lines(demo.Docs) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var d sukien.Document
		if err := json.Unmarshal(line, &d); err != nil {
			return nil, fmt.Errorf("demo corpus: %v", err)
		}
		if d.Title != "" {
			p.titles = append(p.titles, d.Title)
		}
		td := text.Prepare(d.Text)
		for i, s := range td.Sentences {
			if s.Kind == text.Body {
				p.sentences = append(p.sentences, td.Sentence(i))
			}
		}
	}
	if len(p.titles) == 0 || len(p.sentences) == 0 {
		return nil, errors.New("demo corpus has no titles or sentences")
	}
	return p, nil
}

// document builds document i from the next draws of r.
func (p *pool) document(r *rand.Rand, i int, sb *strings.Builder) sukien.Document {
	title := p.titles[r.IntN(len(p.titles))]
	sb.Reset()
	sb.WriteString(title)
	para := 0
	for k := 8 + r.IntN(23); k > 0; k-- {
		if para == 0 {
			sb.WriteByte('\n')
			para = 1 + r.IntN(4)
		} else {
			sb.WriteByte(' ')
		}
		sb.WriteString(p.sentences[r.IntN(len(p.sentences))])
		para--
	}
	return sukien.Document{
		ID:        fmt.Sprintf("gen-%07d", i),
		Published: fmt.Sprintf("%d-%02d-%02d", 2018+r.IntN(8), 1+r.IntN(12), 1+r.IntN(28)),
		Outlet:    "Báo Tổng Hợp",
		URL:       fmt.Sprintf("https://example.vn/bai/%d", i),
		Title:     title,
		Text:      sb.String(),
	}
}

func run(n, shards int, seed uint64, dir string) error {
	if n < 0 || shards < 1 {
		return errors.New("-n must be >= 0 and -shards >= 1")
	}
	p, err := loadPool()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var sb strings.Builder
	var total int64
	next := 0
	for s := 0; s < shards; s++ {
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("shard-%03d.jsonl", s)))
		if err != nil {
			return err
		}
		w := bufio.NewWriterSize(f, 1<<20)
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for end := (s + 1) * n / shards; next < end; next++ {
			d := p.document(r, next, &sb)
			total += int64(len(d.Text))
			if err := enc.Encode(d); err != nil {
				f.Close()
				return err
			}
		}
		if err := w.Flush(); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "gencorpus: %d documents, %d bytes of text, in %d files under %s\n", n, total, shards, dir)
	return nil
}
