package serve

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/sukien/sukien"
	"github.com/sukien/sukien/internal/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets
var assetFS embed.FS

//go:embed openapi.json
var openAPI []byte

// assetVersions maps an asset name to a hash of its content, so that asset
// URLs change with their content and can be cached for good.
var assetVersions = func() map[string]string {
	v := map[string]string{}
	fs.WalkDir(assetFS, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := assetFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		v[strings.TrimPrefix(p, "assets/")] = hex.EncodeToString(sum[:6])
		return nil
	})
	return v
}()

// assetURL returns the versioned URL of an embedded asset.
func assetURL(name string) string {
	return "/assets/" + name + "?v=" + assetVersions[name]
}

var funcs = template.FuncMap{
	"asset":     assetURL,
	"quad":      quadClass,
	"date":      func(d *string) string { return deref(d, "—") },
	"summary":   summaryOf,
	"highlight": mentionSegments,
	"snippet":   snippetSegments,
	"actorURL":  func(a sukien.Actor) string { return "/actors/" + url.PathEscape(store.ActorID(a)) },
	"pathEsc":   url.PathEscape,
	"types":     func() []string { return eventTypes },
	"add":       func(a, b int) int { return a + b },
	"join":      strings.Join,
	"list":      func(v ...string) []string { return v },
}

func deref(s *string, def string) string {
	if s == nil || *s == "" {
		return def
	}
	return *s
}

// pageTemplates parses each page with the layout and the partials.
var pageTemplates = func() map[string]*template.Template {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		panic(err)
	}
	out := map[string]*template.Template{}
	for _, n := range names {
		base := strings.TrimSuffix(path.Base(n), ".html")
		if base == "layout" {
			continue
		}
		out[base] = template.Must(template.New(base).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", n))
	}
	return out
}()

// page is what every template receives.
type page struct {
	Lang    string
	L       map[string]string // interface labels in Lang
	Title   string
	Nav     string // the menu entry to mark as current
	Query   url.Values
	Switch  string   // this URL in the other language
	Scripts []string // page scripts, loaded from embedded assets
	Data    any
}

// Q returns a query parameter.
func (p *page) Q(name string) string { return p.Query.Get(name) }

// With returns the current page's query with name set to value (removed
// when value is ""), and offset reset unless it is what changes.
func (p *page) With(name, value string) string {
	q := url.Values{}
	for k, v := range p.Query {
		if k != "lang" {
			q[k] = v
		}
	}
	if name != "offset" {
		q.Del("offset")
	}
	if value == "" {
		q.Del(name)
	} else {
		q.Set(name, value)
	}
	if len(q) == 0 {
		return "?"
	}
	return "?" + q.Encode()
}

// APIQuery is the page's filters as an API query string.
func (p *page) APIQuery() string {
	q := url.Values{}
	for _, k := range []string{"actor", "with", "type", "since", "until", "country", "person", "channel", "persons"} {
		if v := strings.TrimSpace(p.Query.Get(k)); v != "" {
			q.Set(k, v)
		}
	}
	return q.Encode()
}

// newPage sets up the language: ?lang= first (remembered in a cookie),
// then the cookie, then Accept-Language, Vietnamese by default.
func newPage(w http.ResponseWriter, r *http.Request, nav, title string) *page {
	q := r.URL.Query()
	lang := q.Get("lang")
	if lang == "vi" || lang == "en" {
		http.SetCookie(w, &http.Cookie{Name: "lang", Value: lang, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode})
	} else if c, err := r.Cookie("lang"); err == nil && (c.Value == "vi" || c.Value == "en") {
		lang = c.Value
	} else if al := r.Header.Get("Accept-Language"); strings.HasPrefix(al, "en") {
		lang = "en"
	} else {
		lang = "vi"
	}
	other := "en"
	if lang == "en" {
		other = "vi"
	}
	sw := url.Values{}
	for k, v := range q {
		sw[k] = v
	}
	sw.Set("lang", other)
	return &page{Lang: lang, L: labels[lang], Title: title, Nav: nav, Query: q, Switch: r.URL.Path + "?" + sw.Encode()}
}

// render executes a page into a buffer first, so that a template error
// becomes a clean 500 and the response gets an ETag.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p *page) {
	t := pageTemplates[name]
	var buf bytes.Buffer
	if t == nil {
		s.pageError(w, r, sukien.Errorf(sukien.EINTERNAL, "no template %q", name))
		return
	}
	if p.Title == "" {
		p.Title = p.L[name]
	}
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		s.log.Error("render", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Vary", "Cookie, Accept-Language")
	if status != http.StatusOK {
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(status)
		w.Write(buf.Bytes())
		return
	}
	writeCached(w, r, buf.Bytes(), "no-cache")
}

