package text

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Vietnamese letters are an ASCII base letter with at most one shape mark
// (circumflex, breve, horn) and at most one tone mark.
const (
	shapeNone = iota
	shapeCircumflex
	shapeBreve
	shapeHorn
)

const (
	toneNone = iota
	toneGrave
	toneAcute
	toneTilde
	toneHook
	toneDot
)

// letter describes one precomposed letter. base is the lower-case ASCII
// letter; 0 means the rune is not a Vietnamese-style letter.
type letter struct {
	base  byte
	shape uint8
	tone  uint8
	upper bool
}

const tableLo, tableHi = 0xC0, 0x1EFA

var (
	letters  [tableHi - tableLo]letter // rune -> parts
	composed [26][4][6]rune            // parts (lower case) -> rune
	markKind = map[rune][2]uint8{      // combining mark -> (shape, tone)
		0x0302: {shapeCircumflex, 0}, 0x0306: {shapeBreve, 0}, 0x031B: {shapeHorn, 0},
		0x0300: {0, toneGrave}, 0x0301: {0, toneAcute}, 0x0303: {0, toneTilde},
		0x0309: {0, toneHook}, 0x0323: {0, toneDot},
	}
)

func init() {
	for c := 'a'; c <= 'z'; c++ {
		composed[c-'a'][0][0] = c
	}
	for r := rune(tableLo); r < tableHi; r++ {
		d := norm.NFD.String(string(r))
		if len(d) < 2 {
			continue
		}
		b := unicode.ToLower(rune(d[0]))
		if b < 'a' || b > 'z' {
			continue
		}
		l := letter{base: byte(b), upper: d[0] < 'a'}
		ok := true
		for _, m := range d[1:] {
			k, found := markKind[m]
			switch {
			case !found, k[0] != 0 && l.shape != 0, k[1] != 0 && l.tone != 0:
				ok = false
			}
			l.shape |= k[0]
			l.tone |= k[1]
		}
		if !ok {
			continue
		}
		letters[r-tableLo] = l
		if !l.upper {
			composed[l.base-'a'][l.shape][l.tone] = r
		}
	}
}

// lookup returns the parts of r, with ok false for runes that are neither
// ASCII letters nor Vietnamese-style precomposed letters.
func lookup(r rune) (letter, bool) {
	switch {
	case r >= 'a' && r <= 'z':
		return letter{base: byte(r)}, true
	case r >= 'A' && r <= 'Z':
		return letter{base: byte(r) + 'a' - 'A', upper: true}, true
	case r == 'đ':
		return letter{base: 'd'}, true
	case r == 'Đ':
		return letter{base: 'd', upper: true}, true
	case r >= tableLo && r < tableHi:
		l := letters[r-tableLo]
		return l, l.base != 0
	}
	return letter{}, false
}

func isVowel(b byte) bool { return vowelBit(b) != 0 }

// vowelBit is 1 for a, e, i, o, u and y, else 0: a mask, not a branch,
// for letters come in no predictable order.
func vowelBit(b byte) int {
	const mask = 1<<('a'-'a') | 1<<('e'-'a') | 1<<('i'-'a') | 1<<('o'-'a') | 1<<('u'-'a') | 1<<('y'-'a')
	return int(uint32(mask) >> (b - 'a') & 1)
}

// maxSyllable bounds the letters of one syllable ("nghiêng" has 7).
const maxSyllable = 8

// syllable sums up a word for placeTone as wordEnd reads it, enough to
// tell without tonePosition that most syllables have their tone mark
// where it belongs already.
type syllable struct {
	n      int  // letters; -1 when a rune cannot be part of a syllable
	toned  int  // letters with a tone mark
	vowels int  // letters with a vowel base
	toneAt int  // index of the (last) toned letter
	last   rune // the last rune of the word
	firstQ bool // the first letter is q (a "qu" onset)
	// Of the (last) toned letter: a vowel; shaped (â, ê, ơ...); followed
	// by a letter that is not a vowel; followed by a shaped letter.
	toneVowel, toneShaped, consAfter, shapedAfter bool
	shaped                                        bool // any letter is shaped
	unsafe                                        bool // a rune is neither ASCII nor safeNFC
}

func (y *syllable) reset() { *y = syllable{} }

// add counts one letter; last is kept even when the word has already
// turned out not to be a syllable.
func (y *syllable) add(l letter, r rune) {
	y.last = r
	if y.n < 0 {
		return
	}
	v := vowelBit(l.base)
	y.vowels += v
	if y.toned > 0 && y.toneAt == y.n-1 && v == 0 {
		y.consAfter = true
	}
	if l.shape|l.tone != 0 {
		if l.shape != shapeNone {
			y.shaped = true
			y.shapedAfter = y.toned > 0
		}
		if l.tone != toneNone {
			y.toned++
			y.toneAt, y.toneVowel, y.toneShaped, y.shapedAfter = y.n, v != 0, l.shape != shapeNone, false
		}
	}
	if y.n == 0 {
		y.firstQ = l.base == 'q'
	}
	y.n++
}

