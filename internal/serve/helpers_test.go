package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/sukien/sukien"
	"github.com/sukien/sukien/internal/demo"
	"github.com/sukien/sukien/internal/dict"
	"github.com/sukien/sukien/internal/extract"
	"github.com/sukien/sukien/internal/store"
)

// hostileDoc is an article whose title and text carry markup: every page
// must show it as text.
var hostileDoc = sukien.Document{
	ID:        "test-hostile",
	Published: "2018-06-13",
	Outlet:    "Báo <b>Thử</b>",
	URL:       "javascript:alert(1)",
	Title:     `Thượng đỉnh <script>window.__pwned=1</script> Singapore`,
	Text: "Thượng đỉnh <script>window.__pwned=1</script> Singapore\n" +
		"Ngày 12/6/2018, Tổng thống Mỹ Donald Trump và nhà lãnh đạo Triều Tiên Kim Jong-un đã hội đàm tại Singapore <script>window.__pwned=2</script>.\n" +
		"Hai bên ký một tuyên bố chung <img src=x onerror=\"window.__pwned=3\"> về phi hạt nhân hóa.\n",
}

// extractor is built once: loading the dictionaries takes a moment.
var extractor = sync.OnceValues(func() (*extract.Extractor, error) {
	d, errs := dict.Load()
	if d == nil {
		return nil, errs[0]
	}
	return extract.New(d), nil
})

// demoDocs returns the built-in demo corpus and the hostile article.
func demoDocs(t testing.TB) []sukien.Document {
	t.Helper()
	var docs []sukien.Document
	sc := bufio.NewScanner(bytes.NewReader(demo.Docs))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var d sukien.Document
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	if len(docs) == 0 {
		t.Fatal("empty demo corpus")
	}
	return append(docs, hostileDoc)
}

// testIngester runs the extraction pipeline, as the command's does.
type testIngester struct{ st *store.Store }

func (ti testIngester) Ingest(ctx context.Context, doc sukien.Document) (store.Result, error) {
	x, err := extractor()
	if err != nil {
		return store.Result{}, err
	}
	res := x.Extract(doc)
	return ti.st.Ingest(ctx, []store.Article{store.ArticleOf(doc, res.Doc, res.Events)})
}

// newDemoStore builds a SQLite store of the demo corpus in dir.
func newDemoStore(t testing.TB, dir string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(dir, "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	x, err := extractor()
	if err != nil {
		t.Fatal(err)
	}
	var batch []store.Article
	for _, doc := range demoDocs(t) {
		res := x.Extract(doc)
		batch = append(batch, store.ArticleOf(doc, res.Doc, res.Events))
	}
	if _, err := st.Ingest(context.Background(), batch); err != nil {
		t.Fatal(err)
	}
	st.SetChannels([]store.ChannelDef{{ID: "test-channel", Name: "Kênh thử", Members: []string{"KOR", "USA"}}})
	return st
}

// shared is one demo store for the read-only tests of the package.
var shared struct {
	once sync.Once
	st   *store.Store
	dir  string
}

func sharedStore(t testing.TB) *store.Store {
	t.Helper()
	shared.once.Do(func() {
		dir, err := os.MkdirTemp("", "sukien-serve-test")
		if err != nil {
			t.Fatal(err)
		}
		shared.dir = dir
		shared.st = newDemoStore(t, dir)
	})
	if shared.st == nil {
		t.Fatal("the shared demo store could not be built")
	}
	return shared.st
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.st != nil {
		shared.st.Close()
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}
