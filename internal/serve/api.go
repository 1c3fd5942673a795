package serve

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/sukien/sukien"
	"github.com/sukien/sukien/internal/store"
)

// Paging limits of the list endpoints.
const (
	defaultLimit = 100
	maxLimit     = 5000
)

// list is the envelope of a paged list.
type list[T any] struct {
	Items  []T `json:"items"`
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

func newList[T any](items []T, total, limit, offset int) list[T] {
	if items == nil {
		items = []T{}
	}
	return list[T]{items, total, limit, offset}
}

// filterOf reads the event filter from query parameters, the same names
// as the CLI flags.
func filterOf(q url.Values) (store.EventFilter, error) {
	f := store.EventFilter{
		Actor:   strings.TrimSpace(q.Get("actor")),
		With:    strings.TrimSpace(q.Get("with")),
		Type:    strings.ToUpper(strings.TrimSpace(q.Get("type"))),
		Since:   strings.TrimSpace(q.Get("since")),
		Until:   strings.TrimSpace(q.Get("until")),
		Country: strings.TrimSpace(q.Get("country")),
		Person:  strings.TrimSpace(q.Get("person")),
		Channel: strings.TrimSpace(q.Get("channel")),
	}
	var err error
	f.Limit, f.Offset, err = paging(q, defaultLimit)
	return f, err
}

// paging reads limit and offset.
func paging(q url.Values, def int) (limit, offset int, err error) {
	limit, offset = def, 0
	if v := q.Get("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > maxLimit {
			return 0, 0, sukien.Errorf(sukien.EINVALID, "limit: want a number from 1 to %d, not %q", maxLimit, v)
		}
	}
	if v := q.Get("offset"); v != "" {
		if offset, err = strconv.Atoi(v); err != nil || offset < 0 {
			return 0, 0, sukien.Errorf(sukien.EINVALID, "offset: want a number from 0, not %q", v)
		}
	}
	return limit, offset, nil
}

// statusOf maps an error code to an HTTP status.
func statusOf(code string) int {
	switch code {
	case sukien.EINVALID:
		return http.StatusBadRequest
	case sukien.ENOTFOUND:
		return http.StatusNotFound
	case sukien.ECONFLICT:
		return http.StatusConflict
	case sukien.EUNAUTH:
		return http.StatusUnauthorized
	}
	return http.StatusInternalServerError
}

// apiErrorBody is the JSON of every API error.
type apiErrorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// apiError writes err as JSON with the status its code implies. Internal
// errors are logged and shown only as "internal error".
func (s *Server) apiError(w http.ResponseWriter, r *http.Request, err error) {
	s.apiErrorStatus(w, r, 0, err)
}

func (s *Server) apiErrorStatus(w http.ResponseWriter, r *http.Request, status int, err error) {
	var body apiErrorBody
	body.Error.Code, body.Error.Message = sukien.ErrorCode(err), sukien.ErrorMessage(err)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		status, body.Error.Code = http.StatusRequestEntityTooLarge, sukien.EINVALID
		body.Error.Message = "request body larger than " + strconv.FormatInt(tooBig.Limit, 10) + " bytes"
	}
	if status == 0 {
		status = statusOf(body.Error.Code)
	}
	if status >= 500 {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(body)
}

// writeJSON encodes v with an ETag, answering 304 when the client has it.
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		s.apiError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if status == http.StatusOK {
		writeCached(w, r, buf.Bytes(), "no-cache")
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// writeCached writes body with a strong ETag of its content, or 304 Not
// Modified when the request's If-None-Match names it. "no-cache" lets
// clients keep a copy but revalidate it on every use: the store changes
// when documents are ingested.
func writeCached(w http.ResponseWriter, r *http.Request, body []byte, cacheControl string) {
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:16]) + `"`
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", cacheControl)
	if match := r.Header.Get("If-None-Match"); match != "" && etagMatch(match, etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// etagMatch reports whether an If-None-Match header names etag.
func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}

func (s *Server) apiEvents(w http.ResponseWriter, r *http.Request) {
	f, err := filterOf(r.URL.Query())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	evs, total, err := s.st.Events(r.Context(), f)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, newList(evs, total, f.Limit, f.Offset))
}

