package dict

import (
	"strings"
	"testing"
)

func TestCheckClean(t *testing.T) {
	d, errs := loadOnly(t, baseFiles)
	if d == nil || len(errs) > 0 {
		t.Fatal(errs)
	}
	// Shared person short forms (Park) and touching terms (Moon ends the
	// day before Yoon begins) are fine.
	if ps := d.Check(); len(ps) != 0 {
		t.Errorf("clean dictionary has problems: %v", ps)
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name string
		body string // extra.dict, loaded after baseFiles
		line int
		msg  string // substring of the one problem expected
	}{
		{"venue within an unknown city", `
kind: place
id: test-venue
name: Test Venue
country: KOR
within: atlantis
alias: Nhà Thử`, 2, `within "atlantis" is not the id of a place or country`},
		{"alias of two entries", `
kind: place
id: pyongyang
name: Pyongyang
country: PRK
metonym: yes
alias: Bình Nhưỡng | Triều Tiên`, 2, `alias "Triều Tiên" also claimed by country PRK`},
		{"country short vs alias", `
kind: country
id: VNM
name: Vietnam
alias: Việt Nam | Hàn`, 2, `alias "Hàn" also claimed by country KOR`},
		{"alias differing in form only", `
kind: organization
id: ROKN
name: ROK Navy
country: KOR
sector: MIL
alias: hàn-quốc`, 2, `also claimed by country KOR`},
		{"unknown country", `
kind: person
id: someone
name: Someone
country: XYZ
alias: Ai Đó`, 2, `unknown country code "XYZ"`},
		{"unknown context", `
kind: country
id: VNM
name: Vietnam
alias: Việt Nam
contextual: miền Nam
context: ZZZ`, 2, `unknown context country "ZZZ"`},
		{"unknown channel member", `
kind: channel
id: kor-xyz
name: Korea–XYZ talks
alias: đối thoại thử nghiệm
members: KOR | XYZ
event: CONSULT`, 2, `unknown member code "XYZ"`},
		{"unknown role", `
kind: person
id: kim-tester
name: Kim Tester
country: KOR
alias: Kim Tester
role: emperor 2001 2002`, 2, `role "emperor" is not the id of a title`},
		{"impossible date", `
kind: person
id: kim-tester
name: Kim Tester
country: KOR
alias: Kim Tester
role: ambassador 2001-02-30 2002`, 2, `invalid date`},
		{"term ends before it starts", `
kind: person
id: kim-tester
name: Kim Tester
country: KOR
alias: Kim Tester
role: ambassador 2005 2004-12`, 2, `ends (2004-12) before it starts (2005)`},
		{"overlapping terms", `
kind: person
id: kim-tester
name: Kim Tester
country: KOR
alias: Kim Tester
role: president 2021-12 2022-04`, 2, `president term 2021-12–2022-04 for KOR overlaps person moon-jae-in`},
		{"overlap with an open term", `
kind: person
id: kim-tester
name: Kim Tester
country: KOR
alias: Kim Tester
role: president 2025-04-04 2025-04-04
role: president 2030 -
role: president 2031 2032`, 2, `president term 2031–2032 for KOR overlaps another term of the same person`},
		{"unknown event", `
kind: trigger
alias: bắt tay
event: HANDSHAKE`, 2, `trigger "bắt tay": unknown PLOVER event "HANDSHAKE"`},
		{"bad cameo", `
kind: trigger
alias: bắt tay
event: COOPERATE
cameo: 03`, 2, `cameo "03" is not a 3-digit code`},
		{"unknown sector", `
kind: organization
id: KCNA
name: Korean Central News Agency
country: PRK
sector: NEWS
alias: KCNA`, 2, `unknown sector "NEWS"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, errs := loadOnly(t, with("extra.dict", tt.body))
			if d == nil || len(errs) > 0 {
				t.Fatal(errs)
			}
			ps := d.Check()
			if len(ps) != 1 {
				t.Fatalf("got %d problems, want 1: %v", len(ps), ps)
			}
			p := ps[0]
			if p.Source != "test/extra.dict" || p.Line != tt.line || !strings.Contains(p.Msg, tt.msg) {
				t.Errorf("problem %q, want test/extra.dict:%d: …%s…", p.Error(), tt.line, tt.msg)
			}
			if !strings.HasPrefix(p.Error(), "test/extra.dict:") {
				t.Errorf("Error() = %q", p.Error())
			}
		})
	}
}

func TestCheckAmbiguousAndTouching(t *testing.T) {
	tests := []struct{ name, body string }{
		{"ambiguous alias", `
kind: place
id: pyongyang
name: Pyongyang
country: PRK
alias: Bình Nhưỡng | Triều Tiên
ambiguous: yes`},
		{"shared person short", `
kind: person
id: moon-hee-sang
name: Moon Hee-sang
country: KOR
sector: LEG
alias: Moon Hee-sang
short: Moon`},
		{"terms touching at a month", `
kind: person
id: kim-tester
name: Kim Tester
country: KOR
alias: Kim Tester
role: president 2017-03 2017-05`},
		{"terms touching at a year", `
kind: person
id: kim-tester
name: Kim Tester
country: KOR
alias: Kim Tester
role: president 2025 2027`},
		{"many ambassadors at once", `
kind: person
id: kim-tester
name: Kim Tester
country: KOR
alias: Kim Tester
role: ambassador 2030 2031`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, errs := loadOnly(t, with("extra.dict", tt.body))
			if d == nil || len(errs) > 0 {
				t.Fatal(errs)
			}
			if ps := d.Check(); len(ps) != 0 {
				t.Errorf("problems: %v", ps)
			}
		})
	}
}

func TestCheckOrder(t *testing.T) {
	d, _ := loadOnly(t, with("extra.dict", `kind: organization
id: A
name: A
country: XYZ

kind: organization
id: B
name: B
sector: NEWS
country: QQQ`))
	ps := d.Check()
	if len(ps) != 3 {
		t.Fatalf("problems: %v", ps)
	}
	for i := 1; i < len(ps); i++ {
		if ps[i].Line < ps[i-1].Line {
			t.Errorf("problems out of line order: %v", ps)
		}
	}
}

func TestCheckBuiltinRuns(t *testing.T) {
	// The built-in data may not be clean yet; Check must still run and name
	// real places for whatever it finds.
	d := loadBuiltin(t)
	for _, p := range d.Check() {
		if !strings.HasPrefix(p.Source, "dict/data/") || p.Line < 1 || p.Msg == "" {
			t.Errorf("problem without a place: %+v", p)
		}
	}
}
