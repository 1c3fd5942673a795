package main

import (
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/sukien/sukien"
)

// appendEvent appends ev as one line of JSON, byte for byte what
// json.Encoder (SetEscapeHTML(false)) writes for it, newline included.
// encoding/json's reflection was a sixth of `sukien extract`'s time once
// extraction itself got fast. ok is false when encoding/json would fail
// (a confidence that is NaN or infinite); the caller then uses it.
func appendEvent(b []byte, ev *sukien.Event) (_ []byte, ok bool) {
	if math.IsNaN(ev.Confidence) || math.IsInf(ev.Confidence, 0) {
		return b, false
	}
	b = append(b, `{"id":`...)
	b = appendJSONString(b, ev.ID)
	b = append(b, `,"doc":`...)
	b = appendJSONString(b, ev.Doc)
	b = append(b, `,"event":`...)
	b = appendJSONString(b, ev.Event)
	b = append(b, `,"mode":`...)
	b = appendJSONString(b, ev.Mode)
	b = append(b, `,"cameo":`...)
	b = appendJSONString(b, ev.Cameo)
	b = append(b, `,"date":`...)
	if ev.Date == nil {
		b = append(b, "null"...)
	} else {
		b = appendJSONString(b, *ev.Date)
	}
	b = appendOmitEmpty(b, `,"date_text":`, ev.DateText)
	b = append(b, `,"actor":`...)
	b = appendActors(b, ev.Actor)
	b = append(b, `,"recipient":`...)
	b = appendActors(b, ev.Recipient)
	b = append(b, `,"location":`...)
	if ev.Location == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, `{"name":`...)
		b = appendJSONString(b, ev.Location.Name)
		b = appendOmitEmpty(b, `,"country":`, ev.Location.Country)
		b = append(b, '}')
	}
	b = append(b, `,"sentence":`...)
	b = appendJSONString(b, ev.Sentence)
	b = appendOmitEmpty(b, `,"channel":`, ev.Channel)
	b = appendOmitEmpty(b, `,"level":`, ev.Level)
	b = appendOmitEmpty(b, `,"trigger":`, ev.Trigger)
	b = append(b, `,"start":`...)
	b = strconv.AppendInt(b, int64(ev.Start), 10)
	b = append(b, `,"end":`...)
	b = strconv.AppendInt(b, int64(ev.End), 10)
	if ev.Confidence != 0 {
		b = append(b, `,"confidence":`...)
		b = appendJSONFloat(b, ev.Confidence)
	}
	b = appendOmitEmpty(b, `,"summary":`, ev.Summary)
	if ev.Mentions != 0 {
		b = append(b, `,"mentions":`...)
		b = strconv.AppendInt(b, int64(ev.Mentions), 10)
	}
	return append(b, '}', '\n'), true
}

func appendOmitEmpty(b []byte, key, s string) []byte {
	if s == "" {
		return b
	}
	b = append(b, key...)
	return appendJSONString(b, s)
}

func appendActors(b []byte, as []sukien.Actor) []byte {
	if as == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range as {
		a := &as[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"kind":`...)
		b = appendJSONString(b, a.Kind)
		b = append(b, `,"name":`...)
		b = appendJSONString(b, a.Name)
		b = appendOmitEmpty(b, `,"country":`, a.Country)
		b = appendOmitEmpty(b, `,"id":`, a.ID)
		b = appendOmitEmpty(b, `,"sector":`, a.Sector)
		b = appendOmitEmpty(b, `,"title":`, a.Title)
		b = appendOmitEmpty(b, `,"raw":`, a.Raw)
		if a.Transliterated {
			b = append(b, `,"transliterated":true`...)
		}
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendJSONFloat formats f as encoding/json does (ES6 number to string).
func appendJSONFloat(b []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 → e-9, as encoding/json writes it.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendJSONString quotes s as encoding/json does without HTML escaping:
// `"` and `\` escaped, control bytes as \b \f \n \r \t or \u00XX, invalid
// UTF-8 as \ufffd, U+2028 and U+2029 as \u2028 and \u2029.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		// Valid two-byte sequences and those of U+1000–U+1FFF (Vietnamese
		// letters) need no escaping; decoding them was a third of the time.
		if c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2
			continue
		}
		if c == 0xE1 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
