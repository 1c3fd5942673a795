package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ToLower is strings.ToLower, with the lower case of Latin letters
// (Vietnamese included) read from tables rather than searched for in
// unicode's case ranges, which was most of the cost of lower-casing a
// Vietnamese sentence.
func ToLower(s string) string {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf && (s[i] < 'A' || s[i] > 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + utf8.UTFMax)
	b.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:]) // U+FFFD for an invalid byte, as strings.ToLower writes
		b.WriteRune(LowerRune(r))
		i += n
	}
	return b.String()
}

// LowerRune is unicode.ToLower, from tables for the Latin letters of
// Vietnamese words (unicode.ToLower's binary search showed in profiles).
func LowerRune(r rune) rune {
	switch {
	case r < rune(len(latinLower)):
		return latinLower[r]
	case r >= 0x1E00 && r < 0x1F00:
		return extraLower[r-0x1E00]
	}
	return unicode.ToLower(r)
}

var latinLower, extraLower = func() (l *[0x250]rune, e *[0x100]rune) {
	l, e = new([0x250]rune), new([0x100]rune)
	for r := range l {
		l[r] = unicode.ToLower(rune(r))
	}
	for r := range e {
		e[r] = unicode.ToLower(0x1E00 + rune(r))
	}
	return l, e
}()
