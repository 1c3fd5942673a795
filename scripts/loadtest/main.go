// Command loadtest drives a running `sukien serve` with concurrent clients
// looping over a fixed mix of pages and API requests, then reports, for
// each endpoint, the request and error counts and the latency percentiles:
//
//	go run ./scripts/loadtest -url http://127.0.0.1:8080 -c 50 -d 30s
//
// It stops by itself after -d or -n requests, whichever comes first, and
// only talks to loopback addresses: it is a test of this machine's server,
// not a tool to load anyone else's. Any error (a transport failure or a
// status outside 2xx) makes it exit 1.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "server base URL (loopback only)")
	clients := flag.Int("c", 50, "concurrent clients")
	duration := flag.Duration("d", 30*time.Second, "how long to send requests")
	maxRequests := flag.Int64("n", 1_000_000, "stop after this many requests in all")
	timeout := flag.Duration("timeout", 10*time.Second, "timeout of one request")
	flag.Parse()

	cfg := config{clients: *clients, duration: *duration, maxRequests: *maxRequests, timeout: *timeout}
	rep, err := run(context.Background(), *base, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(2)
	}
	rep.write(os.Stdout)
	if rep.errors() > 0 {
		os.Exit(1)
	}
}

type config struct {
	clients     int
	duration    time.Duration
	maxRequests int64
	timeout     time.Duration
}

// endpoint is one entry of the request mix. Paths sharing a label (the
// event pages) are reported together.
type endpoint struct {
	label, path string
}

// mix is the fixed request mix; event pages are added from the first
// events response.
var mix = []endpoint{
	{"api events actor=KOR", "/api/v1/events?actor=KOR&limit=50"},
	{"api events type=CONSULT", "/api/v1/events?type=CONSULT"},
	{"api search", "/api/v1/search?q=binh%20nhuong"},
	{"api stats", "/api/v1/stats"},
	{"page /", "/"},
	{"page /timeline", "/timeline"},
	{"page /events", "/events"},
	{"page /network", "/network"},
}

// eventPages is how many /events/{id} pages join the mix.
const eventPages = 4

// run checks the target, builds the mix and runs the clients.
func run(ctx context.Context, base string, cfg config) (*report, error) {
	if cfg.clients < 1 || cfg.duration <= 0 || cfg.maxRequests < 1 {
		return nil, errors.New("need -c >= 1, -d > 0 and -n >= 1")
	}
	u, err := url.Parse(base)
	if err != nil {
		return nil, err
	}
	if u.Scheme != "http" || u.Host == "" {
		return nil, fmt.Errorf("%s: want http://HOST:PORT", base)
	}
	if err := checkLoopback(ctx, u.Hostname()); err != nil {
		return nil, err
	}
	client := newClient(cfg)
	base = u.Scheme + "://" + u.Host

	eps := slices.Clone(mix)
	ids, err := eventIDs(ctx, client, base+mix[0].path)
	if err != nil {
		return nil, err
	}
	for _, id := range ids[:min(eventPages, len(ids))] {
		eps = append(eps, endpoint{"page /events/{id}", "/events/" + url.PathEscape(id)})
	}
	return load(ctx, client, base, eps, cfg), nil
}

// checkLoopback refuses any host that is not, or does not resolve only
// to, a loopback address.
func checkLoopback(ctx context.Context, host string) error {
	addrs, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return err
	}
	for _, a := range addrs {
		if !a.IsLoopback() {
			return fmt.Errorf("%s (%s) is not a loopback address: this tool only loads a server on this machine", host, a.Unmap())
		}
	}
	return nil
}

// newClient returns a client with a connection per concurrent client,
// whose dialer checks again, at connection time, that the address is a
// loopback one.
func newClient(cfg config) *http.Client {
	dialer := &net.Dialer{
		Timeout: cfg.timeout,
		Control: func(network, address string, _ syscall.RawConn) error {
			host, _, err := net.SplitHostPort(address)
			if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
				return fmt.Errorf("refusing to connect to %s: not a loopback address", address)
			}
			return nil
		},
	}
	tr := &http.Transport{
		Proxy:               nil, // never through a proxy: the target is local
		DialContext:         dialer.DialContext,
		MaxIdleConnsPerHost: cfg.clients,
		IdleConnTimeout:     30 * time.Second,
	}
	return &http.Client{Transport: tr, Timeout: cfg.timeout}
}

// eventIDs returns the ids of the events listed at target.
func eventIDs(ctx context.Context, client *http.Client, target string) ([]string, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", target, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", target, resp.Status)
	}
	var list struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil {
		return nil, fmt.Errorf("GET %s: %v", target, err)
	}
	var ids []string
	for _, it := range list.Items {
		ids = append(ids, it.ID)
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("GET %s: no events: is the database empty?", target)
	}
	return ids, nil
}

