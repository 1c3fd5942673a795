package dict

import (
	"fmt"
	"strings"
	"testing"
)

// brief writes a resolution as "text → kind id name country title rule".
func brief(r Resolution) string {
	s := fmt.Sprintf("%s → %s %s %q %s %q %s", r.Text, r.Kind, r.ID, r.Name, r.Country, r.Title, r.Rule)
	if r.Transliterated {
		s += " transliterated"
	}
	return s
}

func briefs(rs []Resolution) string {
	var out []string
	for _, r := range rs {
		out = append(out, brief(r))
	}
	return strings.Join(out, "\n")
}

func TestResolveBuiltin(t *testing.T) {
	d := loadBuiltin(t)
	tests := []struct {
		text, date string
		want       []string // kind/id/rule of each resolution, in order
	}{
		{"Tôn Vệ Đông", "2024-06-18", []string{"person/sun-weidong/alias"}},
		{"Kim Geon", "2024-06-18", []string{"person/kim-gunn/alias"}},
		{"Kamikawa Yoko", "2024-06-18", []string{"person/yoko-kamikawa/alias"}},
		{"Bình Nhưỡng", "", []string{"place/pyongyang/alias", "country/PRK/metonym"}},
		{"Tổng thống Hàn Quốc", "2019-06-30", []string{"person/moon-jae-in/title+country@date"}},
		{"Tổng thống Hàn Quốc", "2023-06-30", []string{"person/yoon-suk-yeol/title+country@date"}},
		{"lãnh đạo Triều Tiên", "2019-02-27", []string{"person/kim-jong-un/title+country@date"}},
	}
	for _, tt := range tests {
		rs := d.Resolve(tt.text, tt.date)
		var got []string
		for _, r := range rs {
			got = append(got, r.Kind+"/"+r.ID+"/"+r.Rule)
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("Resolve(%q, %q) =\n%s\nwant %q", tt.text, tt.date, briefs(rs), tt.want)
		}
	}
	rs := d.Resolve("Kim Geon", "")
	if len(rs) != 1 || rs[0].Name != "Kim Gunn" || rs[0].Country != "KOR" || rs[0].Entry == nil {
		t.Errorf("Kim Geon = %s", briefs(rs))
	}
	rs = d.Resolve("Kamikawa Yoko", "")
	if len(rs) != 1 || rs[0].Name != "Yoko Kamikawa" {
		t.Errorf("Kamikawa Yoko = %s", briefs(rs))
	}
	rs = d.Resolve("Bình Nhưỡng", "")
	if len(rs) != 2 || rs[1].Country != "PRK" || rs[1].Entry.ID != "pyongyang" {
		t.Errorf("Bình Nhưỡng = %s", briefs(rs))
	}
	rs = d.Resolve("Tổng thống Hàn Quốc", "2019-06-30")
	if len(rs) != 1 || rs[0].Name != "Moon Jae-in" || rs[0].Title != "President" {
		t.Errorf("Tổng thống Hàn Quốc = %s", briefs(rs))
	}
}

func TestResolveHanvietBuiltin(t *testing.T) {
	// Without the dictionary's entry, the name is read syllable by syllable.
	dir := writeDir(t, map[string]string{"rm.dict": "kind: person\nid: sun-weidong\nremove: yes\n"})
	d, errs := Load(dir)
	if d == nil || len(errs) > 0 {
		t.Fatal(errs)
	}
	rs := d.Resolve("Tôn Vệ Đông", "2024-06-18")
	if len(rs) != 1 || rs[0].Name != "Sun Weidong" || rs[0].Rule != RuleHanviet || !rs[0].Transliterated || rs[0].Entry != nil {
		t.Errorf("Tôn Vệ Đông = %s", briefs(rs))
	}
}

