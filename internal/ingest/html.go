package ingest

import (
	"encoding/json"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/unicode/norm"

	"github.com/sukien/sukien"
)

// ParseHTML extracts a saved news page: its title (og:title, <title>, the
// first <h1>), publication date (article:published_time and kindred meta
// tags, JSON-LD datePublished, <time datetime>, else a dated line of the
// text), outlet (og:site_name), URL (canonical link or og:url) and article
// text, one paragraph a line. The article is the <article> element, or the
// element whose paragraphs hold the most text; scripts, navigation, headers,
// footers, asides, forms, figure captions and the like are left out.
//
// The page is read token by token with an explicit stack of open elements,
// so its cost is linear in its size however deeply it nests.
// ID, Source and Line of the result are not set.
func ParseHTML(page string) sukien.Document {
	var x extractor
	x.run(page)
	doc := sukien.Document{
		Title:  firstNonEmpty(x.ogTitle, x.title, x.h1, x.ldHeadline),
		Outlet: x.outlet,
		URL:    firstNonEmpty(x.canonical, x.ogURL),
		Text:   norm.NFC.String(x.text()),
	}
	for _, d := range x.dates {
		if doc.Published = normalizeDate(d); doc.Published != "" {
			break
		}
	}
	if doc.Published == "" {
		doc.Published = PublishedFrom(doc.Text)
	}
	doc.Title = norm.NFC.String(doc.Title)
	return doc
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v = collapseSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// Ranks of the date sources, best first.
const (
	dateArticleMeta = iota // article:published_time
	dateOGMeta             // og:published_time
	dateJSONLD             // JSON-LD datePublished
	dateItemprop           // itemprop=datePublished
	datePubdate            // name=pubdate
	dateMeta               // name=date and kin
	dateTimeElement        // <time datetime>
	numDateSources
)

var dateMetaRank = map[string]int{
	"article:published_time": dateArticleMeta,
	"og:published_time":      dateOGMeta,
	"datepublished":          dateItemprop,
	"pubdate":                datePubdate,
	"publishdate":            datePubdate,
	"publish-date":           datePubdate,
	"date":                   dateMeta,
	"dc.date":                dateMeta,
	"dc.date.issued":         dateMeta,
	"dcterms.created":        dateMeta,
}

// dropped elements hold no article text.
var dropped = map[atom.Atom]bool{
	atom.Head: true, atom.Script: true, atom.Style: true, atom.Nav: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Form: true,
	atom.Noscript: true, atom.Iframe: true, atom.Figcaption: true,
	atom.Template: true, atom.Svg: true, atom.Math: true, atom.Button: true,
	atom.Select: true, atom.Textarea: true, atom.Object: true, atom.Canvas: true,
	atom.Dialog: true, atom.Menu: true,
}

// blocks are the elements that start a new line of text. Only they and the
// dropped elements go on the stack: inline elements cannot hold paragraphs.
var blocks = map[atom.Atom]bool{
	atom.Html: true, atom.Body: true, atom.Main: true, atom.Article: true,
	atom.Section: true, atom.Div: true, atom.P: true, atom.Blockquote: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Table: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true, atom.Tr: true,
	atom.Td: true, atom.Th: true, atom.Caption: true, atom.Pre: true, atom.Figure: true,
	atom.Address: true, atom.Center: true, atom.Details: true, atom.Summary: true,
	atom.Fieldset: true, atom.Hgroup: true,
}

// boilerplateWords in a class or id mark page furniture that news sites do
// not put in semantic elements.
var boilerplateWords = []string{"comment", "related", "relate", "share", "social",
	"advert", "banner", "sidebar", "breadcrumb", "lienquan", "lien-quan", "popup", "cookie"}

type openElem struct {
	tag  atom.Atom
	id   int32 // index in extractor.elems
	drop bool
}

type elemInfo struct {
	tag        atom.Atom
	start, end int // range of extractor.blocks inside the element
	score      int // paragraph text of its children, and half of its grandchildren
}

type extractor struct {
	stack    []openElem
	openTags map[atom.Atom]int // open elements by tag, to ignore stray end tags in O(1)
	elems    []elemInfo
	blocks   []string
	cur      strings.Builder
	space    bool // whitespace seen since the last character written to cur
	drop     int  // number of open dropped elements

	title, h1, ogTitle, ldHeadline string
	outlet, canonical, ogURL       string
	dates                          [numDateSources]string

	inTitle, inLD bool
	h1ID          int32 // element id of the first <h1> while it is open, else -1
	h1Done        bool
	h1Text        strings.Builder
	ldText        strings.Builder
}

func (x *extractor) run(page string) {
	x.openTags = make(map[atom.Atom]int)
	x.h1ID = -1
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			x.flush()
			for len(x.stack) > 0 {
				x.pop()
			}
			return
		case html.TextToken:
			x.textToken(z.Text())
		case html.StartTagToken:
			x.startTag(z, false)
		case html.SelfClosingTagToken:
			x.startTag(z, true)
		case html.EndTagToken:
			name, _ := z.TagName()
			x.endTag(atom.Lookup(name))
		}
	}
}

