package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	var lats []time.Duration
	for i := 1; i <= 200; i++ {
		lats = append(lats, time.Duration(i)*time.Millisecond)
	}
	for _, tc := range []struct {
		p    int
		want time.Duration
	}{{50, 100 * time.Millisecond}, {95, 190 * time.Millisecond}, {99, 198 * time.Millisecond}, {100, 200 * time.Millisecond}} {
		if got := percentile(lats, tc.p); got != tc.want {
			t.Errorf("p%d of 1..200 ms = %v, want %v", tc.p, got, tc.want)
		}
	}
	if got := percentile(lats[:1], 95); got != time.Millisecond {
		t.Errorf("p95 of one sample = %v", got)
	}
}

func TestRefusesOtherHosts(t *testing.T) {
	ctx := context.Background()
	for _, host := range []string{"127.0.0.1", "::1", "127.1.2.3"} {
		if err := checkLoopback(ctx, host); err != nil {
			t.Errorf("%s refused: %v", host, err)
		}
	}
	for _, host := range []string{"192.0.2.1", "10.0.0.1", "::ffff:198.51.100.7", "2001:db8::1"} {
		if err := checkLoopback(ctx, host); err == nil {
			t.Errorf("%s accepted", host)
		}
	}
	if _, err := run(ctx, "http://192.0.2.1:8080", config{clients: 1, duration: time.Second, maxRequests: 1, timeout: time.Second}); err == nil {
		t.Error("run accepted a non-loopback URL")
	}
	// The dialer checks again, whatever the resolver said.
	client := newClient(config{clients: 1, timeout: time.Second})
	if _, err := client.Get("http://192.0.2.1:8080/"); err == nil || !strings.Contains(err.Error(), "not a loopback") {
		t.Errorf("dial to 192.0.2.1: %v", err)
	}
}

// fakeServer answers the event list with two events, fails /network, and
// counts requests.
func fakeServer(t *testing.T, requests *atomic.Int64) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		switch {
		case r.URL.Path == "/api/v1/events":
			fmt.Fprint(w, `{"items": [{"id": "ev-1"}, {"id": "ev 2"}], "total": 2}`)
		case r.URL.Path == "/network":
			http.Error(w, "broken", http.StatusInternalServerError)
		default:
			fmt.Fprint(w, "ok")
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestLoadCountsErrorsPerEndpoint(t *testing.T) {
	var requests atomic.Int64
	srv := fakeServer(t, &requests)
	rep, err := run(context.Background(), srv.URL, config{clients: 4, duration: time.Minute, maxRequests: 100, timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]row{}
	for _, r := range rep.rows {
		rows[r.label] = r
	}
	all := rows["all"]
	// -n bounds the run long before -d; the first events request comes on top.
	if all.requests != 100 || requests.Load() != 101 {
		t.Errorf("%d requests reported, %d served; want 100 and 101", all.requests, requests.Load())
	}
	if rows["page /network"].errs == 0 || rows["page /network"].errs != rows["page /network"].requests {
		t.Errorf("/network: %+v, want every request an error", rows["page /network"])
	}
	if rep.errors() != rows["page /network"].errs {
		t.Errorf("%d errors in all, %d from /network alone", rep.errors(), rows["page /network"].errs)
	}
	if rows["page /events/{id}"].requests == 0 || rows["api search"].errs != 0 {
		t.Errorf("event pages %+v, search %+v", rows["page /events/{id}"], rows["api search"])
	}
	var out strings.Builder
	rep.write(&out)
	if !strings.Contains(out.String(), "100 requests in") || !strings.Contains(out.String(), "error: GET http") {
		t.Errorf("report:\n%s", out.String())
	}
}

func TestLoadStopsAtTheDeadline(t *testing.T) {
	var requests atomic.Int64
	srv := fakeServer(t, &requests)
	start := time.Now()
	rep, err := run(context.Background(), srv.URL, config{clients: 2, duration: 200 * time.Millisecond, maxRequests: 1 << 40, timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("a 200 ms run took %v", d)
	}
	if rep.rows[len(rep.rows)-1].requests == 0 {
		t.Error("no request sent")
	}
}
