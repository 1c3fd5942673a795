package serve

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func post(h http.Handler, target, body string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("POST", target, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

const newArticle = `{"id": "web-test-1", "published": "2019-02-28", "outlet": "Báo Thử",
	"title": "Thượng đỉnh Hà Nội kết thúc sớm",
	"text": "Thượng đỉnh Hà Nội kết thúc sớm\nNgày 28/2/2019, Tổng thống Mỹ Donald Trump và nhà lãnh đạo Triều Tiên Kim Jong-un đã hội đàm tại Hà Nội nhưng không ký thỏa thuận nào."}`

func TestIngestNeedsToken(t *testing.T) {
	st := newDemoStore(t, t.TempDir())
	defer st.Close()
	ing := testIngester{st}

	off := New(st, Options{Ingester: ing})
	if rec := post(off, "/api/v1/documents", newArticle, "Authorization", "Bearer anything"); rec.Code != http.StatusForbidden {
		t.Errorf("writes without --token: status %d, want 403", rec.Code)
	}

	h := New(st, Options{Token: "s3cret", Ingester: ing, MaxBodyBytes: 4096})
	for _, auth := range []string{"", "Bearer wrong", "s3cret", "Bearer s3cre", "Basic s3cret"} {
		rec := post(h, "/api/v1/documents", newArticle, "Authorization", auth)
		var body apiErrorBody
		json.Unmarshal(rec.Body.Bytes(), &body)
		if rec.Code != http.StatusUnauthorized || body.Error.Code != "unauthorized" || rec.Header().Get("WWW-Authenticate") == "" {
			t.Errorf("Authorization %q: status %d, body %s", auth, rec.Code, rec.Body)
		}
	}
	if rec := get(t, h, "/api/v1/documents/web-test-1"); rec.Code != 404 {
		t.Fatalf("refused document stored anyway: %d", rec.Code)
	}

	rec := post(h, "/api/v1/documents", newArticle, "Authorization", "Bearer s3cret")
	if rec.Code != http.StatusCreated || rec.Header().Get("Location") != "/api/v1/documents/web-test-1" {
		t.Fatalf("ingest: status %d, Location %q, body %s", rec.Code, rec.Header().Get("Location"), rec.Body)
	}
	var res ingestResult
	json.Unmarshal(rec.Body.Bytes(), &res)
	if res.ID != "web-test-1" || res.Result.Added != 1 || res.Result.Events == 0 {
		t.Errorf("ingest result %+v", res)
	}
	if rec := get(t, h, "/api/v1/documents/web-test-1"); rec.Code != 200 {
		t.Errorf("ingested document: status %d", rec.Code)
	}
	if rec := post(h, "/api/v1/documents", newArticle, "Authorization", "Bearer s3cret"); rec.Code != http.StatusOK {
		t.Errorf("same article again: status %d, want 200", rec.Code)
	}

	for _, tc := range []struct {
		body   string
		status int
	}{
		{`{"id": "x", "text": ""}`, 400},
		{`not json`, 400},
		{`{"text": "a", "unknown_field": 1}`, 400},
		{`{"text": "` + strings.Repeat("a", 5000) + `"}`, 413},
	} {
		rec := post(h, "/api/v1/documents", tc.body, "Authorization", "Bearer s3cret")
		var body apiErrorBody
		if rec.Code != tc.status || json.Unmarshal(rec.Body.Bytes(), &body) != nil || body.Error.Code != "invalid" {
			t.Errorf("%.30s…: status %d, body %s; want %d", tc.body, rec.Code, rec.Body, tc.status)
		}
	}
}

func TestServeFinishesInFlightRequests(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
		w.Write([]byte("done"))
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := NewHTTPServer(ln.Addr().String(), h, nil)
	if srv.ReadTimeout == 0 || srv.WriteTimeout == 0 || srv.IdleTimeout == 0 || srv.ReadHeaderTimeout == 0 {
		t.Fatal("server without timeouts")
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, srv, ln) }()

	type reply struct {
		body string
		err  error
	}
	replies := make(chan reply, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/")
		if err != nil {
			replies <- reply{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		replies <- reply{string(b), err}
	}()
	<-started
	cancel() // as SIGTERM does
	select {
	case err := <-served:
		t.Fatalf("Serve returned %v with a request in flight", err)
	case <-time.After(100 * time.Millisecond):
	}
	if _, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second); err == nil {
		t.Error("new connections still accepted during shutdown")
	}
	close(release)
	if r := <-replies; r.err != nil || r.body != "done" {
		t.Errorf("in-flight request: %q, %v", r.body, r.err)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}
}