func (x *extractor) textToken(t []byte) {
	switch {
	case x.inTitle:
		if x.title == "" {
			x.title = string(t)
		}
		return
	case x.inLD:
		x.ldText.Write(t)
		return
	}
	if x.h1ID >= 0 {
		x.h1Text.Write(t)
	}
	if x.drop > 0 {
		return
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			x.space = true
		case c == 0xc2 && i+1 < len(t) && t[i+1] == 0xa0: // no-break space
			x.space = true
			i++
		default:
			if x.space && x.cur.Len() > 0 {
				x.cur.WriteByte(' ')
			}
			x.space = false
			x.cur.WriteByte(c)
		}
	}
}

func (x *extractor) startTag(z *html.Tokenizer, selfClosing bool) {
	name, hasAttr := z.TagName()
	a := atom.Lookup(name)
	var attrs tagAttrs
	if hasAttr {
		attrs.read(z, a)
	}
	switch a {
	case atom.Meta:
		x.meta(&attrs)
	case atom.Link:
		if x.canonical == "" && strings.EqualFold(attrs.rel, "canonical") {
			x.canonical = attrs.href
		}
	case atom.Time:
		if x.dates[dateTimeElement] == "" {
			x.dates[dateTimeElement] = attrs.datetime
		}
	case atom.Title:
		x.inTitle = !selfClosing && x.openTags[atom.Svg] == 0
		return
	case atom.Script:
		x.inLD = !selfClosing && strings.Contains(strings.ToLower(attrs.typ), "ld+json")
	case atom.Br, atom.Hr:
		x.flush()
		return
	}
	drop := dropped[a] || attrs.boilerplate
	if selfClosing || !drop && !blocks[a] {
		return
	}
	if blocks[a] && x.openTags[atom.P] > 0 {
		// A block start closes an open paragraph, as in a browser.
		x.endTag(atom.P)
	}
	x.flush()
	id := int32(len(x.elems))
	x.elems = append(x.elems, elemInfo{tag: a, start: len(x.blocks)})
	x.stack = append(x.stack, openElem{tag: a, id: id, drop: drop})
	x.openTags[a]++
	if drop {
		x.drop++
	}
	if a == atom.H1 && !x.h1Done && x.h1ID < 0 {
		x.h1ID = id
	}
}

func (x *extractor) endTag(a atom.Atom) {
	switch a {
	case atom.Title:
		x.inTitle = false
	case atom.Script:
		if x.inLD {
			x.inLD = false
			x.jsonLD(x.ldText.String())
			x.ldText.Reset()
		}
	}
	if x.openTags[a] == 0 {
		if blocks[a] {
			x.flush()
		}
		return
	}
	x.flush()
	for len(x.stack) > 0 {
		if x.pop() == a {
			return
		}
	}
}

// pop closes the innermost open element and returns its tag.
func (x *extractor) pop() atom.Atom {
	top := x.stack[len(x.stack)-1]
	x.stack = x.stack[:len(x.stack)-1]
	x.openTags[top.tag]--
	if top.drop {
		x.drop--
	}
	e := &x.elems[top.id]
	e.end = len(x.blocks)
	if top.id == x.h1ID {
		x.h1 = x.h1Text.String()
		x.h1ID, x.h1Done = -1, true
	}
	if top.tag == atom.P {
		n := 0
		for _, b := range x.blocks[e.start:e.end] {
			n += len(b)
		}
		x.credit(n)
	}
	return top.tag
}

// credit adds the text of a paragraph that just closed to the scores of
// the elements holding it.
func (x *extractor) credit(n int) {
	if k := len(x.stack); k > 0 {
		x.elems[x.stack[k-1].id].score += n
		if k > 1 {
			x.elems[x.stack[k-2].id].score += n / 2
		}
	}
}

