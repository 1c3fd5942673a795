package text

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestToneCanonical(t *testing.T) {
	// Old-style and new-style spellings, and syllables that must not move.
	tests := []struct{ in, want string }{
		{"hoà", "hòa"}, {"hòa", "hòa"}, {"thuỷ", "thủy"}, {"thủy", "thủy"},
		{"khoẻ", "khỏe"}, {"khỏe", "khỏe"}, {"Hoà", "Hòa"}, {"HOÀ", "HÒA"}, {"THUỶ", "THỦY"},
		{"toà", "tòa"}, {"loà", "lòa"}, {"hoá", "hóa"}, {"thoả", "thỏa"}, {"xoè", "xòe"}, {"luỹ", "lũy"},
		{"tuỳ", "tùy"}, {"quỹ", "quỹ"}, {"quý", "quý"}, {"quả", "quả"}, {"qua", "qua"},
		{"hoàng", "hoàng"}, {"hoàn", "hoàn"}, {"toán", "toán"}, {"huỳnh", "huỳnh"}, {"hoạch", "hoạch"},
		{"hòang", "hoàng"}, {"tóan", "toán"}, {"hùynh", "huỳnh"},
		{"gì", "gì"}, {"già", "già"}, {"giữ", "giữ"}, {"giường", "giường"}, {"giá", "giá"}, {"gìn", "gìn"},
		{"người", "người"}, {"rượu", "rượu"}, {"được", "được"}, {"thuở", "thuở"}, {"mưa", "mưa"},
		{"cứu", "cứu"}, {"nguyễn", "nguyễn"}, {"Nguyễn", "Nguyễn"}, {"khuỷu", "khuỷu"}, {"khủyu", "khuỷu"},
		{"ngoại", "ngoại"}, {"ngòai", "ngoài"}, {"xoáy", "xoáy"}, {"hài", "hài"}, {"sáu", "sáu"},
		{"kéo", "kéo"}, {"kìa", "kìa"}, {"túi", "túi"}, {"của", "của"}, {"mùa", "mùa"}, {"gửi", "gửi"},
		{"tiến", "tiến"}, {"yến", "yến"}, {"muốn", "muốn"}, {"thuế", "thuế"}, {"Đoàn", "Đoàn"}, {"ĐOÀN", "ĐOÀN"},
		{"đoà", "đòa"}, {"nghiêng", "nghiêng"}, {"Bình", "Bình"}, {"Nhưỡng", "Nhưỡng"}, {"Mỹ", "Mỹ"},
		// Not one Vietnamese syllable: left alone.
		{"Mátxcơva", "Mátxcơva"}, {"café", "café"}, {"Tokyô", "Tokyô"}, {"hoàà", "hoàà"},
	}
	for _, tt := range tests {
		got, _ := Normalize(tt.in)
		if got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
		// Decomposed input gives the same result.
		if got, _ := Normalize(norm.NFD.String(tt.in)); got != tt.want {
			t.Errorf("Normalize(NFD %q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hàn_Quốc và Moon_Jae-in", "Hàn Quốc và Moon Jae-in"},
		{"snake_case_ và __ x", "snake case_ và __ x"},
		{"“Hòa bình” – «ổn định»", `"Hòa bình" - "ổn định"`},
		{"‘an ninh’ — đối thoại ― hết", "'an ninh' - đối thoại - hết"},
		{"chờ…", "chờ..."},
		{"a\u00a0b\u200bc\u00adđ\ufeff", "a bcđ"},
		{"  hai   khoảng\t\ttrắng  \r\n  dòng mới \r dòng ba ", "hai khoảng trắng\ndòng mới\ndòng ba"},
		{"x\u2028y", "x\ny"},
		{"bad\xffbyte", "bad\uFFFDbyte"},
		{"ho\u0061\u0300 Ha\u0300n", "hòa Hàn"},
		{"gio\u0301i \u2003 Ha\u0300_Nội", "giói Hà Nội"},
	}
	for _, tt := range tests {
		got, m := Normalize(tt.in)
		if got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
		checkMap(t, tt.in, got, m)
	}
}

// checkMap checks that offsets are monotonic, in range, and that ASCII
// letters map to the same letters.
func checkMap(t *testing.T, in, out string, m *OffsetMap) {
	t.Helper()
	prev := 0
	for i := 0; i <= len(out); i++ {
		o := m.Orig(i)
		if o < prev || o > len(in) {
			t.Fatalf("%q: Orig(%d) = %d after %d (len %d)", in, i, o, prev, len(in))
		}
		prev = o
		if i < len(out) && out[i] >= 'A' && out[i] <= 'z' && o < len(in) && in[o] != out[i] &&
			utf8.ValidString(in) && norm.NFC.IsNormalString(in) && !strings.Contains(in, "_") {
			t.Errorf("%q: out[%d]=%q maps to in[%d]=%q", in, i, out[i], o, in[o])
		}
	}
	if len(out) > 0 && m.Orig(0) > len(in) {
		t.Errorf("Orig(0) out of range")
	}
}

func TestOffsetMapSpans(t *testing.T) {
	in := "  “Tổng thống”   nói:\r\n  hoà   bình…  "
	out, m := Normalize(in)
	for _, w := range []string{"Tổng thống", "nói", "bình", "..."} {
		i := strings.Index(out, w)
		a, b := m.Orig(i), m.Orig(i+len(w))
		got, _ := Normalize(in[a:b])
		if got != w {
			t.Errorf("span of %q maps to %q (%q)", w, in[a:b], got)
		}
	}
	if i := strings.Index(out, "hòa"); in[m.Orig(i):m.Orig(i+len("hòa"))] != "hoà" {
		t.Errorf("hòa maps to %q", in[m.Orig(i):m.Orig(i+len("hòa"))])
	}
}

func TestKeyFold(t *testing.T) {
	tests := []struct{ in, key, fold string }{
		{"Bình Nhưỡng", "bình nhưỡng", "binh nhuong"},
		{"Moon_Jae-in", "moon jae in", "moon jae in"},
		{"  HOÀ   Bình ", "hòa bình", "hoa binh"},
		{"Đà Nẵng", "đà nẵng", "da nang"},
		{"Hàn – Trung", "hàn trung", "han trung"},
		{"Ngoại trưởng", "ngoại trưởng", "ngoai truong"},
		{"Thuỷ", "thủy", "thuy"},
		{"Zoë", "zoë", "zoe"},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.key {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.key)
		}
		if got := Fold(tt.in); got != tt.fold {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.fold)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"", "hoà bình", "Hàn_Quốc “nói” – x…", "a\r\n\r\nb", "ho\u0061\u0300", "\xff\xfe",
		"=\u0338", "a\u200b\u0301", "  x  \t y ", "THUỶ_Điện", "_a_", "\u00a0\u0301",
		"Đoa\u0300n", "đươ\u0323c x", "Ω a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, m := Normalize(s)
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of %q: %q", s, out)
		}
		prev := 0
		for i := 0; i <= len(out); i++ {
			o := m.Orig(i)
			if o < prev || o > len(s) {
				t.Fatalf("%q: Orig(%d) = %d, prev %d, len %d", s, i, o, prev, len(s))
			}
			prev = o
		}
		if slow, m2 := normalizeAny(s); slow != out {
			t.Fatalf("%q: Normalize %q, without the short cut %q", s, out, slow)
		} else {
			for i := 0; i <= len(out); i++ {
				if a, b := m.Orig(i), m2.Orig(i); a != b {
					t.Fatalf("%q: Orig(%d) = %d, without the short cut %d", s, i, a, b)
				}
			}
		}
		if again, _ := Normalize(out); again != out {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, out, again)
		}
		if utf8.ValidString(out) && !norm.NFC.IsNormalString(out) {
			t.Fatalf("not NFC: %q", out)
		}
	})
}

