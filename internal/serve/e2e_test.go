package serve

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The end-to-end tests drive Debian's chromium over the demo corpus: pages
// load without script errors or CSP violations, the timeline leads to an
// event and the event to its sentence in the document, the network draws
// and lists an edge's events, filters change what is shown, and article
// markup never runs. They write screenshots to docs/screenshots.

const chromiumPath = "/usr/bin/chromium"

// browser starts a headless chromium for t, or skips (fails on CI) when
// there is none.
func browser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing: CI must run the browser tests (apt-get install -y chromium)", chromiumPath)
		}
		t.Skipf("%s is missing; apt-get install -y chromium to run the browser tests", chromiumPath)
	}
	if testing.Short() {
		t.Skip("browser tests skipped in -short mode")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 860),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// console collects the page's uncaught exceptions and security errors.
type console struct {
	mu   sync.Mutex
	errs []string
}

func watchConsole(ctx context.Context) *console {
	c := &console{}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.IsException() || strings.Contains(m.Text, "Content Security Policy") || strings.Contains(m.Text, "Refused to") {
				c.mu.Lock()
				c.errs = append(c.errs, m.String())
				c.mu.Unlock()
			}
		}
	}()
	return c
}

func (c *console) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	errs := c.errs
	c.errs = nil
	return errs
}

