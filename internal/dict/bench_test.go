package dict

import (
	"strings"
	"testing"
)

// paragraph is news-like text written for the benchmark: names, titles,
// states and plenty of words that match nothing.
const paragraph = `Ngày 12/6, Tổng thống Mỹ Donald Trump và nhà lãnh đạo Triều Tiên Kim Jong-un ` +
	`đã có cuộc gặp thượng đỉnh lịch sử tại Singapore. Ngoại trưởng Mike Pompeo cho biết Washington ` +
	`sẵn sàng đưa ra các biện pháp bảo đảm an ninh cho Bình Nhưỡng nếu phía Triều Tiên tiến hành ` +
	`phi hạt nhân hóa hoàn toàn. Trong khi đó, Tổng thống Hàn Quốc Moon Jae-in hoan nghênh kết quả ` +
	`hội nghị và kêu gọi Nhật Bản, Trung Quốc cùng Nga ủng hộ tiến trình hòa bình trên bán đảo ` +
	`Triều Tiên. Người phát ngôn Bộ Ngoại giao Trung Quốc nói Bắc Kinh mong muốn quan hệ Mỹ-Triều ` +
	`tiếp tục cải thiện, còn Thủ tướng Nhật Bản Shinzo Abe nhấn mạnh vấn đề công dân bị bắt cóc.`

func BenchmarkMatcher(b *testing.B) {
	d := loadBuiltin(b)
	text := normalize(strings.Repeat(paragraph+" ", 4))
	var ts Tokens
	ts.Tokenize(text)
	n := 0
	d.Actors.All(&ts, func(Match) { n++ })
	if n < 20 {
		b.Fatalf("only %d matches in the paragraph", n)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		ts.Tokenize(text)
		d.Actors.All(&ts, func(Match) {})
	}
}

func BenchmarkResolve(b *testing.B) {
	d := loadBuiltin(b)
	b.ReportAllocs()
	for b.Loop() {
		if rs := d.Resolve("Tổng thống Hàn Quốc", "2019-06-30"); len(rs) != 1 {
			b.Fatal(rs)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if d, errs := Load(); d == nil {
			b.Fatal(errs)
		}
	}
}

func BenchmarkCheck(b *testing.B) {
	d := loadBuiltin(b)
	b.ReportAllocs()
	for b.Loop() {
		d.Check()
	}
}

func BenchmarkTokenize(b *testing.B) {
	text := normalize(strings.Repeat(paragraph+" ", 4))
	var ts Tokens
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		ts.Tokenize(text)
	}
}
