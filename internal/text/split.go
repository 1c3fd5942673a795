package text

import (
	"unicode"
	"unicode/utf8"
)

// Split splits normalised text into sentences and returns their byte spans,
// trimmed of surrounding space. Every line is at least one sentence.
func Split(s string) [][2]int {
	var buf [32][2]int
	spans := appendSplit(buf[:0], s)
	if len(spans) == 0 {
		return nil
	}
	return append([][2]int(nil), spans...) // one allocation, of the right size
}

// appendSplit appends the sentences of s to spans.
func appendSplit(spans [][2]int, s string) [][2]int {
	start := 0
	for i := 0; i < len(s); {
		for i < len(s) && !splitStop[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		switch s[i] {
		case '\n':
			spans = addSpan(spans, s, start, i)
			i++
			start = i
			continue
		case '.', '!', '?':
			end, next, ok := sentenceEnd(s, i)
			if ok {
				spans = addSpan(spans, s, start, end)
				start = next
			}
			i = max(end, i+1)
			continue
		}
		i++
	}
	return addSpan(spans, s, start, len(s))
}

// addSpan appends s[a:b] trimmed of spaces to spans, unless empty.
func addSpan(spans [][2]int, s string, a, b int) [][2]int {
	for a < b && s[a] == ' ' {
		a++
	}
	for b > a && s[b-1] == ' ' {
		b--
	}
	if a < b {
		spans = append(spans, [2]int{a, b})
	}
	return spans
}

// splitStop marks the bytes Split stops at.
var splitStop = [256]bool{'\n': true, '.': true, '!': true, '?': true}

// sentenceEnd looks at the terminator at s[i] and returns where the
// sentence ends (after terminators and closing quotes), where the next one
// starts, and whether the sentence really ends there.
func sentenceEnd(s string, i int) (end, next int, ok bool) {
	j := i
	for j < len(s) && (s[j] == '.' || s[j] == '!' || s[j] == '?' || s[j] == '/' && j+1 < len(s) && s[j+1] == '.') {
		j++
	}
	run := s[i:j]
	for j < len(s) && (s[j] == '"' || s[j] == '\'' || s[j] == ')' || s[j] == ']') {
		j++
	}
	end = j
	if j == len(s) || s[j] == '\n' {
		return end, j, true
	}
	if s[j] == ' ' {
		k := j
		for k < len(s) && s[k] == ' ' {
			k++
		}
		if k == len(s) || s[k] == '\n' {
			return end, k, true
		}
		r, _ := utf8.DecodeRuneInString(s[k:])
		opens := r == '"' || r == '\'' || r == '(' || r == '['
		if !(unicode.IsUpper(r) || unicode.IsDigit(r) || opens) {
			return end, k, false
		}
		if run == "." && abbreviation(s[:i]) {
			return end, k, false
		}
		return end, k, true
	}
	// Glued sentences: "Hàn Quốc.Cuộc họp", "hôm 19/6.Bộ Ngoại giao".
	if end != i+len(run) || len(run) != 1 && run != "./." {
		return end, j, false
	}
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[j:])
	if !unicode.IsUpper(after) {
		return end, j, false
	}
	switch {
	case unicode.IsLower(before) || unicode.IsDigit(before) || before == ')' || before == '"':
		if run == "." && abbreviation(s[:i]) {
			return end, j, false
		}
		return end, j, true
	case unicode.IsUpper(before):
		// "THAAD.Trung Quốc" ends a sentence; "TP.HCM", "D.C." do not.
		return end, j, len(lastWord(s[:i])) >= 3 && capitalised(s[j:])
	}
	return end, j, false
}

// lastWord returns the run of letters and dots ending s.
func lastWord(s string) string {
	i := len(s)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !(isLetter(r) || r == '.') {
			break
		}
		i -= size
	}
	return s[i:]
}

// capitalised reports whether s starts with an upper-case letter followed
// by a lower-case one, as a sentence's first word does.
func capitalised(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	r2, _ := utf8.DecodeRuneInString(s[n:])
	return unicode.IsUpper(r) && unicode.IsLower(r2)
}

// abbreviations that are followed by a capitalised name.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "jr": true, "sr": true,
	"gen": true, "col": true, "lt": true, "sgt": true, "capt": true, "gov": true, "sen": true, "rep": true,
	"ts": true, "ths": true, "pgs": true, "gs": true, "bs": true, "tp": true, "tt": true, "tk": true,
	"no": true, "vol": true, "inc": true, "co": true, "corp": true, "ltd": true, "vs": true,
}

// abbreviation reports whether the word ending s (just before a '.') is an
// abbreviation or an initial, so the '.' does not end a sentence.
func abbreviation(s string) bool {
	w := lastWord(s)
	if w == "" {
		return false
	}
	// Initials and dotted abbreviations: "H.", "D.C.", "U.S.", "PGS.TS".
	if n := utf8.RuneCountInString(w); n == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r)
	}
	if last := lastSegment(w); last != w {
		if utf8.RuneCountInString(last) <= 1 {
			r, _ := utf8.DecodeRuneInString(last)
			return last == "" || unicode.IsUpper(r)
		}
		w = last
	}
	return abbreviations[lower(w)]
}

func lastSegment(w string) string {
	for i := len(w) - 1; i >= 0; i-- {
		if w[i] == '.' {
			return w[i+1:]
		}
	}
	return w
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
