package dict

import (
	"strings"
	"testing"
)

func TestKey(t *testing.T) {
	tests := []struct{ a, b string }{
		{"Hoà Bình", "hòa bình"},       // tone placement and case
		{"Thuỷ Tiên", "THỦY TIÊN"},     // tone placement and upper case
		{"Moon Jae-in", "moon jae in"}, // hyphen
		{"Moon_Jae-in", "Moon Jae In"}, // underscore
		{"Hàn-Mỹ", "hàn mỹ"},
		{"  Triều   Tiên ", "triều tiên"}, // spaces
		{"Kim Jong-un.", "kim jong un"},   // trailing punctuation
	}
	for _, tt := range tests {
		if ka, kb := Key(tt.a), Key(tt.b); ka != kb {
			t.Errorf("Key(%q) = %q, Key(%q) = %q: want equal", tt.a, ka, tt.b, kb)
		}
	}
	if got := Key("Moon Jae-in"); got != "moon jae in" {
		t.Errorf("Key(Moon Jae-in) = %q", got)
	}
	// Diacritics matter.
	for _, p := range [][2]string{{"Triều Tiên", "Trieu Tien"}, {"Pháp", "Phap"}, {"Hàn", "Hán"}} {
		if Key(p[0]) == Key(p[1]) {
			t.Errorf("Key(%q) == Key(%q)", p[0], p[1])
		}
	}
}

func TestTokenize(t *testing.T) {
	type tok struct {
		word          string
		upper, number bool
		brk, hyphen   bool
	}
	tests := []struct {
		in   string
		want []tok
	}{
		{"Hội đàm Hàn-Mỹ", []tok{{"hội", true, false, false, false}, {"đàm", false, false, false, false},
			{"hàn", true, false, false, false}, {"mỹ", true, false, false, true}}},
		{"ông H.R McMaster", []tok{{"ông", false, false, false, false}, {"h", true, false, false, false},
			{"r", true, false, false, false}, {"mcmaster", true, false, false, false}}},
		{"Moon_Jae-in, 2017", []tok{{"moon", true, false, false, false}, {"jae", true, false, false, false},
			{"in", false, false, false, true}, {"2017", false, true, true, false}}},
		{"Ngày 12/6 (giờ địa phương)", []tok{{"ngày", true, false, false, false}, {"12", false, true, false, false},
			{"6", false, true, true, false}, {"giờ", false, false, true, false}, {"địa", false, false, false, false},
			{"phương", false, false, false, false}}},
		{"O'Brien nói.", []tok{{"o'brien", true, false, false, false}, {"nói", false, false, false, false}}},
		{"Kết thúc. Mới", []tok{{"kết", true, false, false, false}, {"thúc", false, false, false, false},
			{"mới", true, false, true, false}}},
		{"", nil},
		{" ,.;", nil},
	}
	var ts Tokens
	for _, tt := range tests {
		ts.Tokenize(tt.in)
		if len(ts.T) != len(tt.want) {
			t.Errorf("Tokenize(%q): %d tokens, want %d", tt.in, len(ts.T), len(tt.want))
			continue
		}
		var words []string
		for i, w := range tt.want {
			tk := ts.T[i]
			got := tok{string(ts.Word(i)), tk.Upper, tk.Number, tk.Break, tk.Hyphen}
			if got != w {
				t.Errorf("Tokenize(%q)[%d] = %+v, want %+v", tt.in, i, got, w)
			}
			// Offsets: the source text of a token lowers to its word.
			if src := ts.Text(i, i+1); strings.ToLower(src) != w.word {
				t.Errorf("Tokenize(%q)[%d]: Src[%d:%d] = %q, word %q", tt.in, i, tk.Start, tk.End, src, w.word)
			}
			words = append(words, w.word)
		}
		if got, want := string(ts.Lower), strings.Join(words, " "); got != want {
			t.Errorf("Tokenize(%q).Lower = %q, want %q", tt.in, got, want)
		}
		if n := len(ts.T); n > 0 && string(ts.Key(0, n)) != string(ts.Lower) {
			t.Errorf("Key(0, n) = %q", ts.Key(0, n))
		}
	}
	ts.Tokenize("Tổng thống Hàn Quốc, ông Moon")
	if g := ts.Gap(4); g != ", " {
		t.Errorf("Gap(4) = %q", g)
	}
	if g := ts.Gap(len(ts.T)); g != "" {
		t.Errorf("Gap(end) = %q", g)
	}
}

