package timex

import (
	"strings"
	"testing"
)

// benchParagraph is a news paragraph of the usual mix: most sentences hold
// no date or one, a few hold several.
var benchParagraph = strings.Join([]string{
	"Ngày 18/6, Thứ trưởng Ngoại giao Hàn Quốc và người đồng cấp Trung Quốc đã tổ chức vòng đối thoại an ninh ngoại giao tại Seoul.",
	"Hai bên trao đổi về tình hình bán đảo Triều Tiên và tăng cường hợp tác song phương trong nhiều lĩnh vực.",
	"Phía Hàn Quốc bày tỏ lo ngại sâu sắc về chuyến thăm Bình Nhưỡng của Tổng thống Nga dự kiến diễn ra hôm 19/6.",
	"Cùng ngày, Bộ Quốc phòng cho biết quân đội đã phát hiện nhiều khí cầu chở rác bay qua biên giới.",
	"Trước đó một ngày, Triều Tiên phóng thử một tên lửa đạn đạo tầm ngắn từ bờ biển phía đông, bay khoảng 700 km.",
	"Theo các nhà phân tích, đây là lần thứ sáu Bình Nhưỡng phóng tên lửa kể từ đầu năm nay.",
	"Người phát ngôn Bộ Ngoại giao Trung Quốc nói rằng Bắc Kinh luôn ủng hộ hòa bình và ổn định trên bán đảo.",
	"Hai bên nhất trí sẽ tổ chức vòng đối thoại tiếp theo tại Bắc Kinh vào năm tới, thời gian cụ thể sẽ được thông báo sau.",
	"Hồi tháng 5, lãnh đạo ba nước Hàn Quốc, Trung Quốc và Nhật Bản đã gặp nhau lần đầu tiên sau bốn năm gián đoạn.",
	"Nghị quyết số 2397 của Hội đồng Bảo an Liên Hợp Quốc hạn chế nghiêm ngặt lượng dầu mỏ mà Triều Tiên được nhập khẩu.",
}, " ")

func BenchmarkFind(b *testing.B) {
	pub, ref := Date{2024, 6, 20}, Date{}
	sentences := strings.SplitAfter(benchParagraph, ". ")
	b.SetBytes(int64(len(benchParagraph)))
	b.ReportAllocs()
	var buf []Expr
	for b.Loop() {
		n := 0
		for _, s := range sentences {
			buf = Append(buf[:0], s, pub, ref)
			n += len(buf)
		}
		if n == 0 {
			b.Fatal("no date found")
		}
	}
}

func BenchmarkFindNoDate(b *testing.B) {
	s := "Người phát ngôn Bộ Ngoại giao Trung Quốc nói rằng Bắc Kinh luôn ủng hộ hòa bình và ổn định trên bán đảo."
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		if Find(s, Date{2024, 6, 20}, Date{}) != nil {
			b.Fatal("found a date")
		}
	}
}