func (s *Server) apiEvent(w http.ResponseWriter, r *http.Request) {
	ev, err := s.st.Event(r.Context(), r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, ev)
}

func (s *Server) apiActors(w http.ResponseWriter, r *http.Request) {
	actors, err := s.actors(r.Context())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	limit, offset, err := paging(r.URL.Query(), maxLimit)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	total := len(actors)
	actors = actors[min(offset, total):min(offset+limit, total)]
	s.writeJSON(w, r, http.StatusOK, newList(actors, total, limit, offset))
}

func (s *Server) apiActor(w http.ResponseWriter, r *http.Request) {
	p, err := s.actorProfile(r.Context(), r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, p)
}

func (s *Server) apiChannels(w http.ResponseWriter, r *http.Request) {
	chs, err := s.st.Channels(r.Context())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, newList(chs, len(chs), len(chs), 0))
}

func (s *Server) apiChannel(w http.ResponseWriter, r *http.Request) {
	ch, err := s.st.Channel(r.Context(), r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, ch)
}

func (s *Server) apiDocuments(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := paging(r.URL.Query(), defaultLimit)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	docs, total, err := s.st.Documents(r.Context(), limit, offset)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, newList(docs, total, limit, offset))
}

func (s *Server) apiDocument(w http.ResponseWriter, r *http.Request) {
	d, err := s.st.Document(r.Context(), r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, d)
}

// searchResult is the body of GET /api/v1/search.
type searchResult struct {
	Query string      `json:"query"`
	Hits  []store.Hit `json:"hits"`
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, _, err := paging(q, 20)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	hits, err := s.search(r.Context(), q.Get("q"), limit)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, searchResult{q.Get("q"), hits})
}

func (s *Server) apiStats(w http.ResponseWriter, r *http.Request) {
	f, err := filterOf(r.URL.Query())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	st, err := s.stats(r.Context(), f)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, st)
}

func (s *Server) apiNetwork(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	g, err := s.network(r.Context(), q)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, g)
}

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	writeCached(w, r, openAPI, "public, max-age=3600")
}

// ingestResult is the body of a successful POST /api/v1/documents.
type ingestResult struct {
	ID     string       `json:"id"`
	Result store.Result `json:"result"`
}

// apiIngest stores one article sent as a JSON sukien.Document.
func (s *Server) apiIngest(w http.ResponseWriter, r *http.Request) {
	if s.opts.Token == "" || s.opts.Ingester == nil {
		s.apiErrorStatus(w, r, http.StatusForbidden, sukien.Errorf(sukien.EUNAUTH, "writes are disabled: start the server with --token"))
		return
	}
	if !s.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="sukien"`)
		s.apiError(w, r, sukien.Errorf(sukien.EUNAUTH, "missing or wrong bearer token"))
		return
	}
	var doc sukien.Document
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.apiError(w, r, err)
			return
		}
		s.apiError(w, r, sukien.Errorf(sukien.EINVALID, "body: want one JSON document object: %v", err))
		return
	}
	if strings.TrimSpace(doc.Text) == "" {
		s.apiError(w, r, sukien.Errorf(sukien.EINVALID, "text: the article text is empty"))
		return
	}
	if doc.ID = strings.TrimSpace(doc.ID); doc.ID == "" {
		sum := sha256.Sum256([]byte(doc.Title + "\x00" + doc.Text))
		doc.ID = "web-" + hex.EncodeToString(sum[:6])
	}
	doc.Source = "api"
	res, err := s.opts.Ingester.Ingest(r.Context(), doc)
	s.memo.clear()
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	status := http.StatusCreated
	if res.Added == 0 && res.Replaced == 0 {
		status = http.StatusOK
	}
	w.Header().Set("Location", "/api/v1/documents/"+url.PathEscape(doc.ID))
	s.writeJSON(w, r, status, ingestResult{doc.ID, res})
}

// authorized compares the bearer token in constant time.
func (s *Server) authorized(r *http.Request) bool {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(s.opts.Token)) == 1
}