// pageError shows err on an HTML page with the status its code implies.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	code := sukien.ErrorCode(err)
	status := statusOf(code)
	msg := sukien.ErrorMessage(err)
	if status >= 500 {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		msg = "internal error"
	}
	p := newPage(w, r, "", "")
	p.Title = strconv.Itoa(status) + " " + http.StatusText(status)
	p.Data = struct {
		Status  int
		Code    string
		Message string
	}{status, code, msg}
	s.render(w, r, status, "error", p)
}

func (s *Server) pages() {
	s.mux.HandleFunc("GET /{$}", s.overviewPage)
	s.mux.HandleFunc("GET /timeline", s.timelinePage)
	s.mux.HandleFunc("GET /network", s.networkPage)
	s.mux.HandleFunc("GET /events", s.eventsPage)
	s.mux.HandleFunc("GET /events/{id}", s.eventPage)
	s.mux.HandleFunc("GET /documents", s.documentsPage)
	s.mux.HandleFunc("GET /documents/{id}", s.documentPage)
	s.mux.HandleFunc("GET /actors", s.actorsPage)
	s.mux.HandleFunc("GET /actors/{id}", s.actorPage)
	s.mux.HandleFunc("GET /channels", s.channelsPage)
	s.mux.HandleFunc("GET /channels/{id}", s.channelPage)
	s.mux.HandleFunc("GET /search", s.searchPage)
	s.mux.HandleFunc("GET /assets/{name...}", s.asset)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.pageError(w, r, sukien.Errorf(sukien.ENOTFOUND, "no page %s", r.URL.Path))
	})
}

// asset serves an embedded file; a URL with the current version is
// cached for a year.
func (s *Server) asset(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	b, err := assetFS.ReadFile("assets/" + name)
	if err != nil || name == "" {
		http.NotFound(w, r)
		return
	}
	switch path.Ext(name) {
	case ".js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	case ".css":
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
	default:
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	}
	cache := "no-cache"
	if v := r.URL.Query().Get("v"); v != "" && v == assetVersions[name] {
		cache = "public, max-age=31536000, immutable"
	}
	writeCached(w, r, b, cache)
}

// overview is the data of the home page.
type overview struct {
	Stats     *store.Stats
	Documents int
	Events    []store.Event
	Actors    []store.ActorStat
	MaxType   int
	MaxMonth  int
}

func (s *Server) overviewPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := newPage(w, r, "overview", "")
	f, err := filterOf(p.Query)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var o overview
	if o.Stats, err = s.stats(ctx, f); err != nil {
		s.pageError(w, r, err)
		return
	}
	f.Limit = 10
	if o.Events, _, err = s.st.Events(ctx, f); err != nil {
		s.pageError(w, r, err)
		return
	}
	if o.Documents, err = s.documentCount(ctx); err != nil {
		s.pageError(w, r, err)
		return
	}
	if o.Actors, err = s.actors(ctx); err != nil {
		s.pageError(w, r, err)
		return
	}
	o.Actors = o.Actors[:min(len(o.Actors), 12)]
	if len(o.Stats.ByPair) > 12 {
		o.Stats.ByPair = o.Stats.ByPair[:12]
	}
	for _, c := range o.Stats.ByType {
		o.MaxType = max(o.MaxType, c.N)
	}
	for _, c := range o.Stats.ByMonth {
		o.MaxMonth = max(o.MaxMonth, c.N)
	}
	p.Data = o
	s.render(w, r, http.StatusOK, "overview", p)
}

// eventList is a page of events with its paging.
type eventList struct {
	Events             []store.Event
	Total, From, To    int
	PrevOffset, Offset int
	NextOffset         int // -1 on the last page
}

func (s *Server) events(ctx context.Context, q url.Values, limit int) (*eventList, error) {
	f, err := filterOf(q)
	if err != nil {
		return nil, err
	}
	if q.Get("limit") == "" {
		f.Limit = limit
	}
	evs, total, err := s.st.Events(ctx, f)
	if err != nil {
		return nil, err
	}
	l := &eventList{Events: evs, Total: total, Offset: f.Offset, From: f.Offset + 1, To: f.Offset + len(evs),
		PrevOffset: max(f.Offset-f.Limit, 0), NextOffset: -1}
	if f.Offset+len(evs) < total {
		l.NextOffset = f.Offset + f.Limit
	}
	return l, nil
}

