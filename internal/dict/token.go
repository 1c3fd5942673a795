package dict

import (
	"encoding/binary"
	"unicode"
	"unicode/utf8"
)

// Token is one word or number of a normalised sentence. Punctuation is not
// a token; it shows in the gap between two tokens.
type Token struct {
	Start, End   int  // byte offsets in the sentence
	LStart, LEnd int  // byte offsets of the lower-cased form in Tokens.Lower
	Upper        bool // starts with an upper-case letter
	Number       bool // starts with a digit
	// Break is set when something other than plain spaces, a glued hyphen
	// (`Jae-in`, `Hàn-Mỹ`) or an initial's dot (`H.R`) separates this token
	// from the previous one: a dictionary phrase never spans a break.
	Break bool
	// Hyphen is set when the token is glued to the previous one by a hyphen.
	Hyphen bool

	hash uint32 // wordHash of the lower-cased word, for Matcher.Longest
}

// Tokens is a tokenised sentence. Lower holds the lower-cased tokens joined
// by single spaces, so that the key of tokens i..j is one sub-slice of it:
// Lower[T[i].LStart:T[j].LEnd]. Matchers read the word hashes Tokenize
// stores in the tokens: fill Tokens with Tokenize, not by hand.
type Tokens struct {
	Src   string
	T     []Token
	Lower []byte
}

// Key returns the lower-cased key of tokens i..j-1 (j exclusive) without
// allocating; it is only valid until the next Tokenize into t.
func (t *Tokens) Key(i, j int) []byte { return t.Lower[t.T[i].LStart:t.T[j-1].LEnd] }

// Text returns the sentence text of tokens i..j-1.
func (t *Tokens) Text(i, j int) string { return t.Src[t.T[i].Start:t.T[j-1].End] }

// Word returns the lower-cased word of token i.
func (t *Tokens) Word(i int) []byte { return t.Lower[t.T[i].LStart:t.T[i].LEnd] }

// Gap returns the text between token i-1 and token i (the sentence start
// for i == 0).
func (t *Tokens) Gap(i int) string {
	if i == 0 {
		return t.Src[:t.T[0].Start]
	}
	if i >= len(t.T) {
		return t.Src[t.T[len(t.T)-1].End:]
	}
	return t.Src[t.T[i-1].End:t.T[i].Start]
}

// Tokenize splits s into word and number tokens, reusing t's buffers.
// Letters, digits and the marks that follow them form words; an apostrophe
// inside a word (O'Brien) is kept in it.
func (t *Tokens) Tokenize(s string) {
	t.Src = s
	t.T = t.T[:0]
	t.Lower = t.Lower[:0]
	for i := 0; i < len(s); {
		c, size := latinClass[s[i]&0x7F], 1
		if s[i] >= utf8.RuneSelf {
			c, size = classAt(s, i)
		}
		if c&classWord == 0 {
			i += size
			continue
		}
		start, upper, number := i, c&classUpper != 0, c&classDigit != 0
		if len(t.Lower) > 0 {
			t.Lower = append(t.Lower, ' ')
		}
		lstart := len(t.Lower)
		for {
			switch l := c.lower(); {
			case l < utf8.RuneSelf:
				t.Lower = append(t.Lower, byte(l))
			case l < 0x800:
				t.Lower = append(t.Lower, byte(0xC0|l>>6), byte(0x80|l&0x3F))
			default:
				t.Lower = utf8.AppendRune(t.Lower, l)
			}
			i += size
			if i == len(s) {
				break
			}
			// classAt by hand for ASCII and the two- and three-byte
			// encodings of Vietnamese letters.
			switch b := s[i]; {
			case b < utf8.RuneSelf:
				if b == '\'' && i+1 < len(s) && isLetterByte(s, i+1) {
					t.Lower = append(t.Lower, '\'')
					i++
					c, size = classAt(s, i) // a letter
					continue
				}
				c, size = latinClass[b], 1
			case b >= 0xC2 && b <= 0xC8 && i+1 < len(s) && s[i+1]&0xC0 == 0x80: // U+0080–U+023F
				c, size = latinClass[rune(b&0x1F)<<6|rune(s[i+1]&0x3F)], 2
			case b == 0xE1 && i+2 < len(s) && s[i+1]-0xB8 < 4 && s[i+2]&0xC0 == 0x80: // U+1E00–U+1EFF
				c, size = extraClass[rune(s[i+1]&3)<<6|rune(s[i+2]&0x3F)], 3
			default:
				c, size = classAt(s, i)
			}
			if c&classWord == 0 {
				break
			}
		}
		var brk, hyphen bool
		if n := len(t.T); n > 0 {
			// One space (or underscore) is the usual gap, and no break.
			if p := t.T[n-1].End; p+1 != start || s[p] != ' ' && s[p] != '_' {
				brk, hyphen = gapKind(s, &t.T[n-1], start)
			}
		}
		// Fill the token in place: building it aside and copying it in
		// was a tenth of the time.
		t.T = append(t.T, Token{})
		tk := &t.T[len(t.T)-1]
		tk.Start, tk.End, tk.LStart, tk.LEnd = start, i, lstart, len(t.Lower)
		tk.Upper, tk.Number, tk.Break, tk.Hyphen = upper, number, brk, hyphen
		tk.hash = wordHash(t.Lower[lstart:])
	}
}

