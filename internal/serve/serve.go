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
	"runtime"
	"strconv"
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
	// MaxInFlight bounds the requests served at once (default four per
	// CPU; negative: no bound). A request that finds no room within
	// QueueWait gets 503 with Retry-After instead of queueing until it
	// times out. Static assets are not counted.
	MaxInFlight int
	// QueueWait is how long a request waits for room (default 8s: under
	// most clients' timeouts, so that a burst queues and only sustained
	// overload is refused).
	QueueWait time.Duration
	// CacheTTL is how long aggregates, the network and searches are
	// remembered (default 15s; negative: not at all).
	CacheTTL time.Duration
}

// Defaults of Options.
const (
	DefaultMaxBodyBytes = 4 << 20
	DefaultQueueWait    = 8 * time.Second
	DefaultCacheTTL     = 15 * time.Second
)

// Server serves the pages and the API of one store. It is an
// http.Handler, safe for concurrent use.
type Server struct {
	st   *store.Store
	opts Options
	log  *slog.Logger
	mux  *http.ServeMux
	api  []route // the API routes, as documented in openapi.json

	slots chan struct{} // one per request in flight; nil: no bound
	memo  *memo
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
	if opts.MaxInFlight == 0 {
		opts.MaxInFlight = 4 * runtime.GOMAXPROCS(0)
	}
	if opts.QueueWait <= 0 {
		opts.QueueWait = DefaultQueueWait
	}
	if opts.CacheTTL == 0 {
		opts.CacheTTL = DefaultCacheTTL
	}
	s := &Server{st: st, opts: opts, log: log, mux: http.NewServeMux(), memo: newMemo(opts.CacheTTL)}
	if opts.MaxInFlight > 0 {
		s.slots = make(chan struct{}, opts.MaxInFlight)
	}
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
	if s.slots != nil && !strings.HasPrefix(r.URL.Path, "/assets/") {
		if !s.admit(r) {
			s.busy(w, r)
			return
		}
		defer func() { <-s.slots }()
	}
	s.mux.ServeHTTP(w, r)
}

// admit waits up to QueueWait for room to serve r.
func (s *Server) admit(r *http.Request) bool {
	select {
	case s.slots <- struct{}{}:
		return true
	default:
	}
	t := time.NewTimer(s.opts.QueueWait)
	defer t.Stop()
	select {
	case s.slots <- struct{}{}:
		return true
	case <-t.C:
		return false
	case <-r.Context().Done():
		return false
	}
}

// retryAfterSeconds is what a refused client is told to wait: the queue
// turns over in well under a second at the rates measured in docs/LOAD.md.
const retryAfterSeconds = 2

// busy refuses a request quickly when the server is full: a client that
// retries later does better than one that waits for a timeout.
func (s *Server) busy(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Retry-After", strconv.Itoa(retryAfterSeconds))
	err := sukien.Errorf(sukien.EINTERNAL, "server busy: %d requests in flight; retry shortly", cap(s.slots))
	if strings.HasPrefix(r.URL.Path, "/api/") {
		s.apiErrorStatus(w, r, http.StatusServiceUnavailable, err)
		return
	}
	http.Error(w, err.Error(), http.StatusServiceUnavailable)
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
