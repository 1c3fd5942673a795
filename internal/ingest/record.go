package ingest

import (
	"encoding/binary"
	"unicode/utf16"
	"unicode/utf8"
)

// fastRecord decodes the common shape of a document line — one object
// whose keys are among record's own, spelled as its tags, with string or
// null values (id and published null or a string) — in one pass, as
// json.Unmarshal would. encoding/json (validation, then reflection) was a
// sixteenth of `sukien extract`'s time. Anything else, invalid JSON
// included, makes it give up (ok false) and the caller use encoding/json,
// so that what is accepted and every error message stay its. b must be
// valid UTF-8: unquoting then never replaces a byte.
func fastRecord(b []byte, rec *record) (ok bool) {
	rec.safe = true
	i := skipWS(b, 0)
	if i == len(b) || b[i] != '{' {
		return false
	}
	i = skipWS(b, i+1)
	if i < len(b) && b[i] == '}' {
		return skipWS(b, i+1) == len(b)
	}
	for {
		if i == len(b) || b[i] != '"' {
			return false
		}
		j := i + 1
		for j < len(b) && b[j] != '"' && b[j] != '\\' && b[j] >= ' ' && b[j] < utf8.RuneSelf {
			j++
		}
		if j == len(b) || b[j] != '"' {
			return false // an escaped, non-ASCII or unterminated key
		}
		key := b[i+1 : j]
		i = skipWS(b, j+1)
		if i == len(b) || b[i] != ':' {
			return false
		}
		i = skipWS(b, i+1)
		if i == len(b) {
			return false
		}
		var str *string
		var flex *flexString
		switch string(key) {
		case "id":
			flex = &rec.ID
		case "published":
			flex = &rec.Published
		case "outlet":
			str = &rec.Outlet
		case "url":
			str = &rec.URL
		case "title":
			str = &rec.Title
		case "text":
			str = &rec.Text
		case "html":
			str = &rec.HTML
		default:
			// Unknown keys, and keys matching a field only case-insensitively,
			// are encoding/json's business.
			return false
		}
		switch b[i] {
		case '"':
			s, end, uEsc, ok := unquote(b, i)
			if !ok {
				return false
			}
			if uEsc {
				rec.safe = false
			}
			if str != nil {
				*str = s
			} else {
				*flex = flexString(s)
			}
			i = end
		case 'n':
			if len(b)-i < 4 || string(b[i:i+4]) != "null" {
				return false
			}
			// null leaves a string as it was; flexString reads it as "".
			if flex != nil {
				*flex = ""
			}
			i += 4
		default:
			return false
		}
		i = skipWS(b, i)
		if i == len(b) {
			return false
		}
		switch b[i] {
		case ',':
			i = skipWS(b, i+1)
		case '}':
			return skipWS(b, i+1) == len(b)
		default:
			return false
		}
	}
}

// skipWS skips JSON white space.
func skipWS(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// unquote decodes the JSON string starting at b[i] (a quote) as
// encoding/json does, returning it, the offset after its closing quote and
// whether it had a \u escape.
func unquote(b []byte, i int) (_ string, end int, uEsc, ok bool) {
	i++
	j := plainEnd(b, i)
	if j == len(b) || b[j] < ' ' {
		return "", 0, false, false
	}
	if b[j] == '"' {
		return string(b[i:j]), j + 1, false, true
	}
	out := make([]byte, 0, len(b)-i)
	for {
		out = append(out, b[i:j]...)
		switch {
		case j == len(b) || b[j] < ' ':
			return "", 0, false, false
		case b[j] == '"':
			return string(out), j + 1, uEsc, true
		case j+1 == len(b):
			return "", 0, false, false
		}
		// b[j] is a backslash.
		switch e := b[j+1]; e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			uEsc = true
			r := hex4(b, j+2)
			if r < 0 {
				return "", 0, false, false
			}
			j += 6
			if utf16.IsSurrogate(r) {
				// A valid pair is one rune; anything else is U+FFFD and
				// what follows is read on its own.
				if r2 := escapedU4(b, j); r2 >= 0 {
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						r = dec
						j += 6
					} else {
						r = utf8.RuneError
					}
				} else {
					r = utf8.RuneError
				}
			}
			out = utf8.AppendRune(out, r)
			i = j
			j = plainEnd(b, i)
			continue
		default:
			return "", 0, false, false // \' and others are invalid JSON
		}
		i = j + 2
		j = plainEnd(b, i)
	}
}

// plainEnd returns the offset of the first quote, backslash or control
// byte at or after i, or len(b), testing eight bytes at a time.
func plainEnd(b []byte, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		q, bs := x^(ones*'"'), x^(ones*'\\')
		// Exact tests for a byte < 0x20, a zero byte of q, of bs.
		if ((x-ones*0x20)&^x|(q-ones)&^q|(bs-ones)&^bs)&highs != 0 {
			break
		}
	}
	for ; i < len(b); i++ {
		if c := b[i]; c == '"' || c == '\\' || c < ' ' {
			return i
		}
	}
	return i
}

// escapedU4 reads `\uXXXX` at b[j], or returns -1.
func escapedU4(b []byte, j int) rune {
	if j+1 < len(b) && b[j] == '\\' && b[j+1] == 'u' {
		return hex4(b, j+2)
	}
	return -1
}

// hex4 reads four hexadecimal digits at b[j], or returns -1.
func hex4(b []byte, j int) rune {
	if j+4 > len(b) {
		return -1
	}
	var r rune
	for _, c := range b[j : j+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}