func TestMatcher(t *testing.T) {
	d, errs := loadOnly(t, baseFiles)
	if d == nil || len(errs) > 0 {
		t.Fatal(errs)
	}
	tests := []struct {
		in   string
		want []string // "text=kind/id" per match, first target
	}{
		// Leftmost-longest: the peninsula is not North Korea.
		{"Tình hình bán đảo Triều Tiên căng thẳng", []string{"bán đảo Triều Tiên=place/korean-peninsula"}},
		{"Triều Tiên phóng tên lửa", []string{"Triều Tiên=country/PRK"}},
		// A capitalised alias needs a capitalised word.
		{"áp dụng biện pháp mới", nil},
		{"Pháp và Hàn Quốc", []string{"Pháp=country/FRA", "Hàn Quốc=country/KOR"}},
		// A lower-case alias matches either way.
		{"Nước Pháp", []string{"Nước Pháp=country/FRA"}},
		// A title matches in lower case too.
		{"ông là tổng thống", []string{"tổng thống=title/president"}},
		// A phrase never crosses punctuation.
		{"Hàn, Quốc", []string{"Hàn=country/KOR"}},
		{"quan hệ Hàn-Triều", []string{"Hàn=country/KOR", "Triều=country/PRK"}},
		{"Moon Jae-in gặp Moon", []string{"Moon Jae-in=person/moon-jae-in", "Moon=person/moon-jae-in"}},
		{"Moon_Jae_in", []string{"Moon_Jae_in=person/moon-jae-in"}},
	}
	var ts Tokens
	for _, tt := range tests {
		ts.Tokenize(tt.in)
		var got []string
		d.Actors.All(&ts, func(m Match) {
			e := m.Targets[0].Entry
			got = append(got, ts.Text(m.Start, m.End)+"="+e.Kind+"/"+e.ID)
		})
		if strings.Join(got, ";") != strings.Join(tt.want, ";") {
			t.Errorf("%q: got %q, want %q", tt.in, got, tt.want)
		}
	}
	// Short forms are told apart from aliases.
	for _, tg := range d.Actors.Lookup("Park") {
		if tg.Field != FieldShort {
			t.Errorf("Park: %+v is not a short form", tg)
		}
	}
	if n := len(d.Actors.Lookup("Park")); n != 2 {
		t.Errorf("Park has %d targets, want 2", n)
	}
}

func TestMatcherCapitalisationBuiltin(t *testing.T) {
	d := loadBuiltin(t)
	var ts Tokens
	ts.Tokenize("Hai bên thống nhất biện pháp ứng phó")
	d.Actors.All(&ts, func(m Match) {
		for _, tg := range m.Targets {
			if tg.Entry.Kind == Country && tg.Entry.ID == "FRA" {
				t.Errorf("%q matched France", ts.Text(m.Start, m.End))
			}
		}
	})
	ts.Tokenize("Tổng thống Pháp")
	found := false
	d.Actors.All(&ts, func(m Match) {
		for _, tg := range m.Targets {
			found = found || tg.Entry.ID == "FRA"
		}
	})
	if !found {
		t.Error("Pháp did not match France")
	}
}

func TestRoleContains(t *testing.T) {
	tests := []struct {
		role Role
		date string
		want bool
	}{
		{Role{"president", "2017-05-10", "2022-05-09"}, "2017-05-10", true},
		{Role{"president", "2017-05-10", "2022-05-09"}, "2022-05-09", true},
		{Role{"president", "2017-05-10", "2022-05-09"}, "2017-05-09", false},
		{Role{"president", "2017-05-10", "2022-05-09"}, "2022-05-10", false},
		{Role{"president", "2017-05-10", "2022-05-09"}, "2017-05", true}, // the month overlaps
		{Role{"president", "2017-05-10", "2022-05-09"}, "2017-04", false},
		{Role{"president", "2017-05-10", "2022-05-09"}, "2022", true},
		{Role{"president", "2017-05-10", "2022-05-09"}, "2023", false},
		{Role{"president", "2017-05-10", "2022-05-09"}, "2019-06-30T08:00", true},
		{Role{"minister", "2017", "2018-06"}, "2017-01-01", true},
		{Role{"minister", "2017", "2018-06"}, "2018-06-30", true},
		{Role{"minister", "2017", "2018-06"}, "2018-07-01", false},
		{Role{"minister", "2017", "2018-06"}, "2016-12-31", false},
		{Role{"leader", "2011-12", ""}, "2099-01-01", true}, // still in office
		{Role{"leader", "2011-12", ""}, "2011-11-30", false},
		{Role{"leader", "2011-12", ""}, "", false},
	}
	for _, tt := range tests {
		if got := tt.role.Contains(tt.date); got != tt.want {
			t.Errorf("%+v.Contains(%q) = %v, want %v", tt.role, tt.date, got, tt.want)
		}
	}
}

