package serve

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestMemoRunsOneQueryPerKey(t *testing.T) {
	m := newMemo(time.Minute)
	var runs atomic.Int32
	release := make(chan struct{})
	fn := func(ctx context.Context) (int, error) {
		runs.Add(1)
		<-release
		return 42, nil
	}
	var wg sync.WaitGroup
	got := make([]int, 20)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := cached(context.Background(), m, "k", fn)
			if err != nil {
				t.Error(err)
			}
			got[i] = v
		}()
	}
	time.Sleep(50 * time.Millisecond) // let the callers pile up on the key
	close(release)
	wg.Wait()
	if n := runs.Load(); n != 1 {
		t.Errorf("query ran %d times for 20 callers, want once", n)
	}
	for i, v := range got {
		if v != 42 {
			t.Fatalf("caller %d got %d", i, v)
		}
	}
	// Remembered: no new run.
	if v, _ := cached(context.Background(), m, "k", fn); v != 42 || runs.Load() != 1 {
		t.Errorf("second call: %d after %d runs, want the cached 42 after 1", v, runs.Load())
	}
	// Cleared: runs again.
	m.clear()
	if _, _ = cached(context.Background(), m, "k", fn); runs.Load() != 2 {
		t.Errorf("after clear: %d runs, want 2", runs.Load())
	}
}

func TestMemoForgetsErrorsAndExpires(t *testing.T) {
	m := newMemo(30 * time.Millisecond)
	var runs int
	fail := true
	fn := func(ctx context.Context) (string, error) {
		runs++
		if fail {
			return "", errors.New("database is locked")
		}
		return "ok", nil
	}
	if _, err := cached(context.Background(), m, "k", fn); err == nil {
		t.Fatal("the error was not returned")
	}
	fail = false
	if v, err := cached(context.Background(), m, "k", fn); err != nil || v != "ok" {
		t.Fatalf("after an error the query must run again: %q %v", v, err)
	}
	time.Sleep(50 * time.Millisecond)
	cached(context.Background(), m, "k", fn)
	if runs != 3 {
		t.Errorf("%d runs, want 3 (error, fresh, expired)", runs)
	}
	// Disabled: every call runs.
	off := newMemo(-1)
	runs = 0
	cached(context.Background(), off, "k", fn)
	cached(context.Background(), off, "k", fn)
	if runs != 2 {
		t.Errorf("disabled cache: %d runs, want 2", runs)
	}
}

// A full server refuses quickly with 503 and Retry-After instead of letting
// requests queue into client timeouts; assets are still served.
func TestBusyServerRefuses(t *testing.T) {
	st := newDemoStore(t, t.TempDir())
	defer st.Close()
	s := New(st, Options{Token: "t", Ingester: testIngester{st}, MaxInFlight: 1, QueueWait: 50 * time.Millisecond})
	srv := httptest.NewServer(s)
	defer srv.Close()

	// Hold the only slot: a POST whose body has not finished arriving.
	pr, pw := io.Pipe()
	req, _ := http.NewRequest("POST", srv.URL+"/api/v1/documents", pr)
	req.Header.Set("Authorization", "Bearer t")
	req.Header.Set("Content-Type", "application/json")
	held := make(chan *http.Response, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Error(err)
			held <- nil
			return
		}
		held <- resp
	}()
	pw.Write([]byte(`{"id":"busy-test","published":"2024-06-20",`))
	deadline := time.Now().Add(5 * time.Second)
	for len(s.slots) == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if len(s.slots) != 1 {
		t.Fatal("the held request never took the slot")
	}

	for _, path := range []string{"/api/v1/stats", "/"} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
			t.Errorf("%s while full: %d, Retry-After %q, want 503 with Retry-After", path, resp.StatusCode, resp.Header.Get("Retry-After"))
		}
		if !strings.Contains(string(body), "busy") {
			t.Errorf("%s: body %q does not say the server is busy", path, body)
		}
	}
	if resp, err := http.Get(srv.URL + "/assets/app.css"); err == nil {
		resp.Body.Close()
		if resp.StatusCode == http.StatusServiceUnavailable {
			t.Error("assets are refused while full")
		}
	}

	// Finish the held request: the slot frees and requests pass again.
	pw.Write([]byte(`"text":"Ngày 20/6, Ngoại trưởng Hàn Quốc đã điện đàm với Ngoại trưởng Mỹ."}`))
	pw.Close()
	if resp := <-held; resp != nil {
		resp.Body.Close()
		if resp.StatusCode >= 300 {
			t.Errorf("held POST: %d", resp.StatusCode)
		}
	}
	resp, err := http.Get(srv.URL + "/api/v1/stats")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("after the slot freed: %d, want 200", resp.StatusCode)
	}
}
