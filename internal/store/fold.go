package store

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns the search form of s: lower case, without diacritics, with
// đ/Đ as d, and with every run of characters other than letters and digits
// turned into one space. "Bình Nhưỡng, Hàn-Trung" folds to
// "binh nhuong han trung". Both engines index and query this form, so
// search behaves the same on SQLite and PostgreSQL and needs neither
// engine's own (incomplete) diacritic folding.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false // a separator is pending
	for _, r := range s {
		if r < utf8.RuneSelf {
			switch {
			case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			case 'A' <= r && r <= 'Z':
				r += 'a' - 'A'
			default:
				space = b.Len() > 0
				continue
			}
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
			continue
		}
		if f := foldRune(r); f != "" {
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteString(f)
		}
		if !isWordRune(r) {
			space = b.Len() > 0
		}
	}
	return b.String()
}

// foldRune returns the folded letters of one non-ASCII rune: "" for marks
// and separators, the lower-case base letters of a letter otherwise. The
// Latin ranges Vietnamese uses come from a table built once.
func foldRune(r rune) string {
	if i := latinIndex(r); i >= 0 {
		return latinFolds()[i]
	}
	return foldSlow(r)
}

func foldSlow(r rune) string {
	switch r {
	case 'đ', 'Đ':
		return "d"
	}
	if !isWordRune(r) || unicode.Is(unicode.Mn, r) {
		return ""
	}
	// Strip marks only: Hangul, say, decomposes into jamo without any.
	d := norm.NFD.String(string(r))
	if !strings.ContainsFunc(d, func(c rune) bool { return unicode.Is(unicode.Mn, c) }) {
		return string(unicode.ToLower(r))
	}
	var b strings.Builder
	for _, c := range d {
		if !unicode.Is(unicode.Mn, c) {
			b.WriteRune(unicode.ToLower(c))
		}
	}
	return b.String()
}

// latinIndex maps Latin-1 Supplement, Latin Extended-A and -B (U+0080–U+024F)
// and Latin Extended Additional (U+1E00–U+1EFF) to table indexes.
func latinIndex(r rune) int {
	switch {
	case 0x80 <= r && r < 0x250:
		return int(r - 0x80)
	case 0x1E00 <= r && r < 0x1F00:
		return int(r-0x1E00) + 0x250 - 0x80
	}
	return -1
}

var latinFolds = sync.OnceValue(func() []string {
	t := make([]string, 0x250-0x80+0x100)
	for r := rune(0x80); r < 0x250; r++ {
		t[latinIndex(r)] = foldSlow(r)
	}
	for r := rune(0x1E00); r < 0x1F00; r++ {
		t[latinIndex(r)] = foldSlow(r)
	}
	return t
})

// isWordRune reports whether r belongs to a word: letters, digits and the
// combining marks of decomposed text.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// words calls fn with the byte offsets of each word of s (see isWordRune).
func words(s string, fn func(start, end int)) {
	start := -1
	for i, r := range s {
		if isWordRune(r) || r == 'đ' || r == 'Đ' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			fn(start, i)
			start = -1
		}
	}
	if start >= 0 {
		fn(start, len(s))
	}
}
