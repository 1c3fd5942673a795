package dict

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadBuiltin(t *testing.T) {
	d, errs := builtinDict()
	if d == nil || len(errs) > 0 {
		t.Fatalf("Load() = %v, %v", d, errs)
	}
	c := d.Counts()
	for _, k := range []string{Country, Person, Title, Trigger, Place, "hanviet syllable"} {
		if c[k] == 0 {
			t.Errorf("no %s entries", k)
		}
	}
	if e := d.Lookup(Country, "KOR"); e == nil || e.Name != "South Korea" {
		t.Errorf("Lookup(country, KOR) = %+v", e)
	}
}

func TestLoadUserDir(t *testing.T) {
	dir := writeDir(t, map[string]string{
		"extra.dict": `# Thêm cách viết cho một người đã có.
kind: person
id: moon-jae-in
alias: Mun Chê-in

# Một người mới.
kind: person
id: pham-van-kiem
name: Pham Van Kiem
country: VNM
sector: DIP
alias: Phạm Văn Kiểm
role: ambassador 2020-03 -

# Một từ khởi phát mới.
kind: trigger
alias: bắt tay hợp tác
event: COOPERATE
cameo: 030

kind: trigger
alias: ngỏ ý hợp tác
event: COOPERATE
cameo: 030
weak: yes
`,
		"override.dict": `kind: place
id: seoul
name: Seoul (replaced)
country: KOR
alias: Thủ đô Xê-un
replace: yes

kind: place
id: pyongyang
remove: yes
`,
		"broken.dict": `kind: person
id: hong-gil-dong
name: Hong Gil-dong
role: president hôm-qua

kind: organization
id: TESTORG
name: Test Organisation
country: IGO
alias: Tổ chức Thử nghiệm
`,
		"notes.txt": "kind: person\nid: ignored\nalias: Không Đọc\n",
	})
	d, errs := Load(dir)
	if d == nil {
		t.Fatalf("Load: %v", errs)
	}
	// The broken stanza is reported at its file and line; the rest loads.
	if len(errs) != 1 {
		t.Fatalf("errors = %v, want one", errs)
	}
	want := filepath.Join(dir, "broken.dict") + ":4:" // the role line
	if !strings.HasPrefix(errs[0].Error(), want) {
		t.Errorf("error %q, want prefix %q", errs[0], want)
	}
	if d.Lookup(Person, "hong-gil-dong") != nil {
		t.Error("the broken stanza was loaded")
	}
	if e := d.Lookup(Organization, "TESTORG"); e == nil || !matchesEntry(d, "Tổ chức Thử nghiệm", e) {
		t.Error("the stanza after the broken one did not load")
	}

	moon := d.Lookup(Person, "moon-jae-in")
	if moon == nil || !matchesEntry(d, "Mun Chê-in", moon) || !matchesEntry(d, "Moon Jae-in", moon) {
		t.Error("user alias not added to the built-in person, or built-in aliases lost")
	}
	if moon != nil && len(moon.Roles) == 0 {
		t.Error("adding an alias dropped the person's roles")
	}
	if e := d.Lookup(Person, "pham-van-kiem"); e == nil || !matchesEntry(d, "Phạm Văn Kiểm", e) {
		t.Error("new person not loaded")
	} else if h := d.Holders("ambassador", "VNM", "2024-05-01"); !containsEntry(h, e) {
		t.Errorf("new person's open-ended role not indexed: %v", h)
	}
	if ts := d.Triggers.Lookup("bắt tay hợp tác"); len(ts) != 1 || ts[0].Entry.Event != "COOPERATE" || ts[0].Entry.Weak {
		t.Errorf("new trigger = %+v", ts)
	}
	if ts := d.Triggers.Lookup("ngỏ ý hợp tác"); len(ts) != 1 || !ts[0].Entry.Weak {
		t.Errorf("weak: yes not read: %+v", ts)
	}
	seoul := d.Lookup(Place, "seoul")
	if seoul == nil || seoul.Name != "Seoul (replaced)" || seoul.Metonym {
		t.Errorf("replaced place = %+v", seoul)
	}
	if matchesEntry(d, "Hán Thành", seoul) || !matchesEntry(d, "Thủ đô Xê-un", seoul) {
		t.Error("replace: yes kept the old aliases or lost the new one")
	}
	if d.Lookup(Place, "pyongyang") != nil {
		t.Error("remove: yes did not remove the place")
	}
	for _, tg := range d.Actors.Lookup("Bình Nhưỡng") {
		if tg.Entry.Kind == Place {
			t.Errorf("removed place still matches: %+v", tg.Entry)
		}
	}
	if d.Lookup(Person, "ignored") != nil {
		t.Error("a file that is neither .dict nor hanviet*.tsv was read")
	}

	// The built-in dictionary is not changed by another Load.
	if b := loadBuiltin(t); b.Lookup(Place, "pyongyang") == nil {
		t.Error("user removal leaked into the built-in dictionary")
	}
}

func TestLoadMissingDir(t *testing.T) {
	d, errs := Load(filepath.Join(t.TempDir(), "absent"))
	if d != nil || len(errs) != 1 || !strings.Contains(errs[0].Error(), "absent") {
		t.Errorf("Load(absent) = %v, %v", d, errs)
	}
}

func TestUserStanzasMerge(t *testing.T) {
	// In a user's files a second stanza of the same kind and id adds to
	// the first.
	fsys := map[string]string{"a.dict": "kind: title\nid: president\nalias: Tổng thống\n\nkind: title\nid: president\nalias: TT\n"}
	d, errs := loadOnly(t, fsys)
	if d == nil {
		t.Fatal("nil dictionary")
	}
	if len(errs) != 0 || len(d.Lookup(Title, "president").Aliases) != 2 {
		t.Errorf("errs %v, entry %+v", errs, d.Lookup(Title, "president"))
	}
}

func matchesEntry(d *Dictionary, phrase string, e *Entry) bool {
	for _, tg := range d.Actors.Lookup(phrase) {
		if tg.Entry == e {
			return true
		}
	}
	return false
}

func containsEntry(es []*Entry, e *Entry) bool {
	for _, x := range es {
		if x == e {
			return true
		}
	}
	return false
}
