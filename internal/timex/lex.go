package timex

import (
	"unicode"
	"unicode/utf8"

	"github.com/sukien/sukien/internal/text"
)

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokWord
	tokNum
	tokPunct
)

// token is one word, run of ASCII digits or punctuation mark of a sentence.
// Words carry their cue, the role they may play in a date expression.
type token struct {
	start, end int
	kind       tokKind
	cue        cue
}

// cue is the role of a word in date expressions. Names are the words'
// English glosses.
type cue uint8

const (
	cNone cue = iota

	cDay       // ngày
	cDayHom    // hôm
	cMorning   // sáng
	cNoon      // trưa
	cAfternoon // chiều
	cEvening   // tối
	cNight     // đêm
	cLateNight // khuya
	cDawn      // rạng (sáng)
	cEarly     // (sáng) sớm
	cLate      // muộn
	cMonth     // tháng
	cYear      // năm, also the numeral five
	cWeek      // tuần

	cSame           // cùng
	cBefore         // trước
	cAfter          // sau
	cWhenConj       // khi, in "trước khi", "sau khi"
	cOrdinal        // thứ
	cSunday1        // chủ (nhật)
	cSunday2        // (chủ) nhật
	cEnd            // cuối
	cBegin          // đầu
	cMiddle         // giữa
	cUpper          // thượng (tuần)
	cMid            // trung (tuần)
	cLower          // hạ (tuần)
	cMung           // mùng, mồng: "ngày mùng 2/9"
	cAt             // vào
	cFrom           // từ
	cTo             // đến
	cTill           // tới
	cBack           // hồi
	cIn             // trong
	cToday          // nay
	cPast           // qua
	cTomorrow       // mai
	cKia            // kia: two days or years away
	cThis           // này
	cLastYear       // ngoái
	cThat           // đó, ấy
	cJust           // vừa
	cAlready        // rồi
	cSoon           // sắp
	cMore           // nữa
	cAnd            // và
	cHere           // đây
	cWill           // sẽ
	cPlace          // tại, ở
	cJanuary        // giêng
	cDecember       // chạp
	cQuant          // vài, những, các...: "vài ngày trước" is no date
	cUnit           // lần, người, km...: a number before one is a count
	cTens           // mươi: "hai mươi"
	cFiveInCompound // lăm: "mười lăm"
	cOneInCompound  // mốt: "hai mươi mốt"

	// Numerals in order, so that their value is c-cOne+1; five is cYear.
	cOne
	cTwo
	cThree
	cFour
	cSix
	cSeven
	cEight
	cNine
	cTen
)

// cues maps the lower-case words that may take part in a date expression to
// their role. Keys are NFC, as are the sentences Find is given.
var cues = map[string]cue{
	"ngày": cDay, "hôm": cDayHom,
	"sáng": cMorning, "trưa": cNoon, "chiều": cAfternoon, "tối": cEvening,
	"đêm": cNight, "khuya": cLateNight, "rạng": cDawn, "sớm": cEarly, "muộn": cLate,
	"tháng": cMonth, "năm": cYear, "tuần": cWeek,
	"cùng": cSame, "trước": cBefore, "sau": cAfter, "khi": cWhenConj,
	"thứ": cOrdinal, "chủ": cSunday1, "nhật": cSunday2,
	"cuối": cEnd, "đầu": cBegin, "giữa": cMiddle,
	"thượng": cUpper, "trung": cMid, "hạ": cLower,
	"mùng": cMung, "mồng": cMung,
	"vào": cAt, "từ": cFrom, "đến": cTo, "tới": cTill, "hồi": cBack, "trong": cIn,
	"nay": cToday, "qua": cPast, "mai": cTomorrow, "kia": cKia, "này": cThis,
	"ngoái": cLastYear, "đó": cThat, "ấy": cThat,
	"vừa": cJust, "rồi": cAlready, "sắp": cSoon, "nữa": cMore, "và": cAnd,
	"đây": cHere, "sẽ": cWill, "tại": cPlace, "ở": cPlace,
	"giêng": cJanuary, "chạp": cDecember,
	"mươi": cTens, "lăm": cFiveInCompound, "mốt": cOneInCompound,
	"một": cOne, "hai": cTwo, "ba": cThree, "bốn": cFour, "tư": cFour,
	"sáu": cSix, "bảy": cSeven, "tám": cEight, "chín": cNine, "mười": cTen,
	"vài": cQuant, "mấy": cQuant, "những": cQuant, "các": cQuant, "nhiều": cQuant,
	"mỗi": cQuant, "hàng": cQuant, "từng": cQuant, "mọi": cQuant, "cả": cQuant,
	"lần": cUnit, "người": cUnit, "nước": cUnit, "km": cUnit, "giờ": cUnit,
	"phút": cUnit, "giây": cUnit, "tuổi": cUnit, "tấn": cUnit, "quả": cUnit,
	"chiếc": cUnit, "triệu": cUnit, "tỷ": cUnit, "nghìn": cUnit, "ngàn": cUnit,
	"số": cUnit, "lượng": cUnit, "dân": cUnit, "tổng": cUnit, "phần": cUnit,
}

// maxCueLen bounds the byte length of the words in cues.
const maxCueLen = 16

// cueTable holds cues in an open-addressing hash table, which turns away
// the many words that are not cues more cheaply than a map.
var cueTable = func() *[cueTableSize]cueEntry {
	var t [cueTableSize]cueEntry
	for k, c := range cues {
		h := cueHash(k, k[0])
		for t[h].key != "" {
			h = (h + 1) % cueTableSize
		}
		t[h] = cueEntry{k, c}
	}
	return &t
}()

