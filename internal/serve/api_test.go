package serve

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/sukien/sukien/internal/store"
)

// get runs a request against h and returns the recorder.
func get(t *testing.T, h http.Handler, target string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest("GET", target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// getJSON requests target, checks the status and decodes the body into v.
func getJSON(t *testing.T, h http.Handler, target string, status int, v any) {
	t.Helper()
	rec := get(t, h, target)
	if rec.Code != status {
		t.Fatalf("GET %s: status %d, want %d; body %s", target, rec.Code, status, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("GET %s: Content-Type %q", target, ct)
	}
	if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
}

func TestAPIEvents(t *testing.T) {
	h := New(sharedStore(t), Options{})
	var all list[store.Event]
	getJSON(t, h, "/api/v1/events?limit=5000", 200, &all)
	if all.Total < 20 || len(all.Items) != all.Total {
		t.Fatalf("got %d of %d events from the demo corpus", len(all.Items), all.Total)
	}
	var consult list[store.Event]
	getJSON(t, h, "/api/v1/events?type=consult&limit=5000", 200, &consult)
	if consult.Total == 0 || consult.Total >= all.Total {
		t.Fatalf("type=consult selects %d of %d", consult.Total, all.Total)
	}
	for _, ev := range consult.Items {
		if ev.Event != "CONSULT" {
			t.Errorf("type=consult returned a %s event", ev.Event)
		}
	}
	var page list[store.Event]
	getJSON(t, h, "/api/v1/events?limit=3&offset=2", 200, &page)
	if len(page.Items) != 3 || page.Total != all.Total || page.Items[0].ID != all.Items[2].ID {
		t.Errorf("limit=3&offset=2: %d items, total %d, first %s; want 3, %d, %s",
			len(page.Items), page.Total, page.Items[0].ID, all.Total, all.Items[2].ID)
	}
	var since list[store.Event]
	getJSON(t, h, "/api/v1/events?since=2019&until=2019&limit=5000", 200, &since)
	if since.Total == 0 || since.Total >= all.Total {
		t.Errorf("since=2019&until=2019 selects %d of %d", since.Total, all.Total)
	}
	for _, ev := range since.Items {
		if ev.Date != nil && !strings.HasPrefix(*ev.Date, "2019") {
			t.Errorf("2019 filter returned an event of %s", *ev.Date)
		}
	}
}

func TestAPIErrors(t *testing.T) {
	h := New(sharedStore(t), Options{})
	for _, tc := range []struct {
		target string
		status int
		code   string
	}{
		{"/api/v1/events?since=last-year", 400, "invalid"},
		{"/api/v1/events?limit=0", 400, "invalid"},
		{"/api/v1/events?offset=-1", 400, "invalid"},
		{"/api/v1/events/no-such-event", 404, "not_found"},
		{"/api/v1/documents/no-such-doc", 404, "not_found"},
		{"/api/v1/actors/Nobody%20At%20All", 404, "not_found"},
		{"/api/v1/channels/no-such-channel", 404, "not_found"},
		{"/api/v1/search?q=", 400, "invalid"},
		{"/api/v1/events?country=Atlantis", 404, "not_found"},
		{"/api/v1/nothing-here", 404, "not_found"},
	} {
		var body apiErrorBody
		getJSON(t, h, tc.target, tc.status, &body)
		if body.Error.Code != tc.code || body.Error.Message == "" {
			t.Errorf("%s: error %+v, want code %s and a message", tc.target, body.Error, tc.code)
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("DELETE", "/api/v1/events", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("DELETE /api/v1/events: status %d, want 405", rec.Code)
	}
}

func TestAPIEventAndDocument(t *testing.T) {
	h := New(sharedStore(t), Options{})
	var all list[store.Event]
	getJSON(t, h, "/api/v1/events?limit=1", 200, &all)
	var ev store.Event
	getJSON(t, h, "/api/v1/events/"+url.PathEscape(all.Items[0].ID), 200, &ev)
	if ev.ID != all.Items[0].ID || len(ev.Mentions) == 0 {
		t.Fatalf("event %s: %d mentions", ev.ID, len(ev.Mentions))
	}
	m := ev.Mentions[0]
	var doc store.Document
	getJSON(t, h, "/api/v1/documents/"+url.PathEscape(m.Doc), 200, &doc)
	if doc.Original == "" || len(doc.Sentences) == 0 || len(doc.Mentions) == 0 {
		t.Fatalf("document %s lacks text, sentences or mentions", m.Doc)
	}
	// The mention's offsets point at its sentence in the original text.
	if got := string([]rune(doc.Original)[m.Start:m.End]); got != m.Sentence {
		t.Errorf("original[%d:%d] = %q, want the sentence %q", m.Start, m.End, got, m.Sentence)
	}
	var docs list[store.Document]
	getJSON(t, h, "/api/v1/documents?limit=2", 200, &docs)
	if len(docs.Items) != 2 || docs.Total < 18 {
		t.Errorf("documents: %d items of %d", len(docs.Items), docs.Total)
	}
}

func TestAPIActor(t *testing.T) {
	h := New(sharedStore(t), Options{})
	var p profile
	getJSON(t, h, "/api/v1/actors/moon-jae-in", 200, &p)
	if p.Actor.Kind != "person" || len(p.Events) == 0 || len(p.Counterparts) == 0 {
		t.Fatalf("moon-jae-in: kind %q, %d events, %d counterparts", p.Actor.Kind, len(p.Events), len(p.Counterparts))
	}
	if len(p.Titles) == 0 {
		t.Error("no title read for Moon Jae-in")
	}
	for _, c := range p.Counterparts {
		if c.ID == "moon-jae-in" {
			t.Error("an actor is its own counterpart")
		}
	}
	for i := 1; i < len(p.Events); i++ {
		if dateOf(&p.Events[i]) > dateOf(&p.Events[i-1]) {
			t.Fatalf("events not most recent first at %d", i)
		}
	}
	var actors list[store.ActorStat]
	getJSON(t, h, "/api/v1/actors", 200, &actors)
	if actors.Total == 0 || actors.Items[0].Events < actors.Items[len(actors.Items)-1].Events {
		t.Errorf("actors: %d, not most events first", actors.Total)
	}
}

func TestAPISearchStatsChannels(t *testing.T) {
	h := New(sharedStore(t), Options{})
	var res searchResult
	getJSON(t, h, "/api/v1/search?q="+url.QueryEscape("hoi dam"), 200, &res)
	if len(res.Hits) == 0 {
		t.Fatal("no hit for «hoi dam»")
	}
	for _, hit := range res.Hits {
		if !strings.Contains(hit.Snippet, "«") {
			t.Errorf("snippet without a marked match: %q", hit.Snippet)
		}
	}
	var st store.Stats
	getJSON(t, h, "/api/v1/stats", 200, &st)
	sum := 0
	for _, c := range st.ByType {
		sum += c.N
	}
	if st.Events == 0 || sum != st.Events || len(st.ByMonth) == 0 || len(st.ByPair) == 0 {
		t.Errorf("stats: %d events, by type sum %d, %d months, %d pairs", st.Events, sum, len(st.ByMonth), len(st.ByPair))
	}
	var chs list[store.Channel]
	getJSON(t, h, "/api/v1/channels", 200, &chs)
	if chs.Total == 0 || chs.Items[0].ID != "test-channel" {
		t.Errorf("channels: %+v", chs.Items)
	}
}

func TestAPINetwork(t *testing.T) {
	h := New(sharedStore(t), Options{})
	var g graph
	getJSON(t, h, "/api/v1/network", 200, &g)
	if len(g.Nodes) < 3 || len(g.Edges) < 2 {
		t.Fatalf("network of the demo corpus: %d nodes, %d edges", len(g.Nodes), len(g.Edges))
	}
	nodes := map[string]bool{}
	for _, n := range g.Nodes {
		if n.Kind == "person" {
			t.Errorf("person node %s without persons=1", n.ID)
		}
		nodes[n.ID] = true
	}
	classes := map[string]bool{}
	for _, e := range g.Edges {
		if !nodes[e.From] || !nodes[e.To] || e.From == e.To {
			t.Errorf("edge %s joins %s and %s", e.ID, e.From, e.To)
		}
		if e.Count < len(e.Events) || len(e.Events) == 0 {
			t.Errorf("edge %s: count %d, %d events", e.ID, e.Count, len(e.Events))
		}
		classes[e.Class] = true
	}
	if !classes[cooperative] || !classes[conflictual] {
		t.Errorf("edge classes %v, want both", classes)
	}
	var withPersons graph
	getJSON(t, h, "/api/v1/network?persons=1", 200, &withPersons)
	persons := 0
	for _, n := range withPersons.Nodes {
		if n.Kind == "person" {
			persons++
		}
	}
	if persons == 0 {
		t.Error("persons=1 drew no person")
	}
	var later graph
	getJSON(t, h, "/api/v1/network?since=2019-06", 200, &later)
	if later.Events == 0 || later.Events >= g.Events {
		t.Errorf("since=2019-06 draws %d of %d events", later.Events, g.Events)
	}
}

func TestETag(t *testing.T) {
	h := New(sharedStore(t), Options{})
	for _, target := range []string{"/api/v1/events", "/api/v1/openapi.json", "/timeline", "/assets/app.css"} {
		first := get(t, h, target)
		etag := first.Header().Get("ETag")
		if first.Code != 200 || etag == "" || first.Header().Get("Cache-Control") == "" {
			t.Fatalf("%s: status %d, ETag %q, Cache-Control %q", target, first.Code, etag, first.Header().Get("Cache-Control"))
		}
		again := get(t, h, target, "If-None-Match", etag)
		if again.Code != http.StatusNotModified || again.Body.Len() != 0 {
			t.Errorf("%s with If-None-Match: status %d, %d bytes", target, again.Code, again.Body.Len())
		}
		other := get(t, h, target, "If-None-Match", `"something-else"`)
		if other.Code != 200 {
			t.Errorf("%s with another ETag: status %d", target, other.Code)
		}
	}
	versioned := get(t, h, assetURL("app.css"))
	if cc := versioned.Header().Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("versioned asset Cache-Control %q", cc)
	}
}

func TestSecurityHeaders(t *testing.T) {
	h := New(sharedStore(t), Options{})
	for _, target := range []string{"/", "/api/v1/events", "/no-such-page"} {
		rec := get(t, h, target)
		csp := rec.Header().Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "script-src 'self' 'unsafe-inline'") ||
			!strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: CSP %q", target, csp)
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" || rec.Header().Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: headers %v", target, rec.Header())
		}
	}
}
