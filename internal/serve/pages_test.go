package serve

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/sukien/sukien/internal/store"
)

func TestPagesRender(t *testing.T) {
	st := sharedStore(t)
	h := New(st, Options{})
	evs, _, err := st.Events(t.Context(), store.EventFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		target string
		want   []string
	}{
		{"/", []string{"Tổng quan", "<meter", `href="/events/`}},
		{"/timeline", []string{`id="timeline"`, "vis-timeline-graph2d.min.js", `data-api="/api/v1/events?"`}},
		{"/timeline?country=PRK&type=THREATEN", []string{`data-api="/api/v1/events?country=PRK&amp;type=THREATEN"`, `<option value="THREATEN" selected>`}},
		{"/network?persons=1", []string{`id="network"`, "vis-network.min.js", "checked"}},
		{"/events", []string{`id="result-count"`, "<table"}},
		{"/events/" + url.PathEscape(evs[0].ID), []string{`class="hl-trigger"`, `class="doc-link"`, "CONSULT" /* type list in legend */}},
		{"/documents", []string{"demo-01"}},
		{"/documents/demo-01", []string{`class="removed"`, `<mark class="ev`, `id="s0"`, `class="evtag`}},
		{"/actors", []string{"/actors/KOR"}},
		{"/actors/moon-jae-in", []string{"Moon Jae-in", "Tổng thống"}},
		{"/channels", []string{"/channels/test-channel"}},
		{"/channels/test-channel", []string{"Kênh thử"}},
		{"/search?q=" + url.QueryEscape("đàm phán"), []string{`<mark class="hl-match">`}},
		{"/search?q=-", []string{`class="error"`}},
	} {
		rec := get(t, h, tc.target)
		body := rec.Body.String()
		if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
			t.Errorf("%s: status %d, %s", tc.target, rec.Code, rec.Header().Get("Content-Type"))
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %q", tc.target, w)
			}
		}
		if strings.Contains(body, "<script>") || regexp.MustCompile(`\son[a-z]+=`).MatchString(body) {
			t.Errorf("%s has an inline script or event handler", tc.target)
		}
	}
}

func TestPageErrors(t *testing.T) {
	h := New(sharedStore(t), Options{})
	for target, status := range map[string]int{
		"/events/no-such-event": 404, "/documents/none": 404, "/nowhere": 404, "/events?since=soon": 400, "/assets/none.js": 404,
	} {
		rec := get(t, h, target)
		if rec.Code != status {
			t.Errorf("%s: status %d, want %d", target, rec.Code, status)
		}
	}
	rec := get(t, h, "/events?since=%3Cscript%3Ex")
	if strings.Contains(rec.Body.String(), "<script>x") {
		t.Error("an error message echoes markup unescaped")
	}
}

// Article text with markup must show as text on every page.
func TestArticleMarkupIsEscaped(t *testing.T) {
	h := New(sharedStore(t), Options{})
	targets := []string{"/documents/test-hostile", "/documents", "/search?q=singapore", "/events?since=2018-06-12&until=2018-06-12"}
	evs, _, _ := sharedStore(t).Events(t.Context(), store.EventFilter{Since: "2018-06-12", Until: "2018-06-12"})
	for _, ev := range evs {
		targets = append(targets, "/events/"+url.PathEscape(ev.ID))
	}
	if len(evs) == 0 {
		t.Fatal("the hostile article gave no event")
	}
	for _, target := range targets {
		body := get(t, h, target).Body.String()
		if strings.Contains(body, "<script>window") || strings.Contains(body, "<img src=x") || strings.Contains(body, "<b>Thử") {
			t.Errorf("%s shows article markup unescaped", target)
		}
		if strings.Contains(body, `href="javascript:`) {
			t.Errorf("%s links to a javascript: URL", target)
		}
	}
	body := get(t, h, "/documents/test-hostile").Body.String()
	if !strings.Contains(body, "&lt;script&gt;window.__pwned=1&lt;/script&gt;") {
		t.Error("the hostile document does not show its script tag as text")
	}
}

func TestLanguageSwitch(t *testing.T) {
	h := New(sharedStore(t), Options{})
	vi := get(t, h, "/events").Body.String()
	if !strings.Contains(vi, `<html lang="vi">`) || !strings.Contains(vi, ">Dòng thời gian<") {
		t.Error("Vietnamese is not the default")
	}
	rec := get(t, h, "/events?type=CONSULT&lang=en")
	en := rec.Body.String()
	if !strings.Contains(en, `<html lang="en">`) || !strings.Contains(en, ">Timeline<") {
		t.Error("?lang=en does not switch to English")
	}
	if c := rec.Result().Cookies(); len(c) != 1 || c[0].Name != "lang" || c[0].Value != "en" {
		t.Errorf("cookies %v", c)
	}
	if !strings.Contains(en, `href="/events?lang=vi&amp;type=CONSULT"`) {
		t.Error("the switch link drops the filters")
	}
	again := get(t, h, "/timeline", "Cookie", "lang=en").Body.String()
	if !strings.Contains(again, `<html lang="en">`) {
		t.Error("the lang cookie is not honoured")
	}
	for k := range labels["vi"] {
		if labels["en"][k] == "" {
			t.Errorf("label %q has no English text", k)
		}
	}
	for k := range labels["en"] {
		if labels["vi"][k] == "" {
			t.Errorf("label %q has no Vietnamese text", k)
		}
	}
}

func TestFiltersChangeEventsPage(t *testing.T) {
	h := New(sharedStore(t), Options{})
	count := func(target string) int {
		m := regexp.MustCompile(`id="result-count" data-total="(\d+)"`).FindStringSubmatch(get(t, h, target).Body.String())
		if m == nil {
			t.Fatalf("%s: no result count", target)
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}
	all, prk, threats := count("/events"), count("/events?country=PRK"), count("/events?country=PRK&type=THREATEN")
	if !(all > prk && prk > threats && threats > 0) {
		t.Errorf("events: all %d, PRK %d, PRK threats %d", all, prk, threats)
	}
	body := get(t, h, "/events?limit=5").Body.String()
	if !strings.Contains(body, `rel="next" href="?limit=5&amp;offset=5"`) {
		t.Error("no next-page link keeping the filters")
	}
}
