package store

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Bình Nhưỡng":             "binh nhuong",
		"ĐÀM PHÁN đàm phán":       "dam phan dam phan",
		"Hàn-Trung, 2+2!":         "han trung 2 2",
		"  Hàn_Quốc ":             "han quoc",
		"Thứ trưởng Tôn Vệ Đông.": "thu truong ton ve dong",
		"Triều Tiên":              "trieu tien",
		"ho\u00e0 ho\u0061\u0300": "hoa hoa", // precomposed and decomposed
		"Seoul 서울":                "seoul 서울",
		"":                        "",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseQuery(t *testing.T) {
	for _, tc := range []struct{ in, fts5, tsquery string }{
		{"binh nhuong", `(("binh") AND ("nhuong"))`, `(((binh)) & ((nhuong)))`},
		{`"Đàm phán" OR hội_đàm`, `(("dam phan" OR "hoi dam"))`, `(((dam <-> phan) | (hoi <-> dam)))`},
		{"Seoul -Tokyo NOT Bắc", `(("seoul")) NOT ("tokyo") NOT ("bac")`, `(((seoul))) & !((tokyo)) & !((bac))`},
		{`or AND (x)`, `(("or") AND ("x"))`, `(((or)) & ((x)))`},
	} {
		q := parseQuery(tc.in)
		if got := q.fts5(); got != tc.fts5 {
			t.Errorf("%s: fts5 %s, want %s", tc.in, got, tc.fts5)
		}
		if got := q.tsquery(); got != tc.tsquery {
			t.Errorf("%s: tsquery %s, want %s", tc.in, got, tc.tsquery)
		}
	}
}

func TestSnippet(t *testing.T) {
	terms := map[string]bool{"dam": true, "phan": true}
	if got := snippet("Cuộc đàm phán kết thúc.", terms, 100); got != "Cuộc «đàm» «phán» kết thúc." {
		t.Errorf("short: %q", got)
	}
	long := "Mở đầu " + strings.Repeat("câu dài ", 40) + "rồi cuộc đàm phán " + strings.Repeat("tiếp tục ", 40)
	got := snippet(long, terms, 60)
	if !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") || !strings.Contains(got, "«đàm» «phán»") || len([]rune(got)) > 70 {
		t.Errorf("long: %q", got)
	}
	// Guillemets in the text would read as marks.
	if got := snippet("Hai bên gọi đó là «đàm phán» thực chất.", terms, 100); got != `Hai bên gọi đó là "«đàm» «phán»" thực chất.` {
		t.Errorf("guillemets: %q", got)
	}
}

func TestChannelsDict(t *testing.T) {
	f, err := os.Open("../dict/data/channels.dict")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	defs, err := ParseChannels(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(defs) < 15 {
		t.Errorf("%d channels, want at least 15", len(defs))
	}
	ids := map[string]bool{}
	for _, d := range defs {
		if ids[d.ID] {
			t.Errorf("duplicate channel %s", d.ID)
		}
		ids[d.ID] = true
		if d.Name == "" || len(d.Aliases) == 0 || len(d.Members) == 0 || d.Event == "" || len(d.Levels) == 0 {
			t.Errorf("incomplete channel %+v", d)
		}
	}
	for _, id := range []string{"kor-chn-2plus2", "six-party-talks", "inter-korean-summit", "kor-chn-jpn-summit", "kor-usa-jpn-nuclear-envoys"} {
		if !ids[id] {
			t.Errorf("channel %s missing", id)
		}
	}
	i := slices.IndexFunc(defs, func(d ChannelDef) bool { return d.ID == "kor-chn-2plus2" })
	if i < 0 || !slices.Contains(defs[i].Aliases, "cơ chế đối thoại 2+2") || !slices.Equal(defs[i].Members, []string{"KOR", "CHN"}) {
		t.Errorf("2+2 channel: %+v", defs)
	}
}
