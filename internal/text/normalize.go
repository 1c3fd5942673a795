// Package text is the text stage of the pipeline: it normalises a raw
// article, maps every normalised offset back to the original, marks the
// boilerplate around the story (credits, captions, related links, bylines)
// and splits the rest into sentences.
package text

import (
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// OffsetMap maps byte offsets of a normalised text back to its original.
// Between checkpoints the two texts differ by a constant shift.
type OffsetMap struct {
	cps     []checkpoint
	origLen int
	inner   *OffsetMap // applied after this map when normalisation took two passes
}

type checkpoint struct{ out, orig int }

// Orig returns the byte offset in the original text of the byte at off in
// the normalised text. Offsets past the end map to the end.
func (m *OffsetMap) Orig(off int) int {
	if m == nil {
		return off
	}
	o := m.orig(off)
	if m.inner != nil {
		o = m.inner.Orig(o)
	}
	return o
}

func (m *OffsetMap) orig(off int) int {
	if off < 0 {
		off = 0
	}
	i := sort.Search(len(m.cps), func(i int) bool { return m.cps[i].out > off })
	limit := m.origLen
	if i < len(m.cps) {
		limit = m.cps[i].orig
	}
	o := off
	if i > 0 {
		o = m.cps[i-1].orig + off - m.cps[i-1].out
	}
	return min(o, limit)
}

// mapper builds a normalised text and its OffsetMap.
type mapper struct {
	out   []byte
	m     *OffsetMap
	delta int // orig - out after the last checkpoint
}

// at records that the next output byte comes from original offset orig.
func (w *mapper) at(orig int) {
	if d := orig - len(w.out); d != w.delta {
		w.m.cps = append(w.m.cps, checkpoint{len(w.out), orig})
		w.delta = d
	}
}

func newMapper(n int) *mapper {
	w := &mapper{m: &OffsetMap{origLen: n}}
	if p, _ := outBuffers.Get().(*[]byte); p != nil && cap(*p) >= n+n/16 {
		w.out = (*p)[:0]
	} else {
		w.out = make([]byte, 0, n+n/16)
	}
	return w
}

// outBuffers keeps the output buffers of mappers: the text is copied out
// of them (or is the input itself), so they can serve again.
var outBuffers sync.Pool

// result returns the output as a string and releases the buffer.
func (w *mapper) result() string {
	out := string(w.out)
	w.release()
	return out
}

// release gives the output buffer back for another mapper.
func (w *mapper) release() {
	if cap(w.out) <= maxPooled {
		b := w.out[:0]
		outBuffers.Put(&b)
	}
	w.out = nil
}

// maxPooled bounds the buffers kept for reuse.
const maxPooled = 1 << 20

// Normalize returns s in NFC with one tone-mark placement, typographic
// quotes and dashes folded, underscores between letters turned into spaces,
// runs of horizontal white space folded and lines trimmed, with a map from
// output byte offsets back to input byte offsets.
func Normalize(s string) (string, *OffsetMap) {
	out, m, _ := normalizeSafe(s)
	return out, m
}

// normalizeSafe is Normalize, also reporting whether s was SafeNFC (and so
// valid UTF-8).
func normalizeSafe(s string) (_ string, _ *OffsetMap, safe bool) {
	// Text made only of safe runes (see safeNFC) is in NFC, and so is what
	// normalize makes of it: it drops, keeps or folds to ASCII such runes
	// and re-tones letters into Latin letters that are safe too. Only other
	// text, which normalize gives up on at its first other rune, needs the
	// generic checks.
	if out, m, ok := normalize(s, true); ok {
		return out, m, true
	}
	out, m := normalizeAny(s)
	return out, m, false
}

// normalizeAny is Normalize without the short cut for safe text.
func normalizeAny(s string) (string, *OffsetMap) {
	var inner *OffsetMap
	if !norm.NFC.IsNormalString(s) {
		s, inner = nfc(s)
	}
	out, m, _ := normalize(s, false)
	m.inner = inner
	if !isNFC(out) {
		// Removing a zero-width character can join a letter and a mark;
		// an invalid byte, once U+FFFD, can leave its neighbour to compose.
		// The letter so composed is toned anew: "AA\u200b\u0301" is "AÁ"
		// after NFC, and its tone must sit where normalize puts it.
		out2, m2 := nfc(out)
		m2.inner = m
		out3, m3, _ := normalize(out2, false)
		m3.inner = m2
		out, m = out3, m3
	}
	return out, m
}

// IsNFC reports whether s is in NFC, as norm.NFC.IsNormalString does, with
// a fast path (about ten times faster) for text made of runes that are in
// NFC on their own and never compose with a neighbour: Latin letters
// precomposed or not, and punctuation.
func IsNFC(s string) bool { return isNFC(s) }

// isNFC is norm.NFC.IsNormalString with a fast path for text made of
// runes that are in NFC on their own and never compose with a neighbour:
// Latin letters precomposed or not, and punctuation.
func isNFC(s string) bool {
	return safeText(s) || norm.NFC.IsNormalString(s)
}

// SafeNFC reports whether s is valid UTF-8 made only of runes that are in
// NFC on their own and never compose with a neighbour (ASCII, Latin
// letters, general punctuation): such text is NFC, and so is any string
// made of its runes and other ASCII.
func SafeNFC[T string | []byte](s T) bool { return safeText(s) }

// safeText reports whether s is valid UTF-8 made only of ASCII and of
// runes for which safeNFC holds, reading the encodings directly:
// U+0080–U+02FF are C2–CB and a continuation byte, U+1E00–U+1EFF are
// E1 B8–BB and one, U+2002–U+206F are E2 80 82–E2 81 AF.
func safeText[T string | []byte](s T) bool {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			i++
		case c >= 0xC2 && c <= 0xCB:
			if i+1 >= len(s) || s[i+1]&0xC0 != 0x80 {
				return false
			}
			i += 2
		case c == 0xE1:
			if i+2 >= len(s) || s[i+1] < 0xB8 || s[i+1] > 0xBB || s[i+2]&0xC0 != 0x80 {
				return false
			}
			i += 3
		case c == 0xE2:
			if i+2 >= len(s) || s[i+2]&0xC0 != 0x80 {
				return false
			}
			if c1 := s[i+1]; !(c1 == 0x80 && s[i+2] >= 0x82 || c1 == 0x81 && s[i+2] <= 0xAF) {
				return false
			}
			i += 3
		default:
			return false
		}
	}
	return true
}

