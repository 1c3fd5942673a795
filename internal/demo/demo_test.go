package demo

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/sukien/sukien"
)

// goldRecord is one line of gold.jsonl.
type goldRecord struct {
	Doc       string   `json:"doc"`
	Event     string   `json:"event"`
	Mode      string   `json:"mode"`
	Date      *string  `json:"date"`
	Actor     []string `json:"actor"`
	Recipient []string `json:"recipient"`
	Persons   []string `json:"persons"`
	Location  string   `json:"location"`
	Evidence  string   `json:"evidence"`
	Optional  bool     `json:"optional"`
	Note      string   `json:"note"`
}

var ploverTypes = map[string]bool{
	"AGREE": true, "CONSULT": true, "SUPPORT": true, "CONCEDE": true,
	"COOPERATE": true, "AID": true, "RETREAT": true, "REQUEST": true,
	"ACCUSE": true, "REJECT": true, "THREATEN": true, "PROTEST": true,
	"SANCTION": true, "MOBILIZE": true, "COERCE": true, "ASSAULT": true,
}

// lines calls fn for every non-empty line of data with its 1-based number.
func lines(t *testing.T, data []byte, fn func(n int, line []byte)) {
	t.Helper()
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		if len(bytes.TrimSpace(sc.Bytes())) > 0 {
			fn(n, sc.Bytes())
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

func decodeStrict(line []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

func loadDocs(t *testing.T) []sukien.Document {
	t.Helper()
	var docs []sukien.Document
	lines(t, Docs, func(n int, line []byte) {
		var d sukien.Document
		if err := decodeStrict(line, &d); err != nil {
			t.Fatalf("docs.jsonl:%d: %v", n, err)
		}
		docs = append(docs, d)
	})
	return docs
}

func loadGold(t *testing.T) []goldRecord {
	t.Helper()
	var gold []goldRecord
	lines(t, Gold, func(n int, line []byte) {
		var g goldRecord
		if err := decodeStrict(line, &g); err != nil {
			t.Fatalf("gold.jsonl:%d: %v", n, err)
		}
		gold = append(gold, g)
	})
	return gold
}

// parseDate parses the date forms of the guidelines: a day, a day and time,
// a month or a year.
func parseDate(s string) (time.Time, error) {
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("bad date " + s)
}

// normText folds what the guidelines say must not matter when finding
// evidence: Unicode form, underscores of word-segmented text, runs of spaces.
func normText(s string) string {
	s = norm.NFC.String(s)
	s = strings.ReplaceAll(s, "_", " ")
	return strings.Join(strings.Fields(s), " ")
}

func TestDocs(t *testing.T) {
	docs := loadDocs(t)
	if len(docs) < 12 {
		t.Errorf("%d documents, want at least 12", len(docs))
	}
	seen := make(map[string]bool)
	for _, d := range docs {
		if d.ID == "" || d.Text == "" || d.Published == "" {
			t.Errorf("document %q: empty id, text or published", d.ID)
			continue
		}
		if seen[d.ID] {
			t.Errorf("duplicate id %q", d.ID)
		}
		seen[d.ID] = true
		if _, err := parseDate(d.Published); err != nil {
			t.Errorf("%s: published: %v", d.ID, err)
		}
		if !strings.HasPrefix(d.URL, "https://example.vn/") {
			t.Errorf("%s: url %q is not an example.vn address", d.ID, d.URL)
		}
		headline, _, _ := strings.Cut(d.Text, "\n")
		if normText(headline) != normText(d.Title) {
			t.Errorf("%s: first line %q is not the title %q", d.ID, headline, d.Title)
		}
		if n := len(strings.Fields(d.Text)); n < 150 || n > 450 {
			t.Errorf("%s: %d words, want 150-450", d.ID, n)
		}
	}
}

func TestGold(t *testing.T) {
	docs := make(map[string]sukien.Document)
	for _, d := range loadDocs(t) {
		docs[d.ID] = d
	}
	gold := loadGold(t)
	regular := make(map[string]int)
	types := make(map[string]int)
	for i, g := range gold {
		d, ok := docs[g.Doc]
		if !ok {
			t.Errorf("gold line %d: unknown doc %q", i+1, g.Doc)
			continue
		}
		if !ploverTypes[g.Event] {
			t.Errorf("gold line %d: %q is not a PLOVER event type", i+1, g.Event)
		}
		if len(g.Actor) == 0 {
			t.Errorf("gold line %d: no actor", i+1)
		}
		for _, c := range append(append([]string(nil), g.Actor...), g.Recipient...) {
			if !isCode(c) {
				t.Errorf("gold line %d: bad country code %q", i+1, c)
			}
		}
		if g.Evidence == "" && !g.Optional {
			t.Errorf("gold line %d (%s %s): regular record without evidence", i+1, g.Doc, g.Event)
		}
		if g.Evidence != "" && !strings.Contains(normText(d.Text), normText(g.Evidence)) {
			t.Errorf("gold line %d: evidence %q not in %s", i+1, g.Evidence, g.Doc)
		}
		if g.Date != nil {
			date, err := parseDate(*g.Date)
			if err != nil {
				t.Errorf("gold line %d: %v", i+1, err)
			} else if pub, _ := parseDate(d.Published); date.After(pub.AddDate(0, 0, 31)) {
				t.Errorf("gold line %d: date %s long after publication %s", i+1, *g.Date, d.Published)
			}
		}
		if !g.Optional {
			regular[g.Doc]++
			types[g.Event]++
		}
	}
	for id := range docs {
		if regular[id] < 3 {
			t.Errorf("%s: %d regular gold events, want at least 3", id, regular[id])
		}
	}
	for _, ev := range []string{"CONSULT", "AGREE", "SUPPORT", "REQUEST", "ACCUSE", "REJECT",
		"THREATEN", "SANCTION", "MOBILIZE", "COOPERATE"} {
		if types[ev] < 2 {
			t.Errorf("%s: %d regular gold events, want at least 2", ev, types[ev])
		}
	}
}

// isCode reports whether s is an ISO 3166-1 alpha-3 style code (UNO, EUR and
// IGO included).
func isCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// TestOriginal proves the corpus is written afresh: no document shares a run
// of 12 consecutive words with the reference articles in ../../../shared.
func TestOriginal(t *testing.T) {
	const n = 12
	shared := filepath.Join("..", "..", "..", "shared")
	var texts []string
	for _, name := range []string{"eval/dev/docs.jsonl", "corpus/docs.jsonl"} {
		data, err := os.ReadFile(filepath.Join(shared, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			t.Fatal(err)
		}
		lines(t, data, func(ln int, line []byte) {
			var d struct{ Text string }
			if err := json.Unmarshal(line, &d); err != nil {
				t.Fatalf("%s:%d: %v", name, ln, err)
			}
			texts = append(texts, d.Text)
		})
	}
	seeds, _ := filepath.Glob(filepath.Join(shared, "seeds", "*.txt"))
	for _, name := range seeds {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	if len(texts) == 0 {
		t.Skip("reference material not found at " + shared)
	}

	grams := make(map[string]bool)
	for _, text := range texts {
		w := words(text)
		for i := 0; i+n <= len(w); i++ {
			grams[strings.Join(w[i:i+n], " ")] = true
		}
	}
	for _, d := range loadDocs(t) {
		w := words(d.Text)
		for i := 0; i+n <= len(w); i++ {
			if g := strings.Join(w[i:i+n], " "); grams[g] {
				t.Errorf("%s shares %q with the reference material", d.ID, g)
				break
			}
		}
	}
}

// words splits s into lower-case words after NFC, treating underscores and
// punctuation as separators.
func words(s string) []string {
	s = strings.ToLower(norm.NFC.String(s))
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	})
}

func TestWordsFoldsSegmentation(t *testing.T) {
	got := strings.Join(words("Hàn_Quốc  và Triều_Tiên, \"nhất trí\"."), " ")
	if want := "hàn quốc và triều tiên nhất trí"; got != want {
		t.Errorf("words = %q, want %q", got, want)
	}
	if normText("Bình_Nhưỡng \n  ngày 19/6") != "Bình Nhưỡng ngày 19/6" {
		t.Error("normText does not fold underscores and spaces")
	}
}
