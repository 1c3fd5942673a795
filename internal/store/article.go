package store

import (
	"strings"
	"unicode/utf8"

	"github.com/sukien/sukien"
	"github.com/sukien/sukien/internal/text"
)

// ArticleOf builds the Article Ingest stores from a document, its prepared
// text (text.Prepare, as the extractor made it) and its extracted records.
//
// The cleaned text is the body sentences of td joined by a space, and by a
// newline where a paragraph ends, so that boilerplate (captions, related
// links, bylines) is neither searched nor shown; it is td.Text when td has
// no body sentence. Sentence offsets count characters in the cleaned text
// and in doc.Text; removed spans are in characters of doc.Text. A document
// without a title takes the headline td found, for search and display.
func ArticleOf(doc sukien.Document, td *text.Doc, events []sukien.Event) Article {
	a := Article{Doc: doc, Events: events}
	if td == nil {
		a.Text = doc.Text
		return a
	}
	orig := runeCursor{s: td.Orig}
	var b strings.Builder
	b.Grow(len(td.Text))
	chars, para := 0, -1
	for i, s := range td.Sentences {
		if s.Kind != text.Body {
			if s.Kind == text.Title && a.Doc.Title == "" {
				a.Doc.Title = td.Sentence(i)
			}
			continue
		}
		if para >= 0 {
			sep := " "
			if s.Para != para {
				sep = "\n"
			}
			b.WriteString(sep)
			chars++
		}
		para = s.Para
		body := td.Text[s.Start:s.End]
		n := utf8.RuneCountInString(body)
		from, to := td.OrigSpan(s.Start, s.End)
		a.Sentences = append(a.Sentences, Sentence{Start: chars, End: chars + n,
			OrigStart: orig.at(from), OrigEnd: orig.at(to), Text: body})
		b.WriteString(body)
		chars += n
	}
	if a.Sentences == nil {
		a.Text = td.Text
	} else {
		a.Text = b.String()
	}
	orig = runeCursor{s: td.Orig}
	for _, sp := range td.Removed {
		from, to := td.OrigSpan(sp.Start, sp.End)
		a.Removed = append(a.Removed, Span{Kind: sp.Kind.String(), Start: orig.at(from), End: orig.at(to)})
	}
	return a
}

// runeCursor converts byte offsets of s into character offsets. Offsets
// asked in increasing order, as sentences and spans come, cost one pass
// over s in all; an offset behind the cursor restarts the count.
type runeCursor struct {
	s           string
	byte, runes int
}

func (c *runeCursor) at(off int) int {
	off = min(max(off, 0), len(c.s))
	if off < c.byte {
		c.byte, c.runes = 0, 0
	}
	c.runes += utf8.RuneCountInString(c.s[c.byte:off])
	c.byte = off
	return c.runes
}