func safeNFC(r rune) bool {
	return r >= 0x80 && r < 0x300 || r >= 0x1E00 && r <= 0x1EFF || r >= 0x2002 && r <= 0x206F
}

// nfc composes s piece by piece, cutting before every ASCII byte: an ASCII
// character never composes with what precedes it.
func nfc(s string) (string, *OffsetMap) {
	w := newMapper(len(s))
	for i := 0; i < len(s); {
		j := i + 1
		for j < len(s) && s[j] >= utf8.RuneSelf {
			j++
		}
		seg := s[i:j]
		w.at(i)
		if norm.NFC.IsNormalString(seg) {
			w.out = append(w.out, seg...)
		} else {
			w.out = norm.NFC.AppendString(w.out, seg)
			w.at(j)
		}
		i = j
	}
	return w.result(), w.m
}

// Replacements of single runes; "" deletes.
func replacement(r rune) (string, bool) {
	switch r {
	case '“', '”', '„', '‟', '«', '»', '″', '＂':
		return `"`, true
	case '‘', '’', '‚', '‛', '′', '＇':
		return "'", true
	case '–', '—', '‒', '―', '−', '‐', '‑', '⁃':
		return "-", true
	case '…':
		return "...", true
	case '\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u180E':
		return "", true
	}
	return "", false
}

func isHSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\v', '\f', '\u00A0', '\u1680', '\u202F', '\u205F', '\u3000':
		return true
	}
	return r >= '\u2000' && r <= '\u200A'
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	if _, ok := lookup(r); ok {
		return true
	}
	return unicode.IsLetter(r) || unicode.IsMark(r)
}

func isAlnum(r rune) bool {
	return isLetter(r) || '0' <= r && r <= '9' || r >= utf8.RuneSelf && unicode.IsDigit(r)
}

// normalize does everything but the generic NFC pass on NFC input. When
// safeOnly is set it gives up (ok false) at the first rune of s that is
// neither ASCII nor safe (safeNFC), invalid bytes included.
func normalize(s string, safeOnly bool) (_ string, _ *OffsetMap, ok bool) {
	w := newMapper(len(s))
	space := -1        // original offset of a pending run of spaces
	lineStart := true  // nothing written on this line yet
	prev := rune('\n') // previous input rune, for underscores
	var syl syllable   // the word being copied
	emit := func(orig int) {
		if space >= 0 && !lineStart {
			w.at(space)
			w.out = append(w.out, ' ')
		}
		space = -1
		lineStart = false
		w.at(orig)
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case isASCIILetter(c): // first: most bytes start words
				j := wordEnd(s, i, &syl)
				if safeOnly && syl.unsafe {
					return "", nil, false
				}
				emit(i)
				w.out = placeTone(w.out, s[i:j], &syl)
				prev = syl.last
				i = j
				continue
			case c == ' ' && spacedNameHyphen(s, i):
				// "Moon_Jae - in", "Ri_Sol - ju": word-segmented corpora
				// space the hyphen of a romanised given name.
				emit(i + 1)
				w.out = append(w.out, '-')
				prev = '-'
				i += 3
				continue
			case c == ' ' || c == '\t' || c == '\v' || c == '\f':
				if space < 0 {
					space = i
				}
			case c == '\n' || c == '\r':
				space = -1
				w.at(i)
				w.out = append(w.out, '\n')
				lineStart = true
				if c == '\r' && i+1 < len(s) && s[i+1] == '\n' {
					i++
				}
			case c == '_' && isAlnum(prev) && i+1 < len(s) && isAlnum(nextRune(s[i+1:])):
				if space < 0 {
					space = i
				}
			case c < ' ' || c == 0x7F:
				if space < 0 {
					space = i
				}
			default:
				emit(i)
				w.out = append(w.out, c)
			}
			prev = rune(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if safeOnly && !safeNFC(r) { // U+FFFD included: invalid bytes decode to it
			return "", nil, false
		}
		switch {
		case r == utf8.RuneError && size == 1:
			emit(i)
			w.out = append(w.out, "\uFFFD"...)
		case r == '\u2028' || r == '\u2029' || r == '\u0085':
			space = -1
			w.at(i)
			w.out = append(w.out, '\n')
			lineStart = true
		case isHSpace(r):
			if space < 0 {
				space = i
			}
		case isLetter(r):
			j := wordEnd(s, i, &syl)
			if safeOnly && syl.unsafe {
				return "", nil, false
			}
			emit(i)
			w.out = placeTone(w.out, s[i:j], &syl)
			prev = syl.last
			i = j
			continue
		default:
			if rep, ok := replacement(r); ok {
				if rep != "" { // invisible characters are dropped
					emit(i)
					w.out = append(w.out, rep...)
				}
			} else if unicode.Is(unicode.Cc, r) {
				if space < 0 {
					space = i
				}
			} else {
				emit(i)
				w.out = append(w.out, s[i:i+size]...)
			}
		}
		prev = r
		i += size
	}
	// The end of the output is the end of the input, even when the last
	// word changed length (re-toned "ôả" → "ổa").
	w.at(len(s))
	if string(w.out) == s {
		w.release() // most text is already normalised: no copy
		return s, w.m, true
	}
	return w.result(), w.m, true
}