// step runs actions with a time limit, failing the test on error.
func step(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(sctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(sctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// waitFor polls a JavaScript condition.
func waitFor(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(20*time.Second))
}

// waitLocation waits, across the navigation a click starts, until the
// page's location holds want.
func waitLocation(t *testing.T, ctx context.Context, want string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		sctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		loc, err := chromedp.Run(sctx, chromedp.Evaluate[string](`document.readyState === "complete" ? location.pathname + location.search : ""`))
		cancel()
		if err == nil && strings.Contains(loc, want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the page never reached %q (at %q, %v)", want, loc, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// screenshot writes the viewport to docs/screenshots/name.png.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(sctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := filepath.Join("..", "..", "docs", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBrowser(t *testing.T) {
	ctx := browser(t)
	srv := httptest.NewServer(New(sharedStore(t), Options{}))
	defer srv.Close()
	cons := watchConsole(ctx)
	checkConsole := func(page string) {
		t.Helper()
		for _, e := range cons.take() {
			t.Errorf("%s: browser console: %s", page, e)
		}
	}

	// The browser asks for English; the cookie makes Vietnamese the start.
	step(t, ctx, "vietnamese", chromedp.Navigate(srv.URL+"/?lang=vi"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if lang := eval[string](t, ctx, `document.documentElement.lang`); lang != "vi" {
		t.Fatalf("?lang=vi gives %q", lang)
	}

	t.Run("pages load", func(t *testing.T) {
		for _, p := range []string{"/", "/timeline", "/network", "/events", "/documents", "/actors", "/actors/KOR",
			"/channels", "/channels/test-channel", "/search?q=ten+lua"} {
			step(t, ctx, p, chromedp.Navigate(srv.URL+p), chromedp.WaitVisible(chromedp.CSS("main h1")))
			if title := eval[string](t, ctx, `document.title`); !strings.HasSuffix(title, "· sukien") {
				t.Errorf("%s: title %q", p, title)
			}
			checkConsole(p)
		}
		step(t, ctx, "overview", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
		screenshot(t, ctx, "overview")
	})

	var trigger string
	t.Run("timeline to event to document", func(t *testing.T) {
		step(t, ctx, "timeline", chromedp.Navigate(srv.URL+"/timeline"),
			waitFor(`document.getElementById("timeline").dataset.ready === "1"`),
			waitFor(`document.querySelectorAll("#timeline .vis-item.type-item").length > 0`))
		items := eval[int](t, ctx, `document.querySelectorAll("#timeline .vis-item.type-item").length`)
		if want := eval[int](t, ctx, `+document.getElementById("timeline").dataset.items`); items == 0 || want == 0 {
			t.Fatalf("timeline shows %d items of %d", items, want)
		}
		step(t, ctx, "zoom", chromedp.Click(chromedp.CSS("#zoom-in")), chromedp.Sleep(400*time.Millisecond))
		screenshot(t, ctx, "timeline")
		step(t, ctx, "click an event", chromedp.Click(chromedp.CSS("#timeline .vis-item.type-item .vis-item-content")))
		waitLocation(t, ctx, "/events/")
		step(t, ctx, "event page", chromedp.WaitVisible(chromedp.CSS("blockquote.sentence")))
		trigger = eval[string](t, ctx, `(document.querySelector("blockquote.sentence mark.hl-trigger") || {}).textContent || ""`)
		if trigger == "" {
			t.Error("the event's sentence has no highlighted trigger")
		}
		if eval[int](t, ctx, `document.querySelectorAll("blockquote.sentence mark.hl-actor").length`) == 0 {
			t.Error("the event's sentence has no highlighted actor")
		}
		if s := eval[string](t, ctx, `document.querySelector("h1.summary").textContent`); s == "" {
			t.Error("no English summary")
		}
		screenshot(t, ctx, "event")
		sentence := eval[string](t, ctx, `document.querySelector("blockquote.sentence").textContent`)
		step(t, ctx, "to the document", chromedp.Click(chromedp.CSS("a.doc-link")))
		waitLocation(t, ctx, "/documents/")
		step(t, ctx, "document page", chromedp.WaitVisible(chromedp.CSS("#article")))
		marked := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#article mark.ev")).map(m => m.textContent)`)
		found := false
		for _, m := range marked {
			found = found || strings.Contains(m, sentence) || strings.Contains(sentence, m)
		}
		if !found {
			t.Errorf("the document does not highlight the event's sentence %q; it marks %q", sentence, marked)
		}
		if eval[int](t, ctx, `document.querySelectorAll("#article .removed").length`) == 0 {
			t.Log("this document had no boilerplate to grey out")
		}
		screenshot(t, ctx, "document")
		checkConsole("timeline → event → document")
	})

	t.Run("network", func(t *testing.T) {
		step(t, ctx, "network", chromedp.Navigate(srv.URL+"/network"),
			waitFor(`document.getElementById("network").dataset.ready === "1"`),
			waitFor(`document.querySelector("#network canvas") !== null`))
		nodes := eval[int](t, ctx, `window.sukienNetwork.body.nodeIndices.length`)
		if nodes < 3 {
			t.Fatalf("network draws %d nodes", nodes)
		}
		// Click the middle of the first edge, where the user would.
		xy := eval[[]float64](t, ctx, `(() => {
			const net = window.sukienNetwork, id = net.body.edgeIndices[0];
			const p = net.canvasToDOM(net.body.edges[id].edgeType.getPoint(0.5));
			const r = document.querySelector("#network canvas").getBoundingClientRect();
			return [r.left + p.x, r.top + p.y];
		})()`)
		step(t, ctx, "click an edge", chromedp.MouseClickXY(xy[0], xy[1]),
			waitFor(`document.querySelectorAll("#edge-events a").length > 0`))
		screenshot(t, ctx, "network")
		step(t, ctx, "persons", chromedp.Navigate(srv.URL+"/network?persons=1"),
			waitFor(`document.getElementById("network").dataset.ready === "1"`))
		if more := eval[int](t, ctx, `window.sukienNetwork.body.nodeIndices.length`); more <= nodes {
			t.Errorf("persons=1 draws %d nodes, countries alone %d", more, nodes)
		}
		checkConsole("network")
	})

	t.Run("filters", func(t *testing.T) {
		step(t, ctx, "events", chromedp.Navigate(srv.URL+"/events"), chromedp.WaitVisible(chromedp.CSS("#filters")))
		all := eval[int](t, ctx, `+document.getElementById("result-count").dataset.total`)
		step(t, ctx, "filter", chromedp.SetValue(chromedp.CSS(`#filters select[name="type"]`), "THREATEN"),
			chromedp.SetValue(chromedp.CSS(`#filters input[name="country"]`), "PRK"),
			chromedp.Click(chromedp.CSS(`#filters button[type="submit"]`)))
		waitLocation(t, ctx, "type=THREATEN")
		step(t, ctx, "filtered events", chromedp.WaitVisible(chromedp.CSS("#result-count")))
		some := eval[int](t, ctx, `+document.getElementById("result-count").dataset.total`)
		if some == 0 || some >= all {
			t.Errorf("filtering PRK threats shows %d of %d events", some, all)
		}
		types := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("table.events tbody .type")).map(e => e.textContent)`)
		for _, typ := range types {
			if typ != "THREATEN" {
				t.Errorf("filtered list shows a %s event", typ)
			}
		}
		step(t, ctx, "filtered timeline", chromedp.Navigate(srv.URL+"/timeline?type=THREATEN"),
			waitFor(`document.getElementById("timeline").dataset.ready === "1"`))
		if n := eval[int](t, ctx, `document.querySelectorAll("#timeline .vis-item.type-item").length`); n == 0 || n > some*10 {
			t.Errorf("filtered timeline shows %d items", n)
		}
		checkConsole("filters")
	})

	t.Run("article markup does not run", func(t *testing.T) {
		step(t, ctx, "hostile document", chromedp.Navigate(srv.URL+"/documents/test-hostile"), chromedp.WaitVisible(chromedp.CSS("#article")),
			chromedp.Sleep(300*time.Millisecond))
		if pwned := eval[bool](t, ctx, `window.__pwned !== undefined`); pwned {
			t.Fatal("a script from the article ran")
		}
		if eval[int](t, ctx, `document.querySelectorAll("#article script, #article img, main h1 script").length`) != 0 {
			t.Error("article markup became elements")
		}
		if text := eval[string](t, ctx, `document.getElementById("article").textContent`); !strings.Contains(text, "<script>window.__pwned=1</script>") {
			t.Error("the script tag is not shown as text")
		}
		checkConsole("hostile document")
	})

	t.Run("language and phone", func(t *testing.T) {
		step(t, ctx, "search", chromedp.Navigate(srv.URL+"/search?q=dam+phan"), chromedp.WaitVisible(chromedp.CSS("main h1")),
			chromedp.Click(chromedp.CSS("#lang-switch")))
		waitLocation(t, ctx, "lang=en")
		step(t, ctx, "english", waitFor(`document.documentElement.lang === "en"`))
		if q := eval[string](t, ctx, `new URLSearchParams(location.search).get("q")`); q != "dam phan" {
			t.Errorf("the language switch lost the query: %q", q)
		}
		if eval[int](t, ctx, `document.querySelectorAll("mark.hl-match").length`) == 0 {
			t.Error("search shows no highlighted match")
		}
		screenshot(t, ctx, "search")
		step(t, ctx, "phone", chromedp.EmulateViewport(390, 844), chromedp.Navigate(srv.URL+"/actors/moon-jae-in"),
			chromedp.WaitVisible(chromedp.CSS("main h1")))
		if w := eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 400 {
			t.Errorf("the actor page is %dpx wide on a 390px phone", w)
		}
		screenshot(t, ctx, "actor-phone")
		step(t, ctx, "back to Vietnamese", chromedp.EmulateViewport(1280, 860), chromedp.Navigate(srv.URL+"/?lang=vi"))
		checkConsole("language and phone")
	})
}
