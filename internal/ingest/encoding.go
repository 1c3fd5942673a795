package ingest

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

// Names of the legacy encodings that decodeText recognises, as recorded in
// Item.Encoding.
const (
	EncodingWindows1258 = "windows-1258"
	EncodingTCVN3       = "tcvn3"
	EncodingVNI         = "vni"
	EncodingUTF16       = "utf-16"
)

// textError is a problem with the bytes of an input, reported to the user
// as the message of a *sukien.Error.
type textError string

func (e textError) Error() string { return string(e) }

const (
	errEmpty  = textError("empty file")
	errBinary = textError("binary file")
)

// decodeText turns the bytes of one document into NFC-normalised UTF-8.
// It strips a byte order mark, rejects empty and binary input, and converts
// the legacy Vietnamese encodings (Windows-1258, TCVN3, VNI) when the input
// is not valid UTF-8. enc names the encoding converted from, "" for UTF-8.
func decodeText(b []byte) (text, enc string, err error) {
	switch {
	case bytes.HasPrefix(b, []byte("\xef\xbb\xbf")):
		b = b[3:]
	case bytes.HasPrefix(b, []byte("\xff\xfe")), bytes.HasPrefix(b, []byte("\xfe\xff")):
		// UTF-16 with a byte order mark is full of NUL bytes; decode it
		// before the binary check would reject it.
		u, err := xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM).NewDecoder().Bytes(b)
		if err != nil {
			return "", "", textError("invalid UTF-16")
		}
		b, enc = u, EncodingUTF16
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return "", "", errEmpty
	}
	if isBinary(b) {
		return "", "", errBinary
	}
	if utf8.Valid(b) {
		return norm.NFC.String(string(b)), enc, nil
	}
	if s, enc, ok := decodeLegacy(b); ok {
		return s, enc, nil
	}
	return "", "", textError(fmt.Sprintf("invalid UTF-8 at byte %d (not a known Vietnamese encoding)", invalidUTF8At(b)))
}

// isBinary reports whether b holds NUL bytes or, in its first few
// kilobytes, mostly control characters: a text in any encoding has neither.
func isBinary(b []byte) bool {
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	head := b[:min(len(b), 8<<10)]
	ctl := 0
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b {
			ctl++
		}
	}
	return ctl*10 > len(head)
}

// invalidUTF8At returns the offset of the first byte of b that is not part
// of a valid UTF-8 sequence, or -1.
func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// A legacyDecoder converts the bytes of a legacy Vietnamese encoding to
// NFC-normalised UTF-8.
type legacyDecoder struct {
	name   string
	decode func([]byte) string
}

// legacyDecoders in order of preference when two score alike.
var legacyDecoders = []legacyDecoder{
	{EncodingWindows1258, decodeWindows1258},
	{EncodingTCVN3, decodeTCVN3},
	{EncodingVNI, decodeVNI},
}

// decodeLegacy decodes b with each legacy Vietnamese encoding and keeps the
// one whose output reads most like Vietnamese syllables. ok is false if none
// is plausible.
func decodeLegacy(b []byte) (text, enc string, ok bool) {
	// Scoring a sample is enough to tell the encodings apart.
	sample := b[:min(len(b), 64<<10)]
	best, bestScore := -1, 0.0
	for i, d := range legacyDecoders {
		good, total := vietnameseWords(d.decode(sample))
		if total == 0 {
			continue
		}
		if score := float64(good) / float64(total); score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 || bestScore < 0.6 {
		return "", "", false
	}
	d := legacyDecoders[best]
	return d.decode(b), d.name, true
}

func decodeWindows1258(b []byte) string {
	s, err := charmap.Windows1258.NewDecoder().Bytes(b)
	if err != nil { // cannot happen: every byte maps to a rune
		return ""
	}
	// Windows-1258 writes tones as combining marks after the vowel.
	return norm.NFC.String(string(s))
}

// tcvn3High maps the bytes 0xA0–0xFF of TCVN 5712:1993 (the "ABC" fonts
// such as .VnTime) to Unicode. 0xB0–0xB4 are the standard's combining tone
// marks. Bytes 0x80–0x9F, used by the VN1 variant for capitals that ABC
// fonts lack, are read as Windows-1252 punctuation instead: Word documents
// typed in ABC fonts are full of its curly quotes and dashes.
var tcvn3High = [96]rune{
	// 0xA0
	'\u00a0', 'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', 'Ằ',
	// 0xB0
	'\u0300', '\u0309', '\u0303', '\u0301', '\u0323', 'à', 'ả', 'ã', 'á', 'ạ', 'Ẳ', 'ằ', 'ẳ', 'ẵ', 'ắ', 'Ẵ',
	// 0xC0
	'Ắ', 'Ầ', 'Ẩ', 'Ẫ', 'Ấ', 'Ề', 'ặ', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ', 'è', 'Ể', 'ẻ', 'ẽ',
	// 0xD0
	'é', 'ẹ', 'ề', 'ể', 'ễ', 'ế', 'ệ', 'ì', 'ỉ', 'Ễ', 'Ế', 'Ồ', 'ĩ', 'í', 'ị', 'ò',
	// 0xE0
	'Ổ', 'ỏ', 'õ', 'ó', 'ọ', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ', 'ù',
	// 0xF0
	'Ỗ', 'ủ', 'ũ', 'ú', 'ụ', 'ừ', 'ử', 'ữ', 'ứ', 'ự', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ', 'Ố',
}

func decodeTCVN3(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/4)
	for _, c := range b {
		switch {
		case c < 0x80:
			sb.WriteByte(c)
		case c < 0xA0:
			sb.WriteRune(charmap.Windows1252.DecodeByte(c))
		default:
			sb.WriteRune(tcvn3High[c-0xA0])
		}
	}
	return norm.NFC.String(sb.String())
}