// addASCII is add for a run of ASCII letters (no shape, no tone) with the
// given number of vowels.
func (y *syllable) addASCII(run string, vowels int) {
	y.last = rune(run[len(run)-1])
	if y.n < 0 {
		return
	}
	if y.toned > 0 && y.toneAt == y.n-1 && !isVowel(run[0]|0x20) {
		y.consAfter = true
	}
	if y.n == 0 {
		y.firstQ = run[0]|0x20 == 'q'
	}
	y.vowels += vowels
	y.n += len(run)
}

// placed reports whether tonePosition would leave the tone where it is,
// for the common shapes of syllable: one vowel; a tone on the last shaped
// vowel that is not the u of "qu"; a tone on the vowel before the final
// consonant in a syllable without shaped letters.
func (y *syllable) placed() bool {
	return y.toneVowel && (y.vowels == 1 ||
		y.toneShaped && !y.shapedAfter && !(y.toneAt == 1 && y.firstQ) ||
		!y.shaped && y.consAfter)
}

// placeTone appends to dst the word summed up in y with its tone mark on
// the canonical vowel. word must be NFC. Words that are not one
// well-formed Vietnamese syllable, or that have the tone where it belongs,
// are appended unchanged.
func placeTone(dst []byte, word string, y *syllable) []byte {
	if y.n <= 0 || y.n > maxSyllable || y.toned != 1 || y.vowels == 0 || y.placed() {
		return append(dst, word...)
	}
	if out, ok := retone(dst, word); ok {
		return out
	}
	return append(dst, word...)
}

// retone appends to dst the syllable word with its tone mark on the
// canonical vowel and reports whether anything changed.
func retone(dst []byte, word string) ([]byte, bool) {
	var ls [maxSyllable]letter
	var rs [maxSyllable]rune
	n, toneAt := 0, -1
	for _, r := range word {
		if n == maxSyllable {
			return dst, false
		}
		l, ok := lookup(r)
		if !ok {
			return dst, false
		}
		if l.tone != toneNone {
			if toneAt >= 0 {
				return dst, false
			}
			toneAt = n
		}
		ls[n], rs[n] = l, r
		n++
	}
	if toneAt < 0 {
		return dst, false
	}
	target := tonePosition(ls[:n], rs[:n])
	if target < 0 || target == toneAt {
		return dst, false
	}
	tone := ls[toneAt].tone
	for i := 0; i < n; i++ {
		r := rs[i]
		if i == toneAt || i == target {
			l := ls[i]
			t := uint8(toneNone)
			if i == target {
				t = tone
			}
			r = composed[l.base-'a'][l.shape][t]
			if r == 0 {
				return dst, false
			}
			if l.upper {
				r = unicode.ToUpper(r)
			}
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst, true
}

// tonePosition returns the index of the vowel that should carry the tone,
// or -1 when the letters do not form a Vietnamese syllable.
func tonePosition(ls []letter, rs []rune) int {
	i := 0
	for i < len(ls) && !isVowel(ls[i].base) {
		i++
	}
	onset := i
	if !validOnset(rs[:onset]) || i == len(ls) {
		return -1
	}
	// qu and gi onsets take the u or i when another vowel follows.
	if i+1 < len(ls) && isVowel(ls[i+1].base) {
		switch {
		case onset == 1 && ls[0].base == 'q' && ls[i].base == 'u',
			onset == 1 && (rs[0] == 'g' || rs[0] == 'G') && ls[i].base == 'i':
			i++
		}
	} else if onset == 1 && ls[0].base == 'q' {
		return -1
	}
	start := i
	for i < len(ls) && isVowel(ls[i].base) {
		i++
	}
	end := i
	if end-start > 3 || !validFinal(ls[end:]) {
		return -1
	}
	shaped := -1
	for j := start; j < end; j++ {
		if ls[j].shape != shapeNone {
			shaped = j
		}
	}
	switch {
	case shaped >= 0:
		return shaped
	case end-start == 1:
		return start
	case end < len(ls):
		return end - 1
	case end-start == 3:
		return start + 1
	}
	return start
}

func validOnset(rs []rune) bool {
	var buf [3]byte
	if len(rs) > len(buf) {
		return false
	}
	for i, r := range rs {
		switch {
		case r == 'đ' || r == 'Đ':
			if len(rs) != 1 {
				return false
			}
			return true
		case r >= 'a' && r <= 'z':
			buf[i] = byte(r)
		case r >= 'A' && r <= 'Z':
			buf[i] = byte(r) + 'a' - 'A'
		default:
			return false
		}
	}
	switch string(buf[:len(rs)]) {
	case "", "b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x",
		"ch", "gh", "gi", "kh", "ng", "nh", "ph", "th", "tr", "ngh":
		return true
	}
	return false
}

func validFinal(ls []letter) bool {
	var buf [2]byte
	if len(ls) > len(buf) {
		return false
	}
	for i, l := range ls {
		if l.shape != shapeNone || l.tone != toneNone {
			return false
		}
		buf[i] = l.base
	}
	switch string(buf[:len(ls)]) {
	case "", "c", "m", "n", "p", "t", "ch", "ng", "nh":
		return true
	}
	return false
}