func ExampleNormalize() {
	out, m := Normalize("Hàn_Quốc  “hoà giải”…")
	fmt.Println(out)
	fmt.Println(m.Orig(strings.Index(out, "hòa")))
	// Output:
	// Hàn Quốc "hòa giải"...
	// 16
}

func TestSafeNFC(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		if safeNFC(r) && !norm.NFC.IsNormalString(string(r)) {
			t.Errorf("%U is not NFC", r)
		}
	}
}

func TestSafeText(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := safeText(string(r)), r < utf8.RuneSelf || safeNFC(r) && utf8.ValidRune(r); got != want {
			t.Errorf("safeText(%U) = %v, want %v", r, got, want)
		}
	}
	for _, s := range []string{"\xc2", "\xe1\xb8", "\xe2\x80", "a\xffb", "\xcb\x41", "\xe1\xbb\x41", "\xe2\x81\xc0", "\xed\xa0\x80"} {
		if safeText(s) {
			t.Errorf("safeText(%q) = true for invalid UTF-8", s)
		}
	}
}

// TestRetonedSafe: placeTone writes only runes that safeText accepts, so
// Normalize may skip the NFC check of its output when its input was safe.
func TestRetonedSafe(t *testing.T) {
	for b := range composed {
		for sh := range composed[b] {
			for _, r := range composed[b][sh] {
				if r == 0 {
					continue
				}
				for _, r := range []rune{r, unicode.ToUpper(r)} {
					if !safeText(string(r)) {
						t.Errorf("%U (%c) is not safe", r, r)
					}
				}
			}
		}
	}
}

