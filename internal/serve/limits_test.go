package serve

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/sukien/sukien"
	"github.com/sukien/sukien/internal/store"
)

// countingIngester counts the documents that reach it and stores none.
type countingIngester struct{ calls atomic.Int64 }

func (c *countingIngester) Ingest(context.Context, sukien.Document) (store.Result, error) {
	c.calls.Add(1)
	return store.Result{Added: 1}, nil
}

// startServer serves h with NewHTTPServer on a loopback port until the
// test ends, as the serve command does, and returns its base URL.
func startServer(t *testing.T, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, NewHTTPServer(ln.Addr().String(), h, nil), ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return "http://" + ln.Addr().String()
}

// onlyReader hides the Len method of a strings.Reader, so that the client
// sends the body chunked, without a Content-Length.
type onlyReader struct{ io.Reader }

func TestBodyLimitOverHTTP(t *testing.T) {
	const limit = 1024
	ing := &countingIngester{}
	base := startServer(t, New(sharedStore(t), Options{Token: "s3cret", Ingester: ing, MaxBodyBytes: limit}))
	big := `{"text": "` + strings.Repeat("Hàn Quốc và Triều Tiên hội đàm. ", 100) + `"}`
	if len(big) <= limit {
		t.Fatalf("test body of %d bytes is within the limit", len(big))
	}
	for _, tc := range []struct {
		name   string
		body   io.Reader
		auth   string
		status int
	}{
		{"declared length", strings.NewReader(big), "Bearer s3cret", http.StatusRequestEntityTooLarge},
		{"chunked", onlyReader{strings.NewReader(big)}, "Bearer s3cret", http.StatusRequestEntityTooLarge},
		// Without the token the body is not even read.
		{"no token", strings.NewReader(big), "", http.StatusUnauthorized},
	} {
		req, err := http.NewRequest("POST", base+"/api/v1/documents", tc.body)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		if tc.auth != "" {
			req.Header.Set("Authorization", tc.auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		var body apiErrorBody
		err = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if resp.StatusCode != tc.status || err != nil || body.Error.Code == "" {
			t.Errorf("%s: status %d, error %+v (%v); want %d", tc.name, resp.StatusCode, body.Error, err, tc.status)
		}
		if tc.status == http.StatusRequestEntityTooLarge && !strings.Contains(body.Error.Message, "1024") {
			t.Errorf("%s: message %q does not state the limit", tc.name, body.Error.Message)
		}
	}
	if n := ing.calls.Load(); n != 0 {
		t.Errorf("%d oversized or unauthorized documents reached the ingester", n)
	}
}

func TestDefaultBodyLimit(t *testing.T) {
	ing := &countingIngester{}
	h := New(sharedStore(t), Options{Token: "s3cret", Ingester: ing})
	text := strings.Repeat("x", DefaultMaxBodyBytes)
	rec := post(h, "/api/v1/documents", `{"text": "`+text+`"}`, "Authorization", "Bearer s3cret")
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("body of %d bytes with the default limit: status %d, want 413", len(text)+12, rec.Code)
	}
	if ing.calls.Load() != 0 {
		t.Error("an oversized document reached the ingester")
	}
}

func TestHTTPServerLimits(t *testing.T) {
	srv := NewHTTPServer("127.0.0.1:0", http.NotFoundHandler(), nil)
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"ReadHeaderTimeout", srv.ReadHeaderTimeout, ReadHeaderTimeout},
		{"ReadTimeout", srv.ReadTimeout, ReadTimeout},
		{"WriteTimeout", srv.WriteTimeout, WriteTimeout},
		{"IdleTimeout", srv.IdleTimeout, IdleTimeout},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	// A slow client must not hold a connection open for long with the
	// headers alone, and a response must be allowed to take longer than
	// reading its request.
	if !(0 < ReadHeaderTimeout && ReadHeaderTimeout <= ReadTimeout && ReadTimeout <= WriteTimeout && ShutdownTimeout > 0) {
		t.Errorf("timeouts out of order: header %v, read %v, write %v, shutdown %v",
			ReadHeaderTimeout, ReadTimeout, WriteTimeout, ShutdownTimeout)
	}
	if srv.MaxHeaderBytes <= 0 || srv.MaxHeaderBytes > http.DefaultMaxHeaderBytes {
		t.Errorf("MaxHeaderBytes = %d, want a limit under the default %d", srv.MaxHeaderBytes, http.DefaultMaxHeaderBytes)
	}
	if srv.ErrorLog != nil {
		t.Error("ErrorLog set without a logger")
	}
}

