// Package serve is the "serve" stage: a web interface and a JSON API over an
// event store. Pages are rendered on the server with html/template, their
// scripts and styles are embedded files (no inline script, so a strict
// Content-Security-Policy holds), and every piece of article text goes
// through html/template's escaping.
//
// The JSON API lives under /api/v1/ and is described by the OpenAPI 3
// document served at /api/v1/openapi.json. Errors are JSON objects
// {"error": {"code": ..., "message": ...}} with the codes of package sukien.
// Writes (POST /api/v1/documents) are refused unless Options.Token is set,
// and then need it as a bearer token.
package serve

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/sukien/sukien"
	"github.com/sukien/sukien/internal/store"
)

// Ingester stores one article after extracting its events. The command
// wiring provides one that runs the extraction pipeline.
type Ingester interface {
	Ingest(ctx context.Context, doc sukien.Document) (store.Result, error)
}

// Options configures a Server.
type Options struct {
	// Token enables the write API; requests must send it as
	// "Authorization: Bearer TOKEN". Empty disables writes.
	Token string
	// Ingester handles POST /api/v1/documents.
	Ingester Ingester
	// Logger receives one line per failed request; nil discards.
	Logger *slog.Logger
	// MaxBodyBytes limits request bodies (default 4 MiB).
	MaxBodyBytes int64
}

// DefaultMaxBodyBytes is the request body limit when Options leaves it 0.
const DefaultMaxBodyBytes = 4 << 20

// Server serves the pages and the API of one store. It is an
// http.Handler, safe for concurrent use.
type Server struct {
	st   *store.Store
	opts Options
	log  *slog.Logger
	mux  *http.ServeMux
	api  []route // the API routes, as documented in openapi.json
}

// route is one registered pattern.
type route struct {
	method, path string
	handler      http.HandlerFunc
}

// New returns a Server over st.
func New(st *store.Store, opts Options) *Server {
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = DefaultMaxBodyBytes
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{st: st, opts: opts, log: log, mux: http.NewServeMux()}
	s.api = []route{
		{"GET", "/api/v1/events", s.apiEvents},
		{"GET", "/api/v1/events/{id}", s.apiEvent},
		{"GET", "/api/v1/actors", s.apiActors},
		{"GET", "/api/v1/actors/{id}", s.apiActor},
		{"GET", "/api/v1/channels", s.apiChannels},
		{"GET", "/api/v1/channels/{id}", s.apiChannel},
		{"GET", "/api/v1/documents", s.apiDocuments},
		{"POST", "/api/v1/documents", s.apiIngest},
		{"GET", "/api/v1/documents/{id}", s.apiDocument},
		{"GET", "/api/v1/search", s.apiSearch},
		{"GET", "/api/v1/stats", s.apiStats},
		{"GET", "/api/v1/network", s.apiNetwork},
		{"GET", "/api/v1/openapi.json", s.apiOpenAPI},
	}
	for _, r := range s.api {
		s.mux.HandleFunc(r.method+" "+r.path, r.handler)
	}
	s.mux.HandleFunc("/api/", s.apiFallback)
	s.pages()
	return s
}

// apiFallback answers API requests no route took: 405 with the allowed
// methods when the path exists, 404 otherwise, both as JSON errors.
func (s *Server) apiFallback(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, rt := range s.api {
		if pathMatches(rt.path, r.URL.Path) {
			allow = append(allow, rt.method)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		s.apiErrorStatus(w, r, http.StatusMethodNotAllowed,
			sukien.Errorf(sukien.EINVALID, "%s %s: method not allowed (allowed: %s)", r.Method, r.URL.Path, strings.Join(allow, ", ")))
		return
	}
	s.apiError(w, r, sukien.Errorf(sukien.ENOTFOUND, "no API endpoint %s %s", r.Method, r.URL.Path))
}

// pathMatches reports whether path fits pattern, whose {name} segments
// match any one segment.
func pathMatches(pattern, path string) bool {
	ps, xs := strings.Split(pattern, "/"), strings.Split(path, "/")
	if len(ps) != len(xs) {
		return false
	}
	for i := range ps {
		if ps[i] != xs[i] && !(strings.HasPrefix(ps[i], "{") && xs[i] != "") {
			return false
		}
	}
	return true
}

// ServeHTTP sets the security headers every response carries and routes
// the request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	// Styles may be inline: the embedded chart libraries inject theirs.
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "+
		"img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	if r.Body != nil {
		r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes)
	}
	s.mux.ServeHTTP(w, r)
}

// Timeouts of NewHTTPServer.
const (
	ReadHeaderTimeout = 10 * time.Second
	ReadTimeout       = 30 * time.Second
	WriteTimeout      = 60 * time.Second
	IdleTimeout       = 2 * time.Minute
	ShutdownTimeout   = 20 * time.Second
)

// NewHTTPServer returns an http.Server for h with timeouts on reads,
// writes and idle connections.
func NewHTTPServer(addr string, h http.Handler, log *slog.Logger) *http.Server {
	srv := &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    64 << 10,
	}
	if log != nil {
		srv.ErrorLog = slog.NewLogLogger(log.Handler(), slog.LevelWarn)
	}
	return srv
}

// Serve serves srv on ln until ctx is done, then shuts down gracefully:
// it stops accepting connections and waits, up to ShutdownTimeout, for the
// requests in flight to finish.
func Serve(ctx context.Context, srv *http.Server, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}