func TestResolve(t *testing.T) {
	d, errs := loadOnly(t, baseFiles)
	if d == nil || len(errs) > 0 {
		t.Fatal(errs)
	}
	tests := []struct {
		text, date string
		want       []string
	}{
		// alias, with the offices held at the date.
		{"Moon Jae-in", "2018-01", []string{`Moon Jae-in → person moon-jae-in "Moon Jae-in" KOR "President" alias`}},
		{"Văn Tại Dần", "", []string{`Văn Tại Dần → person moon-jae-in "Moon Jae-in" KOR "" alias`}},
		// short: every person with that surname.
		{"Park", "", []string{
			`Park → person park-geun-hye "Park Geun-hye" KOR "" short`,
			`Park → person park-jin "Park Jin" KOR "" short`}},
		// A country's alias and short form give one reading.
		{"Hàn", "", []string{`Hàn → country KOR "South Korea" KOR "" short`}},
		{"miền Bắc", "", []string{`miền Bắc → country PRK "North Korea" PRK "" contextual`}},
		{"Seoul", "", []string{
			`Seoul → place seoul "Seoul" KOR "" alias`,
			`Seoul → country KOR "South Korea" KOR "" metonym`}},
		// Title and country at a date; in a month of change, both holders.
		{"Tổng thống Hàn Quốc", "2015-08-15", []string{
			`Tổng thống Hàn Quốc → person park-geun-hye "Park Geun-hye" KOR "President" title+country@date`}},
		{"Tổng thống Hàn Quốc", "2022-05", []string{
			`Tổng thống Hàn Quốc → person moon-jae-in "Moon Jae-in" KOR "President" title+country@date`,
			`Tổng thống Hàn Quốc → person yoon-suk-yeol "Yoon Suk Yeol" KOR "President" title+country@date`}},
		// No date, nobody in office, or not a one-at-a-time office: the
		// office itself.
		{"Tổng thống Hàn Quốc", "", []string{`Tổng thống Hàn Quốc → title president "President" KOR "" title+country`}},
		{"Tổng thống Hàn Quốc", "2017-04", []string{`Tổng thống Hàn Quốc → title president "President" KOR "" title+country`}},
		{"Đại sứ Hàn Quốc", "2030-06", []string{`Đại sứ Hàn Quốc → title ambassador "Ambassador" KOR "" title+country`}},
		{"Bộ Ngoại giao Triều Tiên", "", []string{
			`Bộ Ngoại giao Triều Tiên → institution foreign_ministry "Ministry of Foreign Affairs" PRK "" institution+country`}},
		// A title alone.
		{"Tổng thống", "", []string{`Tổng thống → title president "President"  "" alias`}},
		// A title, then a name.
		{"Tổng thống Yoon Suk Yeol", "2023", []string{
			`Tổng thống → title president "President"  "" alias`,
			`Yoon Suk Yeol → person yoon-suk-yeol "Yoon Suk Yeol" KOR "President" alias`}},
		// Unknown Chinese names in Sino-Vietnamese, with pinyin's apostrophe.
		{"Tôn Vệ Đông", "", []string{`Tôn Vệ Đông → person  "Sun Weidong"  "" hanviet transliterated`}},
		{"bà Hồ Mẫn Nhi", "", []string{`Hồ Mẫn Nhi → person  "Hu Min'er"  "" hanviet transliterated`}},
		{"An Mẫn Ân", "", []string{`An Mẫn Ân → person  "An Min'en"  "" hanviet transliterated`}},
		{"Tôn Ân", "", []string{`Tôn Ân → person  "Sun En"  "" hanviet transliterated`}},
		// A surname alone is no whole name; a first syllable that is no
		// surname makes no Chinese name.
		{"Nhi Mẫn", "", nil},
		// Unknown romanised names, kept as written.
		{"Ferdinand Testa", "", []string{`Ferdinand Testa → person  "Ferdinand Testa"  "" romanised`}},
		{"ông Ferdinand Testa và Pháp", "", []string{
			`Ferdinand Testa → person  "Ferdinand Testa"  "" romanised`,
			`Pháp → country FRA "France" FRA "" alias`}},
		// Lower-case words that are no phrase resolve to nothing.
		{"biện pháp", "", nil},
		{"", "", nil},
	}
	for _, tt := range tests {
		got := d.Resolve(tt.text, tt.date)
		if g := briefs(got); g != strings.Join(tt.want, "\n") {
			t.Errorf("Resolve(%q, %q) =\n%s\nwant\n%s", tt.text, tt.date, g, strings.Join(tt.want, "\n"))
		}
	}
}

func TestResolveShortNotWholeName(t *testing.T) {
	// "Hồ" alone is a surname short form in the built-in data (Hu Jintao),
	// but "Hồ Mẫn Nhi" is someone else.
	d := loadBuiltin(t)
	rs := d.Resolve("Hồ Mẫn Nhi", "2019")
	if len(rs) != 1 || rs[0].Rule != RuleHanviet || rs[0].Name != "Hu Min'er" {
		t.Errorf("Hồ Mẫn Nhi = %s", briefs(rs))
	}
}

func TestResolveConcurrent(t *testing.T) {
	d := loadBuiltin(t)
	done := make(chan string)
	for range 8 {
		go func() {
			rs := d.Resolve("Tổng thống Hàn Quốc", "2019-06-30")
			if len(rs) != 1 {
				done <- ""
				return
			}
			done <- rs[0].ID
		}()
	}
	for range 8 {
		if id := <-done; id != "moon-jae-in" {
			t.Errorf("concurrent Resolve = %q", id)
		}
	}
}