// classAt returns the class and the length of the rune at s[i].
func classAt(s string, i int) (runeClass, int) {
	if b := s[i]; b < utf8.RuneSelf {
		return latinClass[b], 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	return classOf(r), size
}

// runeClass is what Tokenize needs to know of a rune: its lower case in
// the low bits, and flags.
type runeClass uint32

const (
	classWord runeClass = 1 << (24 + iota) // isWordRune
	classUpper
	classDigit
	classLetter
	classLower = 1<<21 - 1
)

func (c runeClass) lower() rune { return rune(c & classLower) }

// Classes of the runes of Latin scripts, Vietnamese included, built from
// the unicode package once.
var (
	latinClass [0x250]runeClass
	extraClass [0x100]runeClass // U+1E00–U+1EFF, Latin Extended Additional
)

func init() {
	for r := range rune(len(latinClass)) {
		latinClass[r] = slowClass(r)
	}
	for r := range rune(len(extraClass)) {
		extraClass[r] = slowClass(0x1E00 + r)
	}
}

func classOf(r rune) runeClass {
	if uint32(r) < uint32(len(latinClass)) {
		return latinClass[r]
	}
	if r >= 0x1E00 && r < 0x1F00 {
		return extraClass[r-0x1E00]
	}
	return slowClass(r)
}

func slowClass(r rune) runeClass {
	c := runeClass(unicode.ToLower(r)) & classLower
	for _, f := range [...]struct {
		bit runeClass
		is  func(rune) bool
	}{{classWord, isWordRune}, {classUpper, unicode.IsUpper}, {classDigit, unicode.IsDigit}, {classLetter, unicode.IsLetter}} {
		if f.is(r) {
			c |= f.bit
		}
	}
	return c
}

// wordHash is a hash of a lower-cased word that reads at most its first
// and last eight bytes: cheap for syllables, and Matcher compares the
// words it finds anyway.
func wordHash(w []byte) uint32 {
	var a, b uint64
	switch {
	case len(w) >= 8:
		a = binary.LittleEndian.Uint64(w)
		b = binary.LittleEndian.Uint64(w[len(w)-8:])
	case cap(w) >= 8:
		// Read past the end of the word, within the buffer, and mask.
		a = binary.LittleEndian.Uint64(w[:8]) & (1<<(8*len(w)) - 1)
	default:
		for i, c := range w {
			a |= uint64(c) << (8 * i)
		}
	}
	h := (a^uint64(len(w))<<59)*0x9E3779B97F4A7C15 ^ b*0xC2B2AE3D27D4EB4F
	h ^= h >> 32
	return uint32(h)
}

// gapKind classifies the bytes between the previous token and a new one.
func gapKind(s string, prev *Token, start int) (brk, hyphen bool) {
	gap := s[prev.End:start]
	switch {
	case gap == " " || gap == "_":
		return false, false
	case gap == "-":
		return false, true
	case gap == "." || gap == ". ":
		// An initial: `H.R McMaster`, `D.C.`, `J. Biden`.
		if n := utf8.RuneCountInString(s[prev.Start:prev.End]); n == 1 && prev.Upper {
			return false, false
		}
		return true, false
	}
	for j := 0; j < len(gap); j++ {
		if gap[j] != ' ' {
			return true, false
		}
	}
	return false, false
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isLetterByte(s string, i int) bool {
	c, _ := classAt(s, i)
	return c&classLetter != 0
}