// VNI writes a Vietnamese letter as a base letter followed by one accent
// byte that carries the vowel shape, the tone or both. A few letters (đ, ơ,
// ư and some i and y forms) have a byte of their own. Both cases of an
// accent byte are accepted after either case of letter, as old documents
// mix them. Other bytes are Windows-1252, which the VNI fonts extend.
var (
	vniLetters = map[byte]rune{
		0xD1: 'Đ', 0xF1: 'đ', 0xD4: 'Ơ', 0xF4: 'ơ', 0xD6: 'Ư', 0xF6: 'ư',
		0xCC: 'Ì', 0xEC: 'ì', 0xCD: 'Í', 0xED: 'í', 0xC6: 'Ỉ', 0xE6: 'ỉ',
		0xD3: 'Ĩ', 0xF3: 'ĩ', 0xD2: 'Ị', 0xF2: 'ị', 0xCE: 'Ỵ', 0xEE: 'ỵ',
	}
	// vniAccents maps the lower-case accent bytes to combining marks; an
	// upper-case accent byte is 0x20 less.
	vniAccents = map[byte]string{
		0xF8: "\u0300", 0xF9: "\u0301", 0xFB: "\u0309", 0xF5: "\u0303", 0xEF: "\u0323", // tones
		0xE2: "\u0302", 0xE0: "\u0302\u0300", 0xE1: "\u0302\u0301", 0xE5: "\u0302\u0309", 0xE3: "\u0302\u0303", 0xE4: "\u0302\u0323", // circumflex
		0xEA: "\u0306", 0xE8: "\u0306\u0300", 0xE9: "\u0306\u0301", 0xFA: "\u0306\u0309", 0xFC: "\u0306\u0303", 0xEB: "\u0306\u0323", // breve
	}
)

func decodeVNI(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/4)
	afterVowel := false
	for _, c := range b {
		if c < 0x80 {
			sb.WriteByte(c)
			afterVowel = strings.IndexByte("aeiouyAEIOUY", c) >= 0
			continue
		}
		if r, ok := vniLetters[c]; ok {
			sb.WriteRune(r)
			afterVowel = r != 'Đ' && r != 'đ'
			continue
		}
		lower := c
		if c >= 0xC0 && c < 0xE0 {
			lower = c + 0x20
		}
		if marks, ok := vniAccents[lower]; ok && afterVowel {
			sb.WriteString(marks)
			afterVowel = false
			continue
		}
		sb.WriteRune(charmap.Windows1252.DecodeByte(c))
		afterVowel = false
	}
	return norm.NFC.String(sb.String())
}

// baseVowel maps every lower-case Vietnamese vowel, toned or not, to the
// vowel without its tone mark.
var baseVowel = func() map[rune]rune {
	m := make(map[rune]rune, 72)
	for _, v := range "aăâeêioôơuưy" {
		for _, tone := range []string{"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"} {
			r, _ := utf8.DecodeRuneInString(norm.NFC.String(string(v) + tone))
			m[r] = v
		}
	}
	return m
}()

var (
	onsets = []string{"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
		"b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""}
	codas  = []string{"ch", "ng", "nh", "c", "m", "n", "p", "t", ""}
	nuclei = func() map[string]bool {
		m := map[string]bool{}
		for _, n := range strings.Fields(`a ă â e ê i o ô ơ u ư y
			ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ơi ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê
			iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyê uyu uêu`) {
			m[n] = true
		}
		return m
	}()
)

// vietnameseWords counts the words of s that contain a non-ASCII letter
// (total) and those of them that are well-formed Vietnamese syllables (good).
// Mis-decoded text yields symbols inside words, two tone marks, or vowel
// clusters that Vietnamese does not have.
func vietnameseWords(s string) (good, total int) {
	isSep := func(r rune) bool {
		return r < utf8.RuneSelf && !('a' <= r|0x20 && r|0x20 <= 'z') ||
			unicode.IsSpace(r) || 0x2000 <= r && r <= 0x206F
	}
	for len(s) > 0 {
		i := strings.IndexFunc(s, func(r rune) bool { return !isSep(r) })
		if i < 0 {
			break
		}
		s = s[i:]
		j := strings.IndexFunc(s, isSep)
		if j < 0 {
			j = len(s)
		}
		w := s[:j]
		s = s[j:]
		if !hasNonASCII(w) {
			continue
		}
		total++
		if vietnameseSyllable(w) {
			good++
		}
	}
	return good, total
}

func hasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// vietnameseSyllable reports whether w is onset + vowel nucleus + coda with
// at most one tone mark.
func vietnameseSyllable(w string) bool {
	if len(w) > 24 {
		return false
	}
	var buf [32]byte
	plain := buf[:0]
	tones := 0
	for _, r := range w {
		r = unicode.ToLower(r)
		if base, ok := baseVowel[r]; ok {
			if base != r {
				tones++
			}
			plain = utf8.AppendRune(plain, base)
		} else if r == 'đ' || 'a' <= r && r <= 'z' {
			plain = utf8.AppendRune(plain, r)
		} else {
			return false
		}
	}
	if tones > 1 {
		return false
	}
	p := string(plain)
	for _, on := range onsets {
		if !strings.HasPrefix(p, on) {
			continue
		}
		rest := p[len(on):]
		for _, co := range codas {
			if strings.HasSuffix(rest, co) && nuclei[rest[:len(rest)-len(co)]] {
				return true
			}
		}
	}
	return false
}
