package serve

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sukien/sukien"
	"github.com/sukien/sukien/internal/store"
)

// segment is a run of text with the class it is highlighted with ("" for
// plain text). Templates escape Text.
type segment struct {
	Text  string
	Class string
}

// mark is a highlighted span of a string, in byte offsets.
type mark struct {
	start, end int
	class      string
}

// findMarks appends a mark for every whole-word occurrence of each phrase
// in s: as written, or else ignoring case.
func findMarks(marks []mark, s, class string, phrases ...string) []mark {
	for _, p := range phrases {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		n := len(marks)
		marks = appendOccurrences(marks, s, p, class)
		if len(marks) == n {
			if ls, lp := strings.ToLower(s), strings.ToLower(p); len(ls) == len(s) {
				marks = appendOccurrences(marks, ls, lp, class)
			}
		}
	}
	return marks
}

func appendOccurrences(marks []mark, s, p, class string) []mark {
	for at := 0; at < len(s); {
		i := strings.Index(s[at:], p)
		if i < 0 {
			break
		}
		start, end := at+i, at+i+len(p)
		if wordBoundary(s, start, end) {
			marks = append(marks, mark{start, end, class})
		}
		at = end
	}
	return marks
}

// wordBoundary reports whether s[start:end] neither starts nor ends inside
// a word.
func wordBoundary(s string, start, end int) bool {
	if start > 0 {
		if r, _ := utf8.DecodeLastRuneInString(s[:start]); isWord(r) {
			return false
		}
	}
	if end < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[end:]); isWord(r) {
			return false
		}
	}
	return true
}

func isWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// segments cuts s at the marks. Where marks overlap, the earlier wins, and
// of two starting together the longer.
func segments(s string, marks []mark) []segment {
	sort.SliceStable(marks, func(i, j int) bool {
		if marks[i].start != marks[j].start {
			return marks[i].start < marks[j].start
		}
		return marks[i].end > marks[j].end
	})
	out := make([]segment, 0, 2*len(marks)+1)
	at := 0
	for _, m := range marks {
		if m.start < at {
			continue
		}
		if m.start > at {
			out = append(out, segment{Text: s[at:m.start]})
		}
		out = append(out, segment{Text: s[m.start:m.end], Class: m.class})
		at = m.end
	}
	if at < len(s) || len(out) == 0 {
		out = append(out, segment{Text: s[at:]})
	}
	return out
}

// mentionSegments highlights, in a mention's sentence, the names of its
// actors and recipients as written, its trigger and its date words.
func mentionSegments(m *store.Mention) []segment {
	var marks []mark
	marks = findMarks(marks, m.Sentence, "hl-actor", rawNames(m.Actor)...)
	marks = findMarks(marks, m.Sentence, "hl-recipient", rawNames(m.Recipient)...)
	marks = findMarks(marks, m.Sentence, "hl-trigger", m.Trigger)
	marks = findMarks(marks, m.Sentence, "hl-date", m.DateText)
	return segments(m.Sentence, marks)
}

func rawNames(as []sukien.Actor) []string {
	out := make([]string, 0, len(as))
	for _, a := range as {
		if a.Raw != "" {
			out = append(out, a.Raw)
		} else {
			out = append(out, a.Name)
		}
	}
	return out
}

// snippetSegments turns a store snippet, whose matches are marked «so»,
// into segments.
func snippetSegments(snippet string) []segment {
	var out []segment
	for snippet != "" {
		i := strings.Index(snippet, "«")
		if i < 0 {
			break
		}
		j := strings.Index(snippet[i:], "»")
		if j < 0 {
			break
		}
		if i > 0 {
			out = append(out, segment{Text: snippet[:i]})
		}
		out = append(out, segment{Text: snippet[i+len("«") : i+j], Class: "hl-match"})
		snippet = snippet[i+j+len("»"):]
	}
	if snippet != "" || len(out) == 0 {
		out = append(out, segment{Text: snippet})
	}
	return out
}

// docSegment is a run of a document's original text: boilerplate that was
// removed, a sentence reporting events, or plain body text.
type docSegment struct {
	Text    string
	Removed string      // kind of boilerplate, "" for kept text
	Anchor  string      // "sN" on the first segment of body sentence N
	Events  []eventLink // events the sentence reports
	Tags    []eventLink // shown after the last segment of the sentence
}

type eventLink struct {
	ID, Event, Class string
}

// docSegments cuts a document's original text at its removed spans, its
// sentences (each first segment anchored "sN") and the sentences its
// mentions come from, all in character offsets.
func docSegments(orig string, sentences []store.Sentence, removed []store.Span, mentions []store.Mention) []docSegment {
	type sent struct {
		start, end int
		events     []eventLink
	}
	var sents []sent
	index := map[[2]int]int{}
	for _, m := range mentions {
		if m.End <= m.Start {
			continue
		}
		k := [2]int{m.Start, m.End}
		i, ok := index[k]
		if !ok {
			i = len(sents)
			index[k] = i
			sents = append(sents, sent{start: m.Start, end: m.End})
		}
		link := eventLink{m.EventID, m.Event, quadClass(m.Event)}
		if !containsLink(sents[i].events, link.ID) {
			sents[i].events = append(sents[i].events, link)
		}
	}
	// Cut points, in characters, then mapped to bytes in one pass.
	cuts := []int{0}
	for _, r := range removed {
		cuts = append(cuts, r.Start, r.End)
	}
	for _, s := range sents {
		cuts = append(cuts, s.start, s.end)
	}
	anchors := make(map[int]string, len(sentences))
	for i, s := range sentences {
		cuts = append(cuts, s.OrigStart)
		if _, ok := anchors[s.OrigStart]; !ok {
			anchors[s.OrigStart] = "s" + strconv.Itoa(i)
		}
	}
	sort.Ints(cuts)
	byteAt := map[int]int{}
	n, ci := 0, 0
	for b := range orig {
		for ci < len(cuts) && cuts[ci] <= n {
			byteAt[cuts[ci]] = b
			ci++
		}
		n++
	}
	for ; ci < len(cuts); ci++ {
		byteAt[cuts[ci]] = len(orig)
	}
	var out []docSegment
	for i, c := range cuts {
		end := n
		if i+1 < len(cuts) {
			end = cuts[i+1]
		}
		if end <= c {
			continue
		}
		seg := docSegment{Text: orig[byteAt[c]:byteAtOr(byteAt, end, len(orig))], Anchor: anchors[c]}
		for _, r := range removed {
			if r.Start <= c && end <= r.End {
				seg.Removed = r.Kind
				break
			}
		}
		for _, s := range sents {
			if s.start <= c && end <= s.end {
				seg.Events = s.events
				if end == s.end {
					seg.Tags = s.events
				}
				break
			}
		}
		out = append(out, seg)
	}
	return out
}

func byteAtOr(m map[int]int, k, def int) int {
	if v, ok := m[k]; ok {
		return v
	}
	return def
}

func containsLink(links []eventLink, id string) bool {
	for _, l := range links {
		if l.ID == id {
			return true
		}
	}
	return false
}
