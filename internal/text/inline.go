package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxCaptionWords bounds the sentence before a credit that is taken for
// its caption: a longer one is more likely body text, and body text is
// worth more than a clean caption.
const maxCaptionWords = 45

// inlineStart marks the bytes a link or a credit starts with: one load a
// byte rather than two tests.
var inlineStart = func() (t [256]bool) {
	for c := range t {
		t[c] = c == '[' || creditsByFirst[c] != nil
	}
	return t
}()

// inlineSpans finds boilerplate inside the body line text[start:end]:
// captions with their credits ("Tổng thống Mỹ Donald Trump. Ảnh: EPA"),
// bare credits ("(Nguồn: Yonhap)") and bracketed related links.
func inlineSpans(text string, start, end int) []Span {
	s := text[start:end]
	var spans []Span
	done := 0 // end of the last span, relative to s
	for i := 0; i < len(s); i++ {
		if !inlineStart[s[i]] {
			continue // neither a link nor a credit starts here
		}
		switch {
		case s[i] == '[':
			j := strings.IndexByte(s[i:], ']')
			if j < 0 || strings.Count(s[i:i+j], " ") < 2 || !startsUpper(s[i+1:]) {
				continue
			}
			spans = append(spans, Span{start + i, start + i + j + 1, Related})
			done = i + j + 1
			i = done - 1
		case i == 0 || creditOpener(s[i-1]):
			m := creditAt(s, i)
			if m == "" {
				continue
			}
			from, to := i, creditEnd(s, i+len(m))
			if i > 0 && s[i-1] == '(' {
				from = i - 1
				if j := strings.IndexByte(s[i:], ')'); j >= 0 && j < 100 {
					to = i + j + 1
				}
			} else if p := strings.TrimRight(s[done:i], " "); strings.HasSuffix(p, " -") || p == "-" {
				from = done + len(p) - 1
			}
			kind := Credit
			// A credit inside a running sentence "... tới (Ảnh: AFP) để ..."
			// has no caption before it.
			midSentence := to < len(s) && isLowerStart(strings.TrimLeft(s[to:], " "))
			if c := captionStart(s, done, from); c < from && !midSentence {
				from, kind = c, Caption
			}
			spans = append(spans, Span{start + from, start + to, kind})
			done = to
			i = max(to-1, i)
		}
	}
	return spans
}

// captionStart returns the start of the caption sentence that ends at the
// credit at s[to:], not before done, or to when there is none.
func captionStart(s string, done, to int) int {
	var buf [16][2]int
	sents := appendSplit(buf[:0], s[done:to])
	if len(sents) == 0 {
		return to
	}
	c := sents[len(sents)-1]
	if words(s[done+c[0]:done+c[1]]) > maxCaptionWords {
		return to
	}
	return done + c[0]
}

// creditEnd returns where the credit that starts at s[i:] ends: its first
// word, "/" or " - " joined parts ("EPA/TTXVN", "Thanh Tuấn - TTXVN"), and
// the rest of the line when that is only a few capitalised words.
func creditEnd(s string, i int) int {
	type tok struct{ start, end int }
	var buf [12]tok
	toks := buf[:0]
	for j := i; j < len(s) && len(toks) < len(buf); {
		for j < len(s) && s[j] == ' ' {
			j++
		}
		k := j
		for k < len(s) && s[k] != ' ' {
			k++
		}
		if k > j {
			toks = append(toks, tok{j, k})
		}
		j = k
	}
	if len(toks) == 0 {
		return len(s)
	}
	word := func(t tok) string { return s[t.start:t.end] }
	sep := func(w string) bool {
		return w == "-" || w == "/" || strings.Contains(w, "/") && !isDigit(w[0])
	}
	n := 1
	if !strings.HasSuffix(word(toks[0]), ".") {
	extend:
		for n < len(toks) {
			// Names in capitals: "QUANG MINH", glued to the next caption
			// in crawled galleries: "QUANG MINHTổng bí thư".
			if upperWord(word(toks[n-1])) {
				w := word(toks[n])
				if c := upperPrefix(w); c == len(w) {
					n++
					continue
				} else if c > 1 && capitalised(w[c-1:]) {
					return toks[n].start + c - 1
				}
			}
			for k := n; k < len(toks) && k < n+3; k++ {
				w := word(toks[k])
				if !sep(w) {
					if !startsUpper(w) {
						break extend
					}
					continue
				}
				n = k + 1
				if (w == "-" || w == "/" || strings.HasSuffix(w, "/")) && n < len(toks) {
					n++
				}
				continue extend
			}
			break
		}
	}
	// A final "." or a short capitalised tail belongs to the credit too.
	rest := toks[n:]
	short := len(rest) <= 3
	for _, t := range rest {
		w := word(t)
		short = short && (startsUpper(w) || !isLetter(nextRune(w)))
	}
	if short || len(rest) > 0 && word(rest[0]) == "." && len(rest) == 1 {
		return len(s)
	}
	if len(rest) > 0 && word(rest[0]) == "." {
		return rest[0].end
	}
	return toks[n-1].end
}

// upperWord reports whether w has two or more letters, all upper case.
func upperWord(w string) bool {
	return upperPrefix(w) == len(w) && len(w) > 1
}

// upperPrefix returns the length in bytes of the upper-case letters
// starting w.
func upperPrefix(w string) int {
	for i, r := range w {
		if !unicode.IsUpper(r) {
			return i
		}
	}
	return len(w)
}

func isLowerStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}