func (s *Server) timelinePage(w http.ResponseWriter, r *http.Request) {
	p := newPage(w, r, "timeline", "")
	l, err := s.events(r.Context(), p.Query, 200)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p.Data, p.Scripts = l, []string{"vendor/vis-timeline-graph2d.min.js", "timeline.js"}
	s.render(w, r, http.StatusOK, "timeline", p)
}

func (s *Server) networkPage(w http.ResponseWriter, r *http.Request) {
	p := newPage(w, r, "network", "")
	g, err := s.network(r.Context(), p.Query)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p.Data, p.Scripts = g, []string{"vendor/vis-network.min.js", "network.js"}
	s.render(w, r, http.StatusOK, "network", p)
}

func (s *Server) eventsPage(w http.ResponseWriter, r *http.Request) {
	p := newPage(w, r, "events", "")
	l, err := s.events(r.Context(), p.Query, 50)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p.Data = l
	s.render(w, r, http.StatusOK, "events", p)
}

func (s *Server) eventPage(w http.ResponseWriter, r *http.Request) {
	ev, err := s.st.Event(r.Context(), r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p := newPage(w, r, "events", summaryOf(ev))
	p.Data = ev
	s.render(w, r, http.StatusOK, "event", p)
}

type documentList struct {
	Documents                      []store.Document
	Total, From, To                int
	PrevOffset, Offset, NextOffset int
}

func (s *Server) documentsPage(w http.ResponseWriter, r *http.Request) {
	p := newPage(w, r, "documents", "")
	limit, offset, err := paging(p.Query, 50)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	docs, total, err := s.st.Documents(r.Context(), limit, offset)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	l := documentList{Documents: docs, Total: total, Offset: offset, From: offset + 1, To: offset + len(docs),
		PrevOffset: max(offset-limit, 0), NextOffset: -1}
	if offset+len(docs) < total {
		l.NextOffset = offset + limit
	}
	p.Data = l
	s.render(w, r, http.StatusOK, "documents", p)
}

// documentView is a document with its text cut for display.
type documentView struct {
	*store.Document
	Segments []docSegment
	Events   []eventLink
}

func (s *Server) documentPage(w http.ResponseWriter, r *http.Request) {
	d, err := s.st.Document(r.Context(), r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := documentView{Document: d, Segments: docSegments(d.Original, d.Sentences, d.Removed, d.Mentions)}
	for _, m := range d.Mentions {
		if !containsLink(v.Events, m.EventID) {
			v.Events = append(v.Events, eventLink{m.EventID, m.Event, quadClass(m.Event)})
		}
	}
	title := d.Title
	if title == "" {
		title = d.ID
	}
	p := newPage(w, r, "documents", title)
	p.Data = v
	s.render(w, r, http.StatusOK, "document", p)
}

func (s *Server) actorsPage(w http.ResponseWriter, r *http.Request) {
	p := newPage(w, r, "actors", "")
	actors, err := s.actors(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if kind := p.Q("kind"); kind != "" {
		kept := actors[:0]
		for _, a := range actors {
			if a.Kind == kind {
				kept = append(kept, a)
			}
		}
		actors = kept
	}
	p.Data = actors
	s.render(w, r, http.StatusOK, "actors", p)
}

func (s *Server) actorPage(w http.ResponseWriter, r *http.Request) {
	prof, err := s.actorProfile(r.Context(), r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p := newPage(w, r, "actors", prof.Actor.Name)
	p.Data = prof
	s.render(w, r, http.StatusOK, "actor", p)
}

func (s *Server) channelsPage(w http.ResponseWriter, r *http.Request) {
	p := newPage(w, r, "channels", "")
	chs, err := s.st.Channels(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p.Data = chs
	s.render(w, r, http.StatusOK, "channels", p)
}

func (s *Server) channelPage(w http.ResponseWriter, r *http.Request) {
	ch, err := s.st.Channel(r.Context(), r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p := newPage(w, r, "channels", ch.Name)
	p.Data, p.Scripts = ch, []string{"vendor/vis-timeline-graph2d.min.js", "timeline.js"}
	s.render(w, r, http.StatusOK, "channel", p)
}

// searchView is the data of the search page.
type searchView struct {
	Query string
	Hits  []store.Hit
	Err   string
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	p := newPage(w, r, "search", "")
	v := searchView{Query: strings.TrimSpace(p.Q("q"))}
	if v.Query != "" {
		hits, err := s.search(r.Context(), v.Query, 50)
		switch {
		case sukien.ErrorCode(err) == sukien.EINVALID:
			v.Err = sukien.ErrorMessage(err)
		case err != nil:
			s.pageError(w, r, err)
			return
		}
		v.Hits = hits
	}
	p.Data = v
	s.render(w, r, http.StatusOK, "search", p)
}
