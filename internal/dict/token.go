package dict

import (
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
}

// Tokens is a tokenised sentence. Lower holds the lower-cased tokens joined
// by single spaces, so that the key of tokens i..j is one sub-slice of it:
// Lower[T[i].LStart:T[j].LEnd].
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
	i := 0
	for i < len(s) {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if !isWordRune(r) {
			i += size
			continue
		}
		start := i
		upper := unicode.IsUpper(r)
		number := unicode.IsDigit(r)
		if len(t.Lower) > 0 {
			t.Lower = append(t.Lower, ' ')
		}
		lstart := len(t.Lower)
		for i < len(s) {
			r, size = rune(s[i]), 1
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(s[i:])
			}
			if r == '\'' && i+1 < len(s) && i > start && isLetterByte(s, i+1) {
				t.Lower = append(t.Lower, '\'')
				i++
				continue
			}
			if !isWordRune(r) {
				break
			}
			if r < utf8.RuneSelf {
				c := byte(r)
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				t.Lower = append(t.Lower, c)
			} else {
				t.Lower = utf8.AppendRune(t.Lower, unicode.ToLower(r))
			}
			i += size
		}
		tok := Token{Start: start, End: i, LStart: lstart, LEnd: len(t.Lower), Upper: upper, Number: number}
		if n := len(t.T); n > 0 {
			tok.Break, tok.Hyphen = gapKind(s, t.T[n-1], start)
		}
		t.T = append(t.T, tok)
	}
}

// gapKind classifies the bytes between the previous token and a new one.
func gapKind(s string, prev Token, start int) (brk, hyphen bool) {
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
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}
