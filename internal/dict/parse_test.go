package dict

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseStanzas(t *testing.T) {
	in := "\ufeff# Các quốc gia thử nghiệm\n" +
		"kind: country\n" +
		"id: KOR\n" +
		"alias: Hàn Quốc | Đại Hàn |  | Nam Hàn\n" +
		"# a comment inside a stanza\n" +
		"Alias: Cộng hòa Hàn Quốc\n" +
		"\n\n" +
		"  kind: place  \r\n" +
		"id: seoul\r\n" +
		"note: bản đồ: thủ đô\n"
	got, errs := ParseStanzas(strings.NewReader(in), "x.dict")
	if len(errs) != 0 {
		t.Fatalf("errors: %v", errs)
	}
	if len(got) != 2 {
		t.Fatalf("got %d stanzas, want 2: %+v", len(got), got)
	}
	s := got[0]
	if s.Source != "x.dict" || s.Line != 2 {
		t.Errorf("first stanza at %s:%d, want x.dict:2", s.Source, s.Line)
	}
	if s.Get("kind") != "country" {
		t.Errorf("kind = %q (the BOM must not stick to the first field)", s.Get("kind"))
	}
	wantAliases := []string{"Hàn Quốc", "Đại Hàn", "Nam Hàn", "Cộng hòa Hàn Quốc"}
	if a := s.All("alias"); !reflect.DeepEqual(a, wantAliases) {
		t.Errorf("aliases = %q, want %q", a, wantAliases)
	}
	if f := s.Fields[3]; f.Name != "alias" || f.Line != 6 {
		t.Errorf("field 4 = %q at line %d, want alias at line 6", f.Name, f.Line)
	}
	p := got[1]
	if p.Line != 9 || p.Get("kind") != "place" || p.Get("id") != "seoul" {
		t.Errorf("second stanza = %+v", p)
	}
	if v := p.Get("note"); v != "bản đồ: thủ đô" {
		t.Errorf("note = %q: only the first colon separates", v)
	}
	if p.Get("missing") != "" || p.All("missing") != nil {
		t.Error("a missing field has values")
	}
}

func TestParseStanzasErrors(t *testing.T) {
	long := "alias: " + strings.Repeat("dài ", maxLine/4+1)
	in := strings.Join([]string{
		"kind: person", // 1
		"id: thu-nghiem",
		"đây không phải một trường", // 3: no colon
		"",
		"kind: place",
		"tên riêng: Hà Nội", // 6: space in the field name
		": không tên",       // 7: empty field name
		long,                // 8
		"alias: \xffHà Nội", // 9
		"id: ha-noi",
	}, "\n")
	got, errs := ParseStanzas(strings.NewReader(in), "bad.dict")
	wantLines := []int{3, 6, 7, 8, 9}
	if len(errs) != len(wantLines) {
		t.Fatalf("got %d errors, want %d: %v", len(errs), len(wantLines), errs)
	}
	for i, err := range errs {
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("error %d is %T, want *ParseError", i, err)
		}
		if pe.Source != "bad.dict" || pe.Line != wantLines[i] {
			t.Errorf("error %d at %s:%d, want bad.dict:%d (%v)", i, pe.Source, pe.Line, wantLines[i], err)
		}
		if prefix := "bad.dict:"; !strings.HasPrefix(err.Error(), prefix) {
			t.Errorf("error %q does not start with %q", err, prefix)
		}
	}
	if !strings.Contains(errs[3].Error(), "too long") || !strings.Contains(errs[4].Error(), "UTF-8") {
		t.Errorf("messages: %v", errs)
	}
	// The good lines around the bad ones still make two stanzas.
	if len(got) != 2 || got[0].Get("id") != "thu-nghiem" || got[1].Get("id") != "ha-noi" {
		t.Errorf("stanzas = %+v", got)
	}
}

func FuzzParseStanzas(f *testing.F) {
	f.Add("kind: country\nid: VNM\nalias: Việt Nam | Vietnam\n")
	f.Add("\ufeffkind: trigger\r\nalias: gặp\r\n\r\n# x\nevent: CONSULT")
	f.Add("no colon here\n\n:\n\xff\xfe: x\n")
	f.Add("a: b | | c |\n\n\n")
	f.Fuzz(func(t *testing.T, in string) {
		stanzas, errs := ParseStanzas(strings.NewReader(in), "f.dict")
		lines := strings.Count(in, "\n") + 1
		for _, err := range errs {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is %T", err, err)
			}
			if pe.Line < 1 || pe.Line > lines {
				t.Fatalf("error line %d outside 1..%d: %v", pe.Line, lines, err)
			}
		}
		for _, s := range stanzas {
			if len(s.Fields) == 0 || s.Line < 1 || s.Line > lines {
				t.Fatalf("stanza %+v", s)
			}
			for _, f := range s.Fields {
				if f.Name == "" || f.Line < s.Line || f.Line > lines {
					t.Fatalf("field %+v in stanza at %d", f, s.Line)
				}
			}
		}
	})
}
