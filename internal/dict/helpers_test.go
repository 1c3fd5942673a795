package dict

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"testing/fstest"
)

// builtinDict loads the built-in dictionaries once for all tests.
var builtinDict = sync.OnceValues(func() (*Dictionary, []error) { return Load() })

func loadBuiltin(t testing.TB) *Dictionary {
	t.Helper()
	d, errs := builtinDict()
	if d == nil {
		t.Fatalf("built-in dictionaries broken: %v", errs)
	}
	return d
}

// loadOnly builds a dictionary from the given files alone, without the
// built-in data, so that a test sees exactly what it wrote. Files are named
// test/NAME.
func loadOnly(t testing.TB, files map[string]string) (*Dictionary, []error) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	srcs, err := collect(fsys, "test")
	if err != nil {
		t.Fatal(err)
	}
	return build(srcs)
}

// writeDir writes files into a fresh temporary directory for --dict.
func writeDir(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// baseFiles is a small clean dictionary the Check and Resolve tests start
// from: two Koreas and a third state, titles, a capital, persons with terms
// of office and a trigger.
var baseFiles = map[string]string{
	"countries.dict": `kind: country
id: KOR
name: South Korea
alias: Hàn Quốc | Nam Hàn
short: Hàn

kind: country
id: PRK
name: North Korea
alias: Triều Tiên | Bắc Hàn
short: Triều
contextual: miền Bắc
context: KOR

kind: country
id: FRA
name: France
alias: Pháp | nước Pháp
`,
	"titles.dict": `kind: title
id: president
name: President
sector: GOV
alias: Tổng thống

kind: title
id: leader
name: Leader
sector: GOV
alias: lãnh đạo | nhà lãnh đạo

kind: title
id: ambassador
name: Ambassador
sector: DIP
alias: Đại sứ

kind: institution
id: foreign_ministry
name: Ministry of Foreign Affairs
sector: GOV
alias: Bộ Ngoại giao
`,
	"places.dict": `kind: place
id: seoul
name: Seoul
country: KOR
alias: Seoul | Xơ-un
metonym: yes

kind: place
id: korean-peninsula
name: Korean Peninsula
country: KOR
alias: bán đảo Triều Tiên
`,
	"persons.dict": `kind: person
id: park-geun-hye
name: Park Geun-hye
country: KOR
sector: GOV
alias: Park Geun-hye | Phác Cẩn Huệ
short: Park
role: president 2013-02-25 2017-03-10

kind: person
id: moon-jae-in
name: Moon Jae-in
country: KOR
sector: GOV
alias: Moon Jae-in | Văn Tại Dần
short: Moon
role: president 2017-05-10 2022-05-09
role: ambassador 2030 2031

kind: person
id: yoon-suk-yeol
name: Yoon Suk Yeol
country: KOR
sector: GOV
alias: Yoon Suk Yeol | Doãn Tích Duyệt
short: Yoon
role: president 2022-05-10 2025-04-04

kind: person
id: park-jin
name: Park Jin
country: KOR
sector: GOV
alias: Park Jin
short: Park
`,
	"triggers.dict": `kind: trigger
alias: hội đàm | gặp
event: CONSULT
cameo: 040
`,
	"hanviet.tsv": "tôn\tsun\tzun\tsurname\nvệ\twei\t\tsurname\nđông\tdong\t\tsurname\nhồ\thu\t\tsurname\nmẫn\tmin\t\tsurname\nnhi\ter\t\t\nân\ten\t\t\nan\tan\t\tsurname\n",
}

// with returns a copy of baseFiles with one more file.
func with(name, body string) map[string]string {
	m := map[string]string{name: body}
	for k, v := range baseFiles {
		if k != name {
			m[k] = v
		}
	}
	return m
}