// flush ends the current line of text.
func (x *extractor) flush() {
	x.space = false
	if x.cur.Len() == 0 {
		return
	}
	b := x.cur.String()
	x.cur.Reset()
	x.blocks = append(x.blocks, b)
	// Long lines of prose outside <p> count as paragraphs too, for pages
	// that separate paragraphs with <br>.
	if k := len(x.stack); k > 0 && x.stack[k-1].tag != atom.P && len(b) >= 80 {
		x.credit(len(b))
	}
}

// text returns the lines of the article: those of the <article> holding
// the best-scored element, else of the best-scored element unless some
// <article> has as much text, else all lines.
func (x *extractor) text() string {
	best := -1
	for i, e := range x.elems {
		if e.score > 0 && (best < 0 || e.score > x.elems[best].score) {
			best = i
		}
	}
	// sum[i] is the length of the first i lines.
	sum := make([]int, len(x.blocks)+1)
	for i, b := range x.blocks {
		sum[i+1] = sum[i] + len(b)
	}
	article, articleText := -1, 0
	for i, e := range x.elems {
		if e.tag != atom.Article {
			continue
		}
		if best >= 0 && i <= best && e.start <= x.elems[best].start && x.elems[best].end <= e.end {
			article, articleText = i, -1 // holds the best: take it, outermost first
			break
		}
		if n := sum[e.end] - sum[e.start]; n > articleText {
			article, articleText = i, n
		}
	}
	chosen := best
	if article >= 0 && (best < 0 || articleText < 0 || articleText >= x.elems[best].score) {
		chosen = article
	}
	lines := x.blocks
	if chosen >= 0 {
		lines = x.blocks[x.elems[chosen].start:x.elems[chosen].end]
	}
	return strings.Join(lines, "\n")
}

func (x *extractor) meta(a *tagAttrs) {
	key := strings.ToLower(firstNonEmpty(a.property, a.name, a.itemprop))
	val := strings.TrimSpace(a.content)
	if val == "" {
		return
	}
	set := func(p *string) {
		if *p == "" {
			*p = val
		}
	}
	switch key {
	case "og:title":
		set(&x.ogTitle)
	case "og:site_name":
		set(&x.outlet)
	case "og:url":
		set(&x.ogURL)
	default:
		if r, ok := dateMetaRank[key]; ok {
			set(&x.dates[r])
		}
	}
}

// jsonLD reads datePublished and headline from a JSON-LD script, which may
// hold one object, an array of them or an @graph.
func (x *extractor) jsonLD(src string) {
	var v any
	if json.Unmarshal([]byte(src), &v) != nil {
		return
	}
	// Walk with an explicit stack: the nesting depth is the page author's.
	todo := []any{v}
	for len(todo) > 0 {
		v := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		switch v := v.(type) {
		case []any:
			for i := len(v) - 1; i >= 0; i-- {
				todo = append(todo, v[i])
			}
		case map[string]any:
			if s, ok := v["datePublished"].(string); ok && x.dates[dateJSONLD] == "" {
				x.dates[dateJSONLD] = s
			}
			if s, ok := v["headline"].(string); ok && x.ldHeadline == "" {
				x.ldHeadline = s
			}
			if g, ok := v["@graph"]; ok {
				todo = append(todo, g)
			}
		}
	}
}

// tagAttrs are the attributes the extractor looks at.
type tagAttrs struct {
	property, name, itemprop, content string
	rel, href, datetime, typ          string
	boilerplate                       bool // class or id names page furniture
}

func (t *tagAttrs) read(z *html.Tokenizer, a atom.Atom) {
	for more := true; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		switch string(k) {
		case "property":
			t.property = string(v)
		case "name":
			t.name = string(v)
		case "itemprop":
			t.itemprop = string(v)
		case "content":
			t.content = string(v)
		case "rel":
			t.rel = string(v)
		case "href":
			if a == atom.Link {
				t.href = string(v)
			}
		case "datetime":
			t.datetime = string(v)
		case "type":
			t.typ = string(v)
		case "class", "id":
			if blocks[a] && a != atom.Body && a != atom.Html && a != atom.Article && a != atom.Main {
				t.boilerplate = t.boilerplate || isBoilerplate(v)
			}
		}
	}
}

func isBoilerplate(v []byte) bool {
	s := strings.ToLower(string(v))
	for _, w := range boilerplateWords {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// collapseSpace trims s and folds its runs of white space into one space.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