// sample is the outcome of one request.
type sample struct {
	endpoint int // index into the mix
	latency  time.Duration
	err      error
}

// load runs cfg.clients loops over eps until cfg.duration has passed or
// cfg.maxRequests were started. Requests in flight at the deadline finish
// and count: stopping must not manufacture errors.
func load(ctx context.Context, client *http.Client, base string, eps []endpoint, cfg config) *report {
	deadline := time.Now().Add(cfg.duration)
	var started atomic.Int64
	results := make([][]sample, cfg.clients)
	var wg sync.WaitGroup
	t0 := time.Now()
	for c := range cfg.clients {
		wg.Go(func() {
			// Each client starts at its own place in the mix so that every
			// endpoint is busy from the start.
			for i := c; time.Now().Before(deadline) && started.Add(1) <= cfg.maxRequests; i++ {
				e := i % len(eps)
				lat, err := fetch(ctx, client, base+eps[e].path)
				results[c] = append(results[c], sample{e, lat, err})
			}
		})
	}
	wg.Wait()
	return newReport(eps, slices.Concat(results...), time.Since(t0))
}

// fetch GETs target and reads the whole body: the latency is that of the
// complete response.
func fetch(ctx context.Context, client *http.Client, target string) (time.Duration, error) {
	t0 := time.Now()
	req, err := http.NewRequestWithContext(ctx, "GET", target, nil)
	if err != nil {
		return 0, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return time.Since(t0), err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	lat := time.Since(t0)
	if err == nil && (resp.StatusCode < 200 || resp.StatusCode > 299) {
		err = fmt.Errorf("GET %s: %s", target, resp.Status)
	}
	return lat, err
}

// report holds the statistics of one endpoint label each.
type report struct {
	rows    []row
	elapsed time.Duration
	first   []error // the first few errors, as examples
}

type row struct {
	label              string
	requests, errs     int
	p50, p95, p99, max time.Duration
}

func newReport(eps []endpoint, samples []sample, elapsed time.Duration) *report {
	rep := &report{elapsed: elapsed}
	byLabel := map[string][]time.Duration{}
	errs := map[string]int{}
	var order []string
	for _, ep := range eps {
		if _, ok := byLabel[ep.label]; !ok {
			byLabel[ep.label] = nil
			order = append(order, ep.label)
		}
	}
	for _, s := range samples {
		label := eps[s.endpoint].label
		byLabel[label] = append(byLabel[label], s.latency)
		if s.err != nil {
			errs[label]++
			if len(rep.first) < 5 {
				rep.first = append(rep.first, s.err)
			}
		}
	}
	all := make([]time.Duration, 0, len(samples))
	total := row{label: "all"}
	for _, label := range order {
		lats := byLabel[label]
		all = append(all, lats...)
		total.errs += errs[label]
		rep.rows = append(rep.rows, summarize(label, lats, errs[label]))
	}
	rep.rows = append(rep.rows, summarize("all", all, total.errs))
	return rep
}

func summarize(label string, lats []time.Duration, errs int) row {
	slices.Sort(lats)
	r := row{label: label, requests: len(lats), errs: errs}
	if len(lats) > 0 {
		r.p50, r.p95, r.p99 = percentile(lats, 50), percentile(lats, 95), percentile(lats, 99)
		r.max = lats[len(lats)-1]
	}
	return r
}

// percentile returns the nearest-rank p-th percentile of sorted.
func percentile(sorted []time.Duration, p int) time.Duration {
	rank := (p*len(sorted) + 99) / 100 // ceil(p/100 * n)
	return sorted[max(rank, 1)-1]
}

func (rep *report) errors() int { return rep.rows[len(rep.rows)-1].errs }

func (rep *report) write(w io.Writer) {
	const format = "%-24s %9s %7s %8s %8s %8s %8s\n"
	fmt.Fprintf(w, format, "endpoint", "requests", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms")
	for _, r := range rep.rows {
		fmt.Fprintf(w, format, r.label, strconv.Itoa(r.requests), strconv.Itoa(r.errs), ms(r.p50), ms(r.p95), ms(r.p99), ms(r.max))
	}
	all := rep.rows[len(rep.rows)-1]
	fmt.Fprintf(w, "%d requests in %.1fs: %.0f req/s, %d errors\n",
		all.requests, rep.elapsed.Seconds(), float64(all.requests)/rep.elapsed.Seconds(), all.errs)
	for _, err := range rep.first {
		fmt.Fprintln(w, "error:", err)
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond)) }
