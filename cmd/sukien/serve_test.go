package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer safe for a server goroutine and a test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestServeCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "serve.db")
	mustRun(t, "ingest", "--db", db, writeFile(t, "corpus.jsonl", storeCorpus...))

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr lockedBuffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: &stderr}
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0", "--token", "tok"}) }()

	addrRE := regexp.MustCompile(`serving on (http://[^/ ]+)/`)
	var base string
	for deadline := time.Now().Add(20 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := addrRE.FindStringSubmatch(stderr.String()); m != nil {
			base = m[1]
		}
		select {
		case err := <-done:
			t.Fatalf("serve ended early: %v\n%s", err, stderr.String())
		default:
		}
	}
	if base == "" {
		t.Fatalf("the server never said where it listens:\n%s", stderr.String())
	}

	resp, err := http.Get(base + "/api/v1/events?type=CONSULT")
	if err != nil {
		t.Fatal(err)
	}
	var page struct{ Total int }
	json.NewDecoder(resp.Body).Decode(&page)
	resp.Body.Close()
	if resp.StatusCode != 200 || page.Total == 0 {
		t.Errorf("GET events: status %d, total %d", resp.StatusCode, page.Total)
	}

	article := `{"id":"hanoi","published":"2019-02-28","title":"Thượng đỉnh Hà Nội","text":"Ngày 28/2/2019, Tổng thống Mỹ Donald Trump và nhà lãnh đạo Triều Tiên Kim Jong-un đã hội đàm tại Hà Nội."}`
	for token, status := range map[string]int{"": 401, "nope": 401, "tok": 201} {
		req, _ := http.NewRequest("POST", base+"/api/v1/documents", strings.NewReader(article))
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != status {
			t.Errorf("POST with token %q: status %d, want %d", token, resp.StatusCode, status)
		}
	}
	resp, err = http.Get(base + "/api/v1/events?since=2019-02-28&until=2019-02-28")
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(resp.Body).Decode(&page)
	resp.Body.Close()
	if page.Total == 0 {
		t.Error("the posted article was not extracted into events")
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
	if !strings.Contains(stderr.String(), "server stopped") {
		t.Errorf("stderr: %s", stderr.String())
	}
}

func TestServeRejectsArguments(t *testing.T) {
	_, _, err := run(t, context.Background(), strings.NewReader(""), "serve", "extra")
	if exitCode(err) != 2 {
		t.Errorf("serve extra: %v (exit %d), want a usage error", err, exitCode(err))
	}
}