// spacedNameHyphen reports " - " at i between a capitalised ASCII word and
// a short lower-case ASCII word that ends there: the two halves of a
// romanised given name ("Jae - in"), not a dash between phrases.
func spacedNameHyphen(s string, i int) bool {
	if i+3 >= len(s) || s[i:i+3] != " - " {
		return false
	}
	j := i
	for j > 0 && isASCIILetter(s[j-1]) {
		j--
	}
	if i-j < 2 || i-j > 8 || s[j] < 'A' || s[j] > 'Z' || j > 0 && s[j-1] >= utf8.RuneSelf {
		return false
	}
	k := i + 3
	for k < len(s) && 'a' <= s[k] && s[k] <= 'z' {
		k++
	}
	if k-(i+3) < 2 || k-(i+3) > 6 {
		return false
	}
	return k == len(s) || !isASCIILetter(s[k]) && s[k] != '_' && s[k] < utf8.RuneSelf
}

func isASCIILetter(c byte) bool { return (c|0x20)-'a' < 26 }

// nextRune returns the first rune of s that normalisation keeps: "0_\u00ad0"
// joins like "0_0", or a second pass would read it differently.
func nextRune(s string) rune {
	for s != "" {
		r, n := utf8.DecodeRuneInString(s)
		if out, ok := replacement(r); !ok || out != "" {
			return r
		}
		s = s[n:]
	}
	return utf8.RuneError
}

// wordEnd returns the end of the run of letters and marks starting at i,
// and reads the run into syl for placeTone.
func wordEnd(s string, i int, syl *syllable) int {
	syl.reset()
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if !isASCIILetter(c) {
				return i
			}
			j, vowels := i+1, vowelBit(c|0x20)
			for j < len(s) && isASCIILetter(s[j]) {
				vowels += vowelBit(s[j] | 0x20)
				j++
			}
			syl.addASCII(s[i:j], vowels)
			i = j
			continue
		}
		// Decode Latin letters here; the rest is rare.
		var r rune
		var size int
		switch {
		case c >= 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			r, size = rune(c&0x1F)<<6|rune(s[i+1]&0x3F), 2
		case c == 0xE1 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			r, size = 0x1000|rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F), 3
		default:
			r, size = utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return i
			}
		}
		if !safeNFC(r) {
			syl.unsafe = true
		}
		if l, ok := lookup(r); ok {
			syl.add(l, r)
		} else if unicode.IsLetter(r) || unicode.IsMark(r) {
			syl.n, syl.last = -1, r // a letter, but not one of a syllable
		} else {
			return i
		}
		i += size
	}
	return i
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Key folds one word or phrase for dictionary look-up: Normalize, lower
// case, and hyphens, underscores and runs of white space become one space.
// Diacritics are kept.
func Key(s string) string {
	n, _ := Normalize(s)
	n = strings.ToLower(n)
	var b strings.Builder
	b.Grow(len(n))
	pending := false
	for _, r := range n {
		if r == '-' || r == '_' || unicode.IsSpace(r) {
			pending = b.Len() > 0
			continue
		}
		if pending {
			b.WriteByte(' ')
			pending = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Fold is a search key: Key with diacritics removed and đ turned into d,
// so that "binh nhuong" finds "Bình Nhưỡng".
func Fold(s string) string {
	k := Key(s)
	if ascii(k) {
		return k
	}
	b := make([]byte, 0, len(k))
	for _, r := range k {
		if l, ok := lookup(r); ok {
			b = append(b, l.base)
			continue
		}
		if r < utf8.RuneSelf {
			b = append(b, byte(r))
			continue
		}
		for _, d := range norm.NFD.String(string(r)) {
			if !unicode.Is(unicode.Mn, d) {
				b = utf8.AppendRune(b, d)
			}
		}
	}
	return string(b)
}