func TestOversizedHeadersRefused(t *testing.T) {
	base := startServer(t, New(sharedStore(t), Options{}))
	req, err := http.NewRequest("GET", base+"/api/v1/stats", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Padding", strings.Repeat("a", 128<<10))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("128 KiB of headers: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("128 KiB of headers: status %d, want 431", resp.StatusCode)
	}
}

// cspDirectives parses a Content-Security-Policy into its directives.
func cspDirectives(policy string) map[string][]string {
	m := map[string][]string{}
	for d := range strings.SplitSeq(policy, ";") {
		if f := strings.Fields(d); len(f) > 0 {
			m[strings.ToLower(f[0])] = f[1:]
		}
	}
	return m
}

// TestSecurityHeadersOnEveryKindOfResponse extends TestSecurityHeaders to
// assets, cached and error responses of every status, and reads the CSP
// directive by directive.
func TestSecurityHeadersOnEveryKindOfResponse(t *testing.T) {
	h := New(sharedStore(t), Options{Token: "s3cret", Ingester: &countingIngester{}, MaxBodyBytes: 64})
	etag := get(t, h, "/api/v1/stats").Header().Get("ETag")
	if etag == "" {
		t.Fatal("no ETag on /api/v1/stats")
	}
	for _, tc := range []struct {
		method, target, body string
		header               []string
		status               int
	}{
		{"GET", "/", "", nil, 200},
		{"HEAD", "/events", "", nil, 200},
		{"GET", assetURL("app.css"), "", nil, 200},
		{"GET", "/api/v1/openapi.json", "", nil, 200},
		{"GET", "/api/v1/stats", "", []string{"If-None-Match", etag}, 304},
		{"GET", "/api/v1/events?limit=abc", "", nil, 400},
		{"POST", "/api/v1/documents", `{"text": "a"}`, nil, 401},
		{"POST", "/api/v1/documents", strings.Repeat(" ", 100) + `{}`, []string{"Authorization", "Bearer s3cret"}, 413},
		{"GET", "/events/no-such-event", "", nil, 404},
		{"GET", "/api/v1/no-such-endpoint", "", nil, 404},
		{"DELETE", "/api/v1/events", "", nil, 405},
	} {
		req := httptest.NewRequest(tc.method, tc.target, strings.NewReader(tc.body))
		for i := 0; i+1 < len(tc.header); i += 2 {
			req.Header.Set(tc.header[i], tc.header[i+1])
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		name := tc.method + " " + tc.target
		if rec.Code != tc.status {
			t.Errorf("%s: status %d, want %d", name, rec.Code, tc.status)
		}
		hdr := rec.Header()
		csp := cspDirectives(hdr.Get("Content-Security-Policy"))
		if got := csp["script-src"]; !slices.Equal(got, []string{"'self'"}) {
			t.Errorf("%s: script-src %q, want only 'self' (no inline script, no eval)", name, got)
		}
		for directive, want := range map[string]string{
			"default-src": "'self'", "object-src": "'none'", "base-uri": "'none'", "frame-ancestors": "'none'",
		} {
			if got := csp[directive]; !slices.Equal(got, []string{want}) {
				t.Errorf("%s: %s %q, want %s", name, directive, got, want)
			}
		}
		for key, want := range map[string]string{
			"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin",
		} {
			if got := hdr.Get(key); got != want {
				t.Errorf("%s: %s %q, want %q", name, key, got, want)
			}
		}
	}
}
