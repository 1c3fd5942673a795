package ingest

import (
	"encoding/binary"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// Test encoders, written from the encodings' rules rather than from the
// decoding tables they check.

func isToneMark(r rune) bool {
	return r == '\u0300' || r == '\u0301' || r == '\u0303' || r == '\u0309' || r == '\u0323'
}

// encodeWindows1258 writes s as Windows-1258 does: letters with their vowel
// shape precomposed, tones as combining marks.
func encodeWindows1258(t *testing.T, s string) string {
	t.Helper()
	var sb strings.Builder
	for _, r := range s {
		var base, tones []rune
		for _, m := range norm.NFD.String(string(r)) {
			if isToneMark(m) {
				tones = append(tones, m)
			} else {
				base = append(base, m)
			}
		}
		sb.WriteString(norm.NFC.String(string(base)) + string(tones))
	}
	out, err := charmap.Windows1258.NewEncoder().String(sb.String())
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return out
}

// encodeVNI writes s in the VNI encoding: a base letter and an accent byte.
func encodeVNI(s string) string {
	tone := map[rune]byte{'\u0300': 0xF8, '\u0301': 0xF9, '\u0309': 0xFB, '\u0303': 0xF5, '\u0323': 0xEF}
	iTone := map[rune]byte{'\u0300': 0xEC, '\u0301': 0xED, '\u0309': 0xE6, '\u0303': 0xF3, '\u0323': 0xF2}
	circ := map[rune]byte{0: 0xE2, '\u0300': 0xE0, '\u0301': 0xE1, '\u0309': 0xE5, '\u0303': 0xE3, '\u0323': 0xE4}
	breve := map[rune]byte{0: 0xEA, '\u0300': 0xE8, '\u0301': 0xE9, '\u0309': 0xFA, '\u0303': 0xFC, '\u0323': 0xEB}
	var b []byte
	for _, r := range s {
		if r < 0x80 {
			b = append(b, byte(r))
			continue
		}
		var shift byte // upper-case bytes are 0x20 below lower-case ones
		if unicode.IsUpper(r) {
			shift = 0x20
		}
		lower := unicode.ToLower(r)
		if lower == 'đ' {
			b = append(b, 0xF1-shift)
			continue
		}
		var base, shape, tn rune
		for _, m := range norm.NFD.String(string(lower)) {
			switch {
			case isToneMark(m):
				tn = m
			case m == '\u0302' || m == '\u0306' || m == '\u031B':
				shape = m
			default:
				base = m
			}
		}
		upperBase := byte(unicode.ToUpper(base))
		if shift == 0 {
			upperBase = byte(base)
		}
		switch {
		case shape == '\u031B' && base == 'o':
			b = append(b, 0xF4-shift)
		case shape == '\u031B' && base == 'u':
			b = append(b, 0xF6-shift)
		case base == 'i' && tn != 0:
			b = append(b, iTone[tn]-shift)
			continue
		case base == 'y' && tn == '\u0323':
			b = append(b, 0xEE-shift)
			continue
		case shape == '\u0302':
			b = append(b, upperBase, circ[tn]-shift)
			continue
		case shape == '\u0306':
			b = append(b, upperBase, breve[tn]-shift)
			continue
		default:
			b = append(b, upperBase)
		}
		if tn != 0 {
			b = append(b, tone[tn]-shift)
		}
	}
	return string(b)
}

func encodeUTF16LE(s string) string {
	b := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return string(b)
}

func TestDecodeVNIKnownBytes(t *testing.T) {
	// Hand-written VNI: "Hà Nội", "đồng", "Việt Nam", "nước".
	for in, want := range map[string]string{
		"Ha\xf8 No\xe4i":        "Hà Nội",
		"\xf1o\xe0ng":           "đồng",
		"Vie\xe4t Nam":          "Việt Nam",
		"n\xf6\xf4\xf9c":        "nước",
		"\xd1\xccNH":            "ĐÌNH",
		"Tr\xf6\xf4\xf8ng \x93": "Trường “",
	} {
		if got := decodeVNI([]byte(in)); got != want {
			t.Errorf("decodeVNI(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDecodeTCVN3Table(t *testing.T) {
	// Every byte from 0xA1 decodes to one Vietnamese letter or tone mark.
	for c := 0xA1; c <= 0xFF; c++ {
		s := []rune(decodeTCVN3([]byte{byte(c)}))
		if len(s) != 1 {
			t.Errorf("byte %#x decodes to %q", c, string(s))
			continue
		}
		r := unicode.ToLower(s[0])
		if _, ok := baseVowel[r]; !ok && r != 'đ' && !unicode.Is(unicode.Mn, r) {
			t.Errorf("byte %#x decodes to %q, not a Vietnamese letter", c, string(r))
		}
	}
	// Curly quotes typed in ABC fonts stay quotes.
	if got := decodeTCVN3([]byte("\x93Hoa B\xd7nh\x94")); got != "“Hoa Bình”" {
		t.Errorf("quotes: %q", got)
	}
}

func TestVietnameseSyllable(t *testing.T) {
	for _, w := range []string{"nghiêng", "Người", "khuya", "quốc", "giữ", "gì", "thuở", "ĐƯỜNG", "oai", "yêu", "chuyện"} {
		if !vietnameseSyllable(w) {
			t.Errorf("%q is a syllable", w)
		}
	}
	for _, w := range []string{"Ã¡", "ngưỡờ", "haư", "vieọt", "Mátxcơva", "ÿ", "a·b", "ñoàng"} {
		if vietnameseSyllable(w) {
			t.Errorf("%q is not a syllable", w)
		}
	}
}

func TestDecodeTextRejectsMojibake(t *testing.T) {
	// UTF-8 cut at a random byte is not a legacy encoding.
	s := []byte("Bộ trưởng Ngoại giao hai nước đã hội đàm tại thủ đô.")
	s = append(s[:2:2], s[3:]...) // drop the middle byte of "ộ"
	if _, _, err := decodeText(s); err == nil || !strings.Contains(err.Error(), "invalid UTF-8 at byte 1 ") {
		t.Errorf("err = %v", err)
	}
}