func TestHolder(t *testing.T) {
	d := loadBuiltin(t)
	tests := []struct{ role, country, date, want string }{
		{"president", "KOR", "2019-06-30", "moon-jae-in"},
		{"president", "KOR", "2023-06-30", "yoon-suk-yeol"},
		{"leader", "KOR", "2019-06-30", "moon-jae-in"},
		{"president", "USA", "2018-06-12", "donald-trump"},
		{"leader", "PRK", "2018-06-12", "kim-jong-un"},
		{"president", "KOR", "1900", ""},
		{"president", "XXX", "2019", ""},
	}
	for _, tt := range tests {
		got := ""
		if e := d.Holder(tt.role, tt.country, tt.date); e != nil {
			got = e.ID
		}
		if got != tt.want {
			t.Errorf("Holder(%s, %s, %s) = %q, want %q", tt.role, tt.country, tt.date, got, tt.want)
		}
	}

	// A month that saw a change of office has two holders and no Holder.
	b, _ := loadOnly(t, baseFiles)
	hs := b.Holders("president", "KOR", "2022-05")
	if len(hs) != 2 || hs[0].ID != "moon-jae-in" || hs[1].ID != "yoon-suk-yeol" {
		t.Errorf("Holders(president, KOR, 2022-05) = %v", ids(hs))
	}
	if h := b.Holder("president", "KOR", "2022-05"); h != nil {
		t.Errorf("Holder in a month of change = %s", h.ID)
	}
	if h := b.Holder("president", "KOR", "2017-04"); h != nil {
		t.Errorf("Holder in the interregnum = %s", h.ID)
	}
}

func ids(es []*Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

// TestTrieHoldsEveryKey: Longest walks a trie word by word; every key of
// the phrase map, and only those, must be a node of it.
func TestTrieHoldsEveryKey(t *testing.T) {
	d := loadBuiltin(t)
	var ts Tokens
	for name, m := range map[string]*Matcher{"actors": d.Actors, "triggers": d.Triggers, "cues": d.Cues} {
		if len(m.trie.nodes)-1 != len(m.nodes) {
			t.Errorf("%s: %d trie nodes, %d keys", name, len(m.trie.nodes)-1, len(m.nodes))
		}
		for k, n := range m.nodes {
			ts.Tokenize(k)
			if string(ts.Lower) != k {
				t.Errorf("%s: key %q tokenises to %q", name, k, ts.Lower)
				continue
			}
			var at uint32
			for i := range ts.T {
				if at = m.trie.child(at, ts.T[i].hash, ts.Word(i)); at == 0 {
					break
				}
			}
			if at == 0 {
				t.Errorf("%s: key %q is not in the trie", name, k)
				continue
			}
			if tn := m.trie.nodes[at].node; tn.prefix != n.prefix || !sameSlice(tn.targets, n.targets) || !sameSlice(tn.lower, n.lower) {
				t.Errorf("%s: trie node of %q is stale", name, k)
			}
		}
	}
}

// TestMatcherHashCollision: words that hash alike (wordHash reads only
// their first and last eight bytes) are told apart.
func TestMatcherHashCollision(t *testing.T) {
	m := newMatcher()
	a, b := &Entry{Kind: Country, ID: "AAA"}, &Entry{Kind: Country, ID: "BBB"}
	m.add("abcdefgh1ijklmnop", Target{Entry: a})
	m.add("abcdefgh2ijklmnop", Target{Entry: b})
	m.add("abcdefgh2ijklmnop xyz", Target{Entry: a})
	if wordHash([]byte("abcdefgh1ijklmnop")) != wordHash([]byte("abcdefgh2ijklmnop")) {
		t.Fatal("no collision: the test needs another pair")
	}
	var ts Tokens
	for _, tt := range []struct {
		text string
		end  int
		id   string
	}{
		{"abcdefgh1ijklmnop xyz", 1, "AAA"},
		{"abcdefgh2ijklmnop", 1, "BBB"},
		{"abcdefgh2ijklmnop xyz", 2, "AAA"},
		{"abcdefgh3ijklmnop", 0, ""},
	} {
		ts.Tokenize(tt.text)
		mt := m.Longest(&ts, 0)
		id := ""
		if len(mt.Targets) > 0 {
			id = mt.Targets[0].Entry.ID
		}
		if mt.End != tt.end || id != tt.id {
			t.Errorf("Longest(%q) = ..%d %s, want ..%d %s", tt.text, mt.End, id, tt.end, tt.id)
		}
	}
}

// sameSlice reports whether a and b are the same slice of the same array.
func sameSlice(a, b []Target) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// TestMayStart: where MayStart says no phrase starts, Longest finds none,
// and it does say so for most words of running text (or it spares nothing).
func TestMayStart(t *testing.T) {
	d := loadBuiltin(t)
	text := "Ngày 18/6, Ngoại trưởng Hàn Quốc Cho Tae-yul đã hội đàm với người đồng cấp Trung Quốc Vương Nghị tại Bắc Kinh, " +
		"hai bên nhất trí tăng cường hợp tác và lên án việc Triều Tiên phóng tên lửa đạn đạo; ông cho biết sẽ thăm Mỹ vào tuần tới."
	var tk Tokens
	tk.Tokenize(text)
	for _, m := range []*Matcher{d.Actors, d.Cues, d.Triggers} {
		no := 0
		for i := range tk.T {
			if m.MayStart(&tk, i) {
				continue
			}
			no++
			if mt := m.Longest(&tk, i); mt.End != i {
				t.Errorf("MayStart(%q) false, Longest found %q", tk.Word(i), tk.Text(mt.Start, mt.End))
			}
		}
		if no == 0 {
			t.Errorf("MayStart true for every word")
		}
	}
}