// TestPlacedAgreesWithTonePosition checks the short cut of placeTone on
// random letter strings: whenever syllable.placed says the tone is where
// it belongs, retone must find nothing to move.
func TestPlacedAgreesWithTonePosition(t *testing.T) {
	var pool []rune
	for c := 'a'; c <= 'z'; c++ {
		pool = append(pool, c, c, c, unicode.ToUpper(c))
	}
	pool = append(pool, 'đ', 'Đ', 'ŝ', 'ǹ')
	for b := range composed {
		for sh := range composed[b] {
			for _, r := range composed[b][sh] {
				if r != 0 && (b+'a' == 'a' || b+'a' == 'e' || b+'a' == 'i' || b+'a' == 'o' || b+'a' == 'u' || b+'a' == 'y') {
					pool = append(pool, r, unicode.ToUpper(r))
				}
			}
		}
	}
	onsets := []string{"", "", "q", "g", "ng", "ngh", "tr", "qu", "gi", "th", "đ", "x"}
	var y syllable
	seed := uint64(1)
	rnd := func(n int) int {
		seed = seed*6364136223846793005 + 1442695040888963407
		return int(seed>>33) % n
	}
	checked, movedN := 0, 0
	for k := 0; k < 300000; k++ {
		w := []rune(onsets[rnd(len(onsets))])
		for n := 1 + rnd(5); n > 0; n-- {
			w = append(w, pool[rnd(len(pool))])
		}
		word := norm.NFC.String(string(w)) // as placeTone wants
		if wordEnd(word, 0, &y) != len(word) {
			continue
		}
		if y.n > 0 && y.n <= maxSyllable && y.toned == 1 {
			_, moved := retone(nil, word)
			if y.placed() {
				checked++
				if moved {
					t.Fatalf("%q: placed, but retone moves the tone", word)
				}
			} else if moved {
				movedN++
			}
		}
	}
	t.Logf("%d placed, %d re-toned", checked, movedN)
	if checked < 10000 || movedN < 1000 {
		t.Errorf("only %d words checked, %d re-toned", checked, movedN)
	}
}

// TestIsNFCPairs: two safe runes side by side never compose, so IsNFC
// may take text made of them as NFC without asking norm.
func TestIsNFCPairs(t *testing.T) {
	var safe []rune
	for r := rune(0x20); r < 0x10000; r++ {
		if r < 0x7F || safeNFC(r) {
			safe = append(safe, r)
		}
	}
	bad := 0
	for _, a := range safe {
		for _, b := range safe {
			s := string([]rune{a, b})
			if !IsNFC(s) || !norm.NFC.IsNormalString(s) {
				if bad++; bad < 10 {
					t.Errorf("%U %U: IsNFC %v, norm %v", a, b, IsNFC(s), norm.NFC.IsNormalString(s))
				}
			}
		}
	}
}

func FuzzIsNFC(f *testing.F) {
	for _, s := range []string{"", "hoà bình", "ho\u0061\u0300", "\xff\xfe", "\u2000", "=\u0338", "Ω a", "\u1100\u1161"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := IsNFC(s), norm.NFC.IsNormalString(s); got != want {
			t.Fatalf("IsNFC(%q) = %v, norm says %v", s, got, want)
		}
	})
}

func TestToLower(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := LowerRune(r), unicode.ToLower(r); got != want {
			t.Fatalf("LowerRune(%U) = %U, want %U", r, got, want)
		}
	}
	for _, s := range []string{"", "abc", "ABC", "Song Phương", "LẦN LƯỢT", "riêng RẼ \xff\xe1\xbb", "İ K Å Ω"} {
		if got, want := ToLower(s), strings.ToLower(s); got != want {
			t.Errorf("ToLower(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzToLower(f *testing.F) {
	for _, s := range []string{"Song Phương", "\xffA\xe1", "ĐÀM PHÁN"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := ToLower(s), strings.ToLower(s); got != want {
			t.Fatalf("ToLower(%q) = %q, want %q", s, got, want)
		}
	})
}
