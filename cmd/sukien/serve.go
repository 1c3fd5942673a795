package main

import (
	"context"
	"fmt"
	"net"
	"os"

	"github.com/sukien/sukien"
	"github.com/sukien/sukien/internal/extract"
	"github.com/sukien/sukien/internal/serve"
	"github.com/sukien/sukien/internal/store"
)

// defaultAddr listens on the loopback interface only: exposing the server
// is a deliberate choice.
const defaultAddr = "127.0.0.1:8080"

func (m *Main) runServe(ctx context.Context, args []string) error {
	fs := m.newFlags("serve", "[--db DSN] [--addr HOST:PORT] [--token TOKEN] [--max-inflight N] [--cache-ttl D] [--dict DIR]")
	var sf storeFlags
	sf.register(fs)
	addr := fs.String("addr", defaultAddr, "address to listen on")
	token := fs.String("token", "", "enable POST /api/v1/documents for clients sending this bearer token (default $SUKIEN_TOKEN)")
	inflight := fs.Int("max-inflight", 0, "requests served at once; more wait up to 8s, then get 503 (default 4 per CPU; -1: no bound)")
	cacheTTL := fs.Duration("cache-ttl", serve.DefaultCacheTTL, "how long aggregates, the network and searches are remembered (0: not at all)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{"serve takes no arguments"}
	}
	if *token == "" {
		*token = os.Getenv("SUKIEN_TOKEN")
	}
	st, d, err := m.openStore(ctx, sf)
	if err != nil {
		return err
	}
	defer st.Close()
	ttl := *cacheTTL
	if ttl == 0 {
		ttl = -1 // serve.Options: negative turns the cache off
	}
	return m.serveStore(ctx, st, *addr, serve.Options{Token: *token, Ingester: NewIngester(st, extract.New(d)),
		MaxInFlight: *inflight, CacheTTL: ttl})
}

// serveStore serves st on addr until ctx is done (SIGINT, SIGTERM), then
// shuts down gracefully. An empty token keeps the write API off; ing may
// be nil when there is no token.
func (m *Main) serveStore(ctx context.Context, st *store.Store, addr string, opts serve.Options) error {
	token := opts.Token
	if token == "" {
		opts.Ingester = nil
	}
	opts.Logger = m.Logger
	h := serve.New(st, opts)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	writes := "off (start with --token to enable POST /api/v1/documents)"
	if token != "" {
		writes = "on, with the bearer token"
	}
	fmt.Fprintf(m.Stderr, "sukien: serving on http://%s/ (writes %s); Ctrl-C stops\n", ln.Addr(), writes)
	err = serve.Serve(ctx, serve.NewHTTPServer(addr, h, m.Logger), ln)
	if err == nil {
		fmt.Fprintln(m.Stderr, "sukien: server stopped")
	}
	return err
}

// extractIngester stores one document after running the extraction
// pipeline on it.
type extractIngester struct {
	st *store.Store
	x  *extract.Extractor
}

// NewIngester returns the serve.Ingester that extracts a document with x
// and stores it in st.
func NewIngester(st *store.Store, x *extract.Extractor) serve.Ingester {
	return extractIngester{st, x}
}

func (e extractIngester) Ingest(ctx context.Context, doc sukien.Document) (store.Result, error) {
	res := e.x.Extract(doc)
	return e.st.Ingest(ctx, []store.Article{store.ArticleOf(doc, res.Doc, res.Events)})
}