const (
	cueTableBits = 9
	cueTableSize = 1 << cueTableBits // several times len(cues)
)

type cueEntry struct {
	key string
	cue cue
}

// cueHash hashes the word w with its first byte replaced by c0.
func cueHash(w string, c0 byte) uint {
	n := len(w)
	mid, last := w[n/2], w[n-1]
	if n/2 == 0 {
		mid = c0
	}
	if n == 1 {
		last = c0
	}
	x := uint32(c0) | uint32(mid)<<8 | uint32(last)<<16 | uint32(n)<<24
	return uint(x*0x9E3779B1) >> (32 - cueTableBits)
}

// find returns the cue of the lower-case word w.
func find(w string) cue { return findFirst(w, w[0]) }

// findFirst returns the cue of the lower-case word w with its first byte
// replaced by c0.
func findFirst(w string, c0 byte) cue {
	for h := cueHash(w, c0); ; h = (h + 1) % cueTableSize {
		e := &cueTable[h]
		if len(e.key) == len(w) && e.key[0] == c0 && e.key[1:] == w[1:] {
			return e.cue
		}
		if e.key == "" {
			return cNone
		}
	}
}

// lookup returns the cue of word w, whose first letter may be upper case.
func lookup(w string) cue {
	if len(w) > maxCueLen {
		return cNone
	}
	var buf [maxCueLen]byte
	switch c := w[0]; {
	case 'A' <= c && c <= 'Z':
		return findFirst(w, c+'a'-'A')
	case c >= utf8.RuneSelf:
		r, size := utf8.DecodeRuneInString(w)
		if l := text.LowerRune(r); l != r && utf8.RuneLen(l) == size {
			utf8.EncodeRune(buf[:], l)
			n := size + copy(buf[size:], w[size:])
			return find(string(buf[:n]))
		}
	}
	return find(w)
}

// numeral returns the value of a numeral word, 0 for other cues.
func numeral(c cue) int {
	switch {
	case c == cYear:
		return 5
	case c >= cOne && c <= cFour:
		return int(c-cOne) + 1
	case c >= cSix && c <= cTen:
		return int(c-cSix) + 6
	}
	return 0
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// isSep reports whether c separates the parts of a numeric date.
func isSep(c byte) bool { return c == '/' || c == '.' || c == '-' }

// letterAt reports whether s holds a letter at i.
func letterAt(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return false
	}
	if c := s[i]; c < utf8.RuneSelf {
		return isASCIILetter(c)
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isLetter(r)
}

// isLetter is unicode.IsLetter with a fast path for the Latin blocks that
// hold the Vietnamese letters.
func isLetter(r rune) bool {
	switch {
	case r >= 0x1E00 && r <= 0x1EFF: // Latin Extended Additional: ạ ế ộ ữ...
		return true
	case r >= 0xC0 && r <= 0x24F: // Latin-1 letters, Latin Extended-A and -B: đ ă ơ ư...
		return r != 0xD7 && r != 0xF7 // × and ÷
	}
	return unicode.IsLetter(r)
}

// letterBefore reports whether s holds a letter just before i.
func letterBefore(s string, i int) bool {
	if i <= 0 {
		return false
	}
	if c := s[i-1]; c < utf8.RuneSelf {
		return isASCIILetter(c)
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isLetter(r)
}

// isUpperWord reports whether the word at t begins with a capital letter.
func isUpperWord(s string, t token) bool {
	if c := s[t.start]; c < utf8.RuneSelf {
		return 'A' <= c && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s[t.start:])
	return unicode.IsUpper(r)
}

// next returns the token of s that starts at or after i. Underscores count
// as spaces, so that word-segmented text ("Hôm_nay") reads as plain text.
func next(s string, i int) token {
	for i < len(s) {
		c := s[i]
		if c == ' ' || c == '_' || c == '\t' || c == '\n' || c == '\r' {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			break
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) && r != '\u200b' && r != '\ufeff' {
			break
		}
		i += n
	}
	if i >= len(s) {
		return token{start: len(s), end: len(s)}
	}
	c := s[i]
	if isDigit(c) {
		j := i + 1
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		return token{start: i, end: j, kind: tokNum}
	}
	j := i
	for j < len(s) {
		c := s[j]
		if c < utf8.RuneSelf {
			if !isASCIILetter(c) {
				break
			}
			j++
			continue
		}
		// isLetter by hand for the encodings of Vietnamese letters:
		// U+00C0–U+024F but × and ÷, and U+1E00–U+1EFF.
		if c >= 0xC3 && c <= 0xC9 && j+1 < len(s) && s[j+1]&0xC0 == 0x80 {
			if r := rune(c&0x1F)<<6 | rune(s[j+1]&0x3F); r <= 0x24F {
				if r == 0xD7 || r == 0xF7 {
					break
				}
				j += 2
				continue
			}
		}
		if c == 0xE1 && j+2 < len(s) && s[j+1]-0xB8 < 4 && s[j+2]&0xC0 == 0x80 {
			j += 3
			continue
		}
		r, n := utf8.DecodeRuneInString(s[j:])
		if !isLetter(r) && !(j > i && unicode.IsMark(r)) {
			break
		}
		j += n
	}
	if j > i {
		return token{start: i, end: j, kind: tokWord, cue: lookup(s[i:j])}
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	return token{start: i, end: i + n, kind: tokPunct}
}
