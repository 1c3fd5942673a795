package text

import (
	"reflect"
	"testing"
	"unicode/utf8"
)

func sentences(s string) []string {
	var out []string
	for _, sp := range Split(s) {
		out = append(out, s[sp[0]:sp[1]])
	}
	return out
}

func TestSplit(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Hai bên đã gặp nhau. Họ thảo luận về an ninh.", []string{"Hai bên đã gặp nhau.", "Họ thảo luận về an ninh."}},
		{"Cuộc họp kết thúc tại Hàn Quốc.Cuộc họp sau sẽ ở Tokyo.", []string{"Cuộc họp kết thúc tại Hàn Quốc.", "Cuộc họp sau sẽ ở Tokyo."}},
		{"Tên lửa rơi hôm 19/6.Bộ Quốc phòng xác nhận.", []string{"Tên lửa rơi hôm 19/6.", "Bộ Quốc phòng xác nhận."}},
		{"Ông H.R McMaster gặp Mr. Kim ở Washington D.C. hôm qua.", []string{"Ông H.R McMaster gặp Mr. Kim ở Washington D.C. hôm qua."}},
		{"Đoàn đến TP.HCM và gặp PGS.TS. Nguyễn Văn An.", []string{"Đoàn đến TP.HCM và gặp PGS.TS. Nguyễn Văn An."}},
		{"Tên lửa bay 2.111,5 km, cao 14.5 km ngày 8-5-2025 theo cơ chế 2+2.", []string{"Tên lửa bay 2.111,5 km, cao 14.5 km ngày 8-5-2025 theo cơ chế 2+2."}},
		{"Theo koreatimes.co.kr, hai bên nhất trí.", []string{"Theo koreatimes.co.kr, hai bên nhất trí."}},
		{"Quân đội U.S. Army có mặt. TS. Lê nói thêm.", []string{"Quân đội U.S. Army có mặt.", "TS. Lê nói thêm."}},
		{"Hai nước nhất trí hợp tác./. (Vietnam+)", []string{"Hai nước nhất trí hợp tác./.", "(Vietnam+)"}},
		{"Hợp tác kết thúc./.", []string{"Hợp tác kết thúc./."}},
		{`"Chúng tôi muốn hòa bình." Ông Moon nói vậy.`, []string{`"Chúng tôi muốn hòa bình."`, "Ông Moon nói vậy."}},
		{`Ông nói: "Hãy chờ xem!" rồi rời đi.`, []string{`Ông nói: "Hãy chờ xem!" rồi rời đi.`}},
		{"Thật sao? Đúng vậy! 3 người bị thương.", []string{"Thật sao?", "Đúng vậy!", "3 người bị thương."}},
		{"Họ chờ... rồi đi. Sau đó... Mọi việc ổn.", []string{"Họ chờ... rồi đi.", "Sau đó...", "Mọi việc ổn."}},
		{"Dòng một\nDòng hai không chấm\n\n  Dòng ba.  ", []string{"Dòng một", "Dòng hai không chấm", "Dòng ba."}},
		{"Thiết bị THAAD.Trung Quốc phản đối.", []string{"Thiết bị THAAD.", "Trung Quốc phản đối."}},
		{"các nước như Mỹ, Nhật v.v. đều lo ngại.", []string{"các nước như Mỹ, Nhật v.v. đều lo ngại."}},
		{"Tổng thống Donald J. Trump phát biểu.", []string{"Tổng thống Donald J. Trump phát biểu."}},
		{"(Ảnh: AFP) Hai bên gặp nhau.", []string{"(Ảnh: AFP) Hai bên gặp nhau."}},
		{"   ", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := sentences(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Split(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func checkSpans(t *testing.T, s string, spans [][2]int) {
	t.Helper()
	prev := 0
	for _, sp := range spans {
		if sp[0] < prev || sp[0] >= sp[1] || sp[1] > len(s) {
			t.Fatalf("%q: bad span %v after %d", s, sp, prev)
		}
		if utf8.ValidString(s) && (!utf8.ValidString(s[sp[0]:sp[1]])) {
			t.Fatalf("%q: span %v cuts a rune", s, sp)
		}
		if c := s[sp[0]]; c == ' ' || c == '\n' {
			t.Fatalf("%q: span %v not trimmed", s, sp)
		}
		prev = sp[1]
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{"", "A. B", "Hàn Quốc.Cuộc họp", "x./.", "\"a.\" B", "TP.HCM. Ông", "...", "./././.", "a.\xffB"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkSpans(t, s, Split(s))
	})
}

func BenchmarkSplit(b *testing.B) {
	s, _ := Normalize(benchText)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Split(s)
	}
}
