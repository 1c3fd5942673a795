package timex

import (
	"strings"
	"testing"
)

// want is one expected expression: its text, its resolved date in ISO form
// ("" when unresolved) and its relation.
type want struct {
	text string
	date string
	rel  Relation
}

type findCase struct {
	sentence string
	pub, ref string
	want     []want
}

func mustISO(t testing.TB, s string) Date {
	t.Helper()
	if s == "" {
		return Date{}
	}
	d, ok := ParseISO(s)
	if !ok {
		t.Fatalf("ParseISO(%q) failed", s)
	}
	return d
}

func runFind(t *testing.T, cases []findCase) {
	t.Helper()
	for _, c := range cases {
		pub, ref := mustISO(t, c.pub), mustISO(t, c.ref)
		got := Find(c.sentence, pub, ref)
		checkInvariants(t, c.sentence, got)
		if len(got) != len(c.want) {
			t.Errorf("Find(%q, pub %s, ref %s) = %d expressions %s, want %d", c.sentence, c.pub, c.ref, len(got), show(got), len(c.want))
			continue
		}
		for i, w := range c.want {
			g := got[i]
			if g.Text != w.text || g.Date.String() != w.date || g.Rel != w.rel {
				t.Errorf("Find(%q, pub %s, ref %s)[%d] = {%q %q %v}, want {%q %q %v}",
					c.sentence, c.pub, c.ref, i, g.Text, g.Date, g.Rel, w.text, w.date, w.rel)
			}
		}
	}
}

func show(es []Expr) string {
	var b strings.Builder
	for _, e := range es {
		b.WriteString(" {" + e.Text + " " + e.Date.String() + " " + e.Rel.String() + "}")
	}
	return b.String()
}

// checkInvariants checks what every result of Find must satisfy.
func checkInvariants(t testing.TB, s string, es []Expr) {
	t.Helper()
	last := 0
	for _, e := range es {
		if e.Start < last || e.End <= e.Start || e.End > len(s) {
			t.Fatalf("Find(%q): bad offsets %d:%d after %d", s, e.Start, e.End, last)
		}
		if e.Text != s[e.Start:e.End] {
			t.Fatalf("Find(%q): Text %q is not sentence[%d:%d]", s, e.Text, e.Start, e.End)
		}
		if !e.Date.IsZero() && (!e.Date.Valid() || e.Date.Year == 0) {
			t.Fatalf("Find(%q): %q resolved to invalid date %+v", s, e.Text, e.Date)
		}
		last = e.End
	}
}

func TestFindDayMonth(t *testing.T) {
	runFind(t, []findCase{
		{"Ngày 18/6, hai thứ trưởng hội đàm tại Seoul.", "2024-06-20", "",
			[]want{{"Ngày 18/6", "2024-06-18", Absolute}}},
		{"Ông Kim đã điện đàm với người đồng cấp hôm 19/6.", "2024-06-20", "",
			[]want{{"hôm 19/6", "2024-06-19", Absolute}}},
		{"Hai máy bay ném bom bay qua bán đảo đêm ngày 20/6.", "2024-06-21", "",
			[]want{{"đêm ngày 20/6", "2024-06-20", Absolute}}},
		{"Sáng 14/5, tàu khu trục rời cảng Busan.", "2024-05-15", "",
			[]want{{"Sáng 14/5", "2024-05-14", Absolute}}},
		{"Bình Nhưỡng bắn hai quả tên lửa vào sáng sớm 29/5.", "2024-05-30", "",
			[]want{{"sáng sớm 29/5", "2024-05-29", Absolute}}},
		{"Quả tên lửa rời bệ phóng rạng sáng ngày 14/5 ở bờ biển phía tây.", "2024-05-14", "",
			[]want{{"rạng sáng ngày 14/5", "2024-05-14", Absolute}}},
		{"Tối 3/7, hai bên ra tuyên bố chung.", "2024-07-04", "",
			[]want{{"Tối 3/7", "2024-07-03", Absolute}}},
		{"Trưa 2/1, phái đoàn đặt chân tới Bắc Kinh.", "2025-01-03", "",
			[]want{{"Trưa 2/1", "2025-01-02", Absolute}}},
		{"Chiều 5/9, quốc hội bỏ phiếu thông qua nghị quyết.", "2024-09-06", "",
			[]want{{"Chiều 5/9", "2024-09-05", Absolute}}},
		{"Cuộc thử được tiến hành (14.5) tại bãi thử phía bắc.", "2017-05-15", "",
			[]want{{"14.5", "2017-05-14", Absolute}}},
		{"Thông cáo được đăng ngày 12.2 trên trang của bộ.", "2017-02-13", "",
			[]want{{"ngày 12.2", "2017-02-12", Absolute}}},
		{"Hai nước ký bản ghi nhớ ngày 21-12 tại Hà Nội.", "2025-12-22", "",
			[]want{{"ngày 21-12", "2025-12-21", Absolute}}},
		{"Ông Moon nhậm chức vào thứ 4 (10/5) sau cuộc bầu cử sớm.", "2017-05-12", "",
			[]want{{"thứ 4 (10/5)", "2017-05-10", Absolute}}},
		{"Hai nhà lãnh đạo sẽ gặp nhau thứ Sáu (ngày 21/5) tại Nhà Trắng.", "2021-05-19", "",
			[]want{{"thứ Sáu (ngày 21/5)", "2021-05-21", Absolute}}},
		{"Cuộc diễn tập kéo dài từ ngày 8/5 đến ngày 12/5.", "2024-05-13", "",
			[]want{{"ngày 8/5", "2024-05-08", Absolute}, {"ngày 12/5", "2024-05-12", Absolute}}},
		{"Các chuyến bay bị hoãn từ 8/5 tới 10/5.", "2024-05-13", "",
			[]want{{"8/5", "2024-05-08", Absolute}, {"10/5", "2024-05-10", Absolute}}},
		{"Liên lạc bị cắt từ cuối ngày 3/4.", "2024-04-05", "",
			[]want{{"cuối ngày 3/4", "2024-04-03", Absolute}}},
		{"Vụ phóng 14/5 vừa qua cho thấy nhiều tiến bộ.", "2017-05-20", "",
			[]want{{"14/5 vừa qua", "2017-05-14", Absolute | Past}}},
		{"Hôm 26/5, phía Nhật phản đối mạnh mẽ.", "2024-05-27", "",
			[]want{{"Hôm 26/5", "2024-05-26", Absolute}}},
		{"Quốc khánh được tổ chức ngày mùng 2/9.", "2024-09-03", "",
			[]want{{"ngày mùng 2/9", "2024-09-02", Absolute}}},
		{"Phát biểu ngày 27 tháng 4, ông nhắc lại cam kết.", "2024-05-02", "",
			[]want{{"ngày 27 tháng 4", "2024-04-27", Absolute}}},
		{"Cuộc gặp ngày 14/5 năm ngoái không đạt kết quả.", "2024-03-01", "",
			[]want{{"ngày 14/5 năm ngoái", "2023-05-14", Absolute | Past}}},
		{"Hôm 14, bộ ngoại giao triệu tập đại sứ.", "2024-06-20", "",
			[]want{{"Hôm 14", "2024-06-14", Absolute}}},
		{"Hôm 25, hai bên nối lại đường dây nóng.", "2024-06-20", "",
			[]want{{"Hôm 25", "2024-05-25", Absolute}}},
	})
}

func TestFindRanges(t *testing.T) {
	runFind(t, []findCase{
		{"Hội nghị diễn ra trong hai ngày 22 và 23/6.", "2024-06-24", "",
			[]want{{"ngày 22 và 23/6", "2024-06-22", Absolute}}},
		{"Ông thăm Bình Nhưỡng ngày 18 - 20/9.", "2018-09-21", "",
			[]want{{"ngày 18 - 20/9", "2018-09-18", Absolute}}},
		{"Chuyến thăm kéo dài từ ngày 25 đến 28/3.", "2018-03-29", "",
			[]want{{"ngày 25 đến 28/3", "2018-03-25", Absolute}}},
		{"Lễ hội được tổ chức từ ngày 7-8/7 tới đây.", "2024-07-01", "",
			[]want{{"ngày 7-8/7 tới đây", "2024-07-07", Absolute | Future}}},
		{"Hội đàm ở Washington trong 2 ngày 29-30/6.", "2017-07-01", "",
			[]want{{"ngày 29-30/6", "2017-06-29", Absolute}}},
		{"Đợt diễn tập (ngày 6 - 9-5-2016) khiến căng thẳng leo thang.", "2016-06-01", "",
			[]want{{"ngày 6 - 9-5-2016", "2016-05-06", Absolute}}},
	})
}

func TestFindFullDates(t *testing.T) {
	runFind(t, []findCase{
		{"Theo báo cáo công bố 8-5-2025, số vụ đã tăng.", "2025-06-01", "",
			[]want{{"8-5-2025", "2025-05-08", Absolute}}},
		{"Văn kiện được ký ngày 8/5/2025 tại Tokyo.", "", "",
			[]want{{"ngày 8/5/2025", "2025-05-08", Absolute}}},
		{"Quy định có hiệu lực từ 1/1/2026.", "2025-12-22", "",
			[]want{{"1/1/2026", "2026-01-01", Absolute}}},
		{"Cập nhật lúc 08:36, 22/12/2025", "2025-12-22", "",
			[]want{{"22/12/2025", "2025-12-22", Absolute}}},
		{"Tuyên bố chung được thông qua ngày 27 tháng 4 năm 2018.", "2024-01-01", "",
			[]want{{"ngày 27 tháng 4 năm 2018", "2018-04-27", Absolute}}},
		{"Hội nghị thượng đỉnh 27.4.2018 mở ra một giai đoạn mới.", "2024-01-01", "",
			[]want{{"27.4.2018", "2018-04-27", Absolute}}},
		{"Bản tin ghi ngày 2024-06-18 ở cuối trang.", "", "",
			[]want{{"2024-06-18", "2024-06-18", Absolute}}},
		{"Hiệp định ký ngày 31-1-1950 vẫn còn hiệu lực.", "2024-01-01", "",
			[]want{{"ngày 31-1-1950", "1950-01-31", Absolute}}},
	})
}

func TestFindMonths(t *testing.T) {
	runFind(t, []findCase{
		{"Lệnh trừng phạt áp dụng kể từ tháng 10-2024.", "2025-01-10", "",
			[]want{{"tháng 10-2024", "2024-10", Absolute}}},
		{"Ông bị bắt giữ từ tháng 1/2016.", "2017-06-20", "",
			[]want{{"tháng 1/2016", "2016-01", Absolute}}},
		{"Hai bên đã gặp nhau vào tháng 10/2024 ở Geneva.", "2025-01-10", "",
			[]want{{"tháng 10/2024", "2024-10", Absolute}}},
		{"Thỏa thuận được ký vào tháng 5 năm 2018.", "2019-01-01", "",
			[]want{{"tháng 5 năm 2018", "2018-05", Absolute}}},
		{"Cuộc gặp diễn ra hồi tháng 5.", "2024-06", "",
			[]want{{"tháng 5", "2024-05", Absolute}}},
		{"Đợt tập trận tháng 8 sẽ được thu nhỏ.", "2024-06-20", "",
			[]want{{"tháng 8", "2024-08", Absolute}}},
		{"Cuộc bầu cử tháng 11 đã thay đổi cục diện.", "2024-06-20", "",
			[]want{{"tháng 11", "2023-11", Absolute}}},
		{"Tháng trước, Nga chuyển hàng nghìn tấn lúa mì.", "2024-01-10", "",
			[]want{{"Tháng trước", "2023-12", Deictic | Past}}},
		{"Phái đoàn đã tới Moskva hồi tháng trước.", "2024-03-10", "",
			[]want{{"tháng trước", "2024-02", Deictic | Past}}},
		{"Kim ngạch thương mại tháng này tăng mạnh.", "2024-03-10", "",
			[]want{{"tháng này", "2024-03", Deictic}}},
		{"Vòng đàm phán tiếp theo sẽ diễn ra tháng tới.", "2024-12-10", "",
			[]want{{"tháng tới", "2025-01", Deictic | Future}}},
		{"Theo đánh giá hồi cuối tháng 4, tình hình đã lắng dịu.", "2017-05-20", "",
			[]want{{"cuối tháng 4", "2017-04", Absolute}}},
		{"Hai bên nhất trí hồi đầu tháng 5 về lộ trình.", "2017-05-20", "",
			[]want{{"đầu tháng 5", "2017-05", Absolute}}},
		{"Trong tháng 5 vừa qua, có ba vụ phóng.", "2024-04-20", "",
			[]want{{"tháng 5 vừa qua", "2023-05", Absolute | Past}}},
		{"Lực lượng này được triển khai giữa tháng 3.", "2024-06-20", "",
			[]want{{"giữa tháng 3", "2024-03", Absolute}}},
		{"Hội nghị sẽ họp vào tháng Tư.", "2024-02-01", "",
			[]want{{"tháng Tư", "2024-04", Absolute}}},
		{"Hội nghị đã họp vào tháng Mười Hai.", "2025-01-10", "",
			[]want{{"tháng Mười Hai", "2024-12", Absolute}}},
		{"Mùa xuân tháng năm ấy thật đẹp.", "2024-02-01", "", nil},
		{"Các cuộc diễn tập hạ tuần tháng 8 có quy mô lớn.", "2024-09-01", "",
			[]want{{"hạ tuần tháng 8", "2024-08", Absolute}}},
		{"Hai bên gặp nhau vào tháng 3-5/2018.", "2019-01-01", "",
			[]want{{"tháng 3-5/2018", "2018-03", Absolute}}},
		{"Tháng 7 tới, hai nước sẽ tập trận chung.", "2024-03-01", "",
			[]want{{"Tháng 7 tới", "2024-07", Absolute | Future}}},
		{"Cuối tháng 4 qua, hai bên gặp nhau.", "2024-03-10", "",
			[]want{{"Cuối tháng 4 qua", "2023-04", Absolute | Past}}},
		{"Ông bay ngày 14/5 qua Tokyo.", "2024-05-20", "",
			[]want{{"ngày 14/5", "2024-05-14", Absolute}}},
		{"Hai bên đã gặp lại nhau cuối tháng trước.", "2024-03-10", "",
			[]want{{"cuối tháng trước", "2024-02", Deictic | Past}}},
	})
}

func TestFindYears(t *testing.T) {
	runFind(t, []findCase{
		{"Năm 2013, Triều Tiên thử hạt nhân lần thứ ba.", "2024-01-01", "",
			[]want{{"Năm 2013", "2013", Absolute}}},
		{"Cuộc gặp thượng đỉnh gần nhất diễn ra vào năm 2007.", "2017-05-10", "",
			[]want{{"năm 2007", "2007", Absolute}}},
		{"Ông từng giữ chức chánh văn phòng (2003-2008).", "2017-05-10", "",
			[]want{{"2003-2008", "2003", Absolute}}},
		{"Cuộc chiến 1950-1953 kết thúc bằng một hiệp định đình chiến.", "2017-05-10", "",
			[]want{{"1950-1953", "1950", Absolute}}},
		// Years listed after "những năm" date by the first; a decade has
		// no date, but is an expression (its year in Partial).
		{"Ông Kim Nhật Thành thăm Việt Nam vào những năm 1958 và 1964.", "2019-03-01", "",
			[]want{{"những năm 1958", "1958", Absolute}}},
		{"Quan hệ khởi sắc trở lại trong những năm 2000.", "2019-04-25", "",
			[]want{{"những năm 2000", "", Absolute}}},
		{"Hai bên đã không gặp nhau vài năm 2018.", "2019-04-25", "", nil},
		{"Cuộc tập trận năm ngoái quy mô nhỏ hơn.", "2024-03-01", "",
			[]want{{"năm ngoái", "2023", Deictic | Past}}},
		{"Hai bên sẽ ký hiệp định trong năm nay.", "2024-03-01", "",
			[]want{{"năm nay", "2024", Deictic}}},
		{"Ông sẽ thăm Bình Nhưỡng vào năm tới.", "2025-12-22", "",
			[]want{{"năm tới", "2026", Deictic | Future}}},
		{"Kế hoạch sẽ hoàn tất vào năm sau.", "2024-03-01", "",
			[]want{{"năm sau", "2025", Deictic | Future}}},
		{"Thỏa thuận được ký năm 2018, nhưng một năm sau đó đã đổ vỡ.", "2024-03-01", "2018-06-12",
			[]want{{"năm 2018", "2018", Absolute}, {"một năm sau đó", "2019", Anaphoric | Future}}},
		{"Hiệp định đình chiến (1953) vẫn còn hiệu lực.", "2024-01-01", "",
			[]want{{"1953", "1953", Absolute}}},
		{"Căng thẳng leo thang từ cuối năm 2016.", "2017-05-10", "",
			[]want{{"cuối năm 2016", "2016", Absolute}}},
		{"Tổng thống sẽ thăm Seoul vào cuối năm nay.", "2017-05-10", "",
			[]want{{"cuối năm nay", "2017", Deictic}}},
		{"Thỏa thuận sẽ được ký vào cuối năm.", "2017-05-10", "",
			[]want{{"cuối năm", "2017", Deictic}}},
		{"Báo cáo được nộp ngày cuối năm.", "2017-05-10", "", nil},
	})
}

func TestFindDeictic(t *testing.T) {
	const pub = "2024-06-20" // a Thursday
	runFind(t, []findCase{
		{"Hôm nay, bộ trưởng tới Tokyo.", pub, "", []want{{"Hôm nay", "2024-06-20", Deictic}}},
		{"Quân đội cho biết sáng nay một tàu đã bị bắt.", pub, "", []want{{"sáng nay", "2024-06-20", Deictic}}},
		{"Chiều nay ông rời Hà Nội.", pub, "", []want{{"Chiều nay", "2024-06-20", Deictic}}},
		{"Buổi tiệc sẽ diễn ra tối nay.", pub, "", []want{{"tối nay", "2024-06-20", Deictic}}},
		{"Đêm qua, còi báo động vang lên.", pub, "", []want{{"Đêm qua", "2024-06-19", Deictic | Past}}},
		{"Phát ngôn viên hôm qua bác bỏ thông tin.", pub, "", []want{{"hôm qua", "2024-06-19", Deictic | Past}}},
		{"Hai bên tối qua đã điện đàm.", pub, "", []want{{"tối qua", "2024-06-19", Deictic | Past}}},
		{"Sáng qua, tàu cá được thả.", pub, "", []want{{"Sáng qua", "2024-06-19", Deictic | Past}}},
		{"Ngày mai, ông sẽ thăm Seoul.", pub, "", []want{{"Ngày mai", "2024-06-21", Deictic | Future}}},
		{"Ngày hôm qua, ông đã tới.", pub, "", []want{{"Ngày hôm qua", "2024-06-19", Deictic | Past}}},
		{"Tuần trước, hai nước tập trận.", "2024-07-03", "", []want{{"Tuần trước", "2024-06", Deictic | Past}}},
		{"Trong tuần qua, giá dầu giảm.", "2024-07-03", "", []want{{"tuần qua", "2024-06", Deictic | Past}}},
		{"Tuần này hai bên sẽ gặp lại.", pub, "", []want{{"Tuần này", "2024-06", Deictic}}},
		{"Đặc phái viên sẽ tới tuần tới.", "2024-06-28", "", []want{{"tuần tới", "2024-07", Deictic | Future}}},
		{"Cuối tuần, hàng nghìn người biểu tình.", pub, "", []want{{"Cuối tuần", "2024-06", Deictic}}},
		{"Cuối tuần qua, hai nước tập trận.", "2024-07-01", "", []want{{"Cuối tuần qua", "2024-06", Deictic | Past}}},
		{"Mới đây, Bình Nhưỡng lại lên tiếng.", pub, "", nil},
		{"Gần đây quan hệ hai nước được cải thiện.", pub, "", nil},
		{"Hôm nay bộ trưởng phát biểu.", "2024-06", "", []want{{"Hôm nay", "2024-06", Deictic}}},
		{"Hôm nay bộ trưởng phát biểu.", "", "", []want{{"Hôm nay", "", Deictic}}},
		{"Hai ngày trước, ông đã tới Bắc Kinh.", pub, "", []want{{"Hai ngày trước", "2024-06-18", Deictic | Past}}},
		{"Tàu này bị bắt giữ 3 ngày trước.", pub, "", []want{{"3 ngày trước", "2024-06-17", Deictic | Past}}},
		{"Bán đảo bị chia cắt hơn 70 năm trước.", pub, "", []want{{"70 năm trước", "1954", Deictic | Past}}},
		{"Hai tuần nữa, đặc phái viên sẽ tới.", pub, "", []want{{"Hai tuần nữa", "2024-07", Deictic | Future}}},
		{"Họ đã gặp nhau hôm kia.", pub, "", []want{{"hôm kia", "2024-06-18", Deictic | Past}}},
		{"Họ sẽ gặp nhau ngày kia.", pub, "", []want{{"ngày kia", "2024-06-22", Deictic | Future}}},
	})
}

func TestFindExplicitAfterRelative(t *testing.T) {
	// A day named right after a relative one wins: the text is explicit.
	runFind(t, []findCase{
		{"Hội đồng Bảo an họp vào hôm nay (20/6) tại New York.", "2024-06-21", "",
			[]want{{"hôm nay (20/6)", "2024-06-20", Absolute}}},
		{"Hội đồng Bảo an hôm qua (2/6) đã bỏ phiếu.", "2024-06-03", "",
			[]want{{"hôm qua (2/6)", "2024-06-02", Absolute}}},
		{"Các nước họp khẩn cấp vào hôm nay, 16/5, để thảo luận.", "2024-05-16", "",
			[]want{{"hôm nay, 16/5", "2024-05-16", Absolute}}},
		{"Tên lửa được bắn lúc 7h sáng nay 15-9 ở ngoại ô.", "2024-09-15", "",
			[]want{{"sáng nay 15-9", "2024-09-15", Absolute}}},
		{"Vụ phóng xảy ra sáng nay (14.5) tại Kusong.", "2017-05-14", "",
			[]want{{"sáng nay (14.5)", "2017-05-14", Absolute}}},
		{"Hôm_nay ( 9-5 ) là hạn chót.", "2018-05-09", "",
			[]want{{"Hôm_nay ( 9-5 )", "2018-05-09", Absolute}}},
	})
}

func TestFindAnaphoric(t *testing.T) {
	const pub, ref = "2024-06-20", "2024-06-18"
	runFind(t, []findCase{
		{"Cùng ngày, Trung Quốc kêu gọi kiềm chế.", pub, ref, []want{{"Cùng ngày", "2024-06-18", SameDay}}},
		{"Cùng ngày, Trung Quốc kêu gọi kiềm chế.", pub, "", []want{{"Cùng ngày", "2024-06-20", SameDay}}},
		{"Nhật Bản cũng phản đối cùng hôm.", pub, ref, []want{{"cùng hôm", "2024-06-18", SameDay}}},
		{"Chiều cùng ngày, ông tiếp đại sứ Mỹ.", pub, ref, []want{{"Chiều cùng ngày", "2024-06-18", SameDay}}},
		{"Hai bên sẽ ra thông cáo trong ngày.", pub, ref, []want{{"trong ngày", "2024-06-18", SameDay}}},
		{"Vụ thử một ngày trước đó thất bại.", pub, ref, []want{{"một ngày trước đó", "2024-06-17", Anaphoric | Past}}},
		{"Trước đó một ngày, báo chí đã đưa tin.", pub, ref, []want{{"Trước đó một ngày", "2024-06-17", Anaphoric | Past}}},
		{"Phía Mỹ đã cảnh báo từ hôm trước.", pub, ref, []want{{"hôm trước", "2024-06-17", Anaphoric | Past}}},
		{"Lệnh cấm được công bố ngày hôm trước.", pub, "", []want{{"ngày hôm trước", "2024-06-19", Anaphoric | Past}}},
		{"Ngày hôm sau, ông bay sang Nhật.", pub, ref, []want{{"Ngày hôm sau", "2024-06-19", Anaphoric | Future}}},
		{"Một ngày sau đó, hai bên ký thỏa thuận.", pub, ref, []want{{"Một ngày sau đó", "2024-06-19", Anaphoric | Future}}},
		{"Trước đó, Bình Nhưỡng đã cảnh báo.", pub, ref, []want{{"Trước đó", "", Anaphoric | Past}}},
		{"Ông sau đó rời Seoul.", pub, ref, []want{{"sau đó", "", Anaphoric | Future}}},
		{"Một ngày trước đó là ngày cuối tháng.", pub, "2024-03-01", []want{{"Một ngày trước đó", "2024-02-29", Anaphoric | Past}}},
		{"Hai ngày trước khi hội nghị khai mạc, ông tới.", pub, ref, []want{{"Hai ngày trước", "", Anaphoric | Past}}},
		{"Ông tới một tuần trước cuộc gặp.", pub, ref, []want{{"một tuần trước", "", Anaphoric | Past}}},
		{"Mười tám tháng trước đó, ông bị bắt.", pub, ref, []want{{"Mười tám tháng trước đó", "2022-12", Anaphoric | Past}}},
		{"Hai mươi lăm năm trước, hai nước lập quan hệ.", pub, ref, []want{{"Hai mươi lăm năm trước", "1999", Deictic | Past}}},
		{"Mười năm trước, ông là đại sứ.", pub, ref, []want{{"Mười năm trước", "2014", Deictic | Past}}},
		{"Ông bị bắt 18 tháng trước đó.", pub, ref, []want{{"18 tháng trước đó", "2022-12", Anaphoric | Past}}},
		{"Cùng tháng, hai bên ký hiệp định.", pub, ref, []want{{"Cùng tháng", "2024-06", SameDay}}},
		{"Hôm đó, trời mưa to.", pub, ref, []want{{"Hôm đó", "2024-06-18", SameDay}}},
		{"Hai hôm sau, ông trở về.", pub, ref, []want{{"Hai hôm sau", "2024-06-20", Anaphoric | Future}}},
		{"Cùng ngày hôm đó, phía Nga im lặng.", pub, ref, []want{{"Cùng ngày hôm đó", "2024-06-18", SameDay}}},
		{"Tháng trước đó, ông đã từ chức.", pub, ref, []want{{"Tháng trước đó", "2024-05", Anaphoric | Past}}},
	})
}

func TestFindWeekdays(t *testing.T) {
	runFind(t, []findCase{
		{"Vụ phóng diễn ra lúc 5h27 sáng Chủ nhật.", "2017-05-14", "",
			[]want{{"sáng Chủ nhật", "2017-05-14", Deictic}}},
		{"Thứ Hai, ông có bài phát biểu tại quốc hội.", "2017-05-14", "",
			[]want{{"Thứ Hai", "2017-05-08", Deictic}}},
		{"Hai bên đã gặp nhau thứ Bảy tuần trước.", "2024-06-20", "",
			[]want{{"thứ Bảy tuần trước", "2024-06-15", Deictic | Past}}},
		{"Ông sẽ tới Hà Nội thứ Tư tới.", "2024-06-20", "",
			[]want{{"thứ Tư tới", "2024-06-26", Deictic | Future}}},
		{"Thỏa thuận được ký vào thứ 6.", "2024-06-20", "",
			[]want{{"thứ 6", "2024-06-14", Deictic}}},
		{"Đây là lần thứ hai ông tới đây.", "2024-06-20", "", nil},
		{"Đó là vụ thử hạt nhân thứ 6 của nước này.", "2024-06-20", "", nil},
		{"Chủ nhật, hai bên ra tuyên bố.", "2024-06", "",
			[]want{{"Chủ nhật", "2024-06", Deictic}}},
	})
}

func TestFindTimesAndNonDates(t *testing.T) {
	runFind(t, []findCase{
		{"Tên lửa rời bệ lúc 5h39 sáng 29/5 (giờ địa phương).", "2024-05-30", "",
			[]want{{"sáng 29/5", "2024-05-29", Absolute}}},
		{"Cuộc họp bắt đầu lúc 7h30 sáng theo giờ GMT+7.", "2024-05-30", "", nil},
		{"Đối thoại 2+2 giữa hai nước được nối lại.", "2024-06-18", "", nil},
		{"Nghị quyết số 2397 được thông qua nhất trí.", "2024-06-18", "", nil},
		{"Hai miền bị chia cắt tại vĩ tuyến 38.", "2024-06-18", "", nil},
		{"Tên lửa bay khoảng 700 km rồi rơi xuống biển.", "2024-06-18", "", nil},
		{"Xuất khẩu tăng 2,5% và nhập khẩu tăng 12.5% so với cùng kỳ.", "2024-06-18", "", nil},
		{"Hội nghị G20 bàn về hậu quả của COVID-19.", "2024-06-18", "", nil},
		{"Hệ thống có thể triển khai trong vòng 8-10 tháng.", "2024-06-18", "", nil},
		{"Nước này chiếm 1/4 lượng hàng nhập khẩu.", "2024-06-18", "", nil},
		{"Tầm bắn vượt 1.000 km, độ cao đạt 2.111,5 km.", "2024-06-18", "", nil},
		{"Trong 3 tháng qua, vài ngày trước và những năm trước đều yên ổn.", "2024-06-18", "", nil},
		{"Chương trình kéo dài từ 3-5 năm.", "2024-06-18", "", nil},
		{"Hai phần ba dân số, tức 2/3 số dân, ủng hộ.", "2024-06-18", "", nil},
		{"Sáng kiến này được đánh giá cao tại Tòa án Tối cao.", "2024-06-18", "", nil},
		{"Ngày nay, hai nước là đối tác chiến lược.", "2024-06-18", "", nil},
		{"Đoàn xe đi được 18/6 km thì dừng.", "2024-06-18", "", nil},
		{"Quãng đường từ 18/6 km giảm còn 9 km.", "2024-06-18", "", nil},
		{"Phiên bản 1.2.3 và mã 4-5-6 không phải ngày.", "2024-06-18", "", nil},
	})
}

func TestFindYearInference(t *testing.T) {
	runFind(t, []findCase{
		{"Ngày 28/12, hai bên nhất trí.", "2025-01-05", "", []want{{"Ngày 28/12", "2024-12-28", Absolute}}},
		{"Ngày 15/8, hai bên sẽ gặp lại.", "2024-06-20", "", []want{{"Ngày 15/8", "2024-08-15", Absolute}}},
		{"Ngày 25/8, hai bên đã gặp nhau.", "2024-06-20", "", []want{{"Ngày 25/8", "2023-08-25", Absolute}}},
		{"Ngày 5/1, ông sẽ nhậm chức.", "2024-12-20", "", []want{{"Ngày 5/1", "2025-01-05", Absolute}}},
		{"Ngày 25/6 vừa qua, ông từ chức.", "2024-06-20", "", []want{{"Ngày 25/6 vừa qua", "2023-06-25", Absolute | Past}}},
		{"Ngày 1/3 tới, luật mới có hiệu lực.", "2024-06-20", "", []want{{"Ngày 1/3 tới", "2025-03-01", Absolute | Future}}},
		{"Ông rời ngày 14/5 tới Seoul.", "2024-06-20", "", []want{{"ngày 14/5", "2024-05-14", Absolute}}},
		{"Ngày 18/6, hai bên hội đàm.", "2024-06", "", []want{{"Ngày 18/6", "2024-06-18", Absolute}}},
		{"Ngày 18/6, hai bên hội đàm.", "", "", []want{{"Ngày 18/6", "", Absolute}}},
		{"Ngày 29/2, hai bên hội đàm.", "2025-03-01", "", []want{{"Ngày 29/2", "", Absolute}}},
		{"Ngày 29/2, hai bên hội đàm.", "2024-03-01", "", []want{{"Ngày 29/2", "2024-02-29", Absolute}}},
		{"Ngày 31/2, hai bên hội đàm.", "2024-03-01", "", nil},
		{"Ngày 12/13, hai bên hội đàm.", "2024-03-01", "", nil},
	})
}

func TestFindPartialAndOffsets(t *testing.T) {
	s := "Theo tin mới, hôm 19/6 và tháng 5 năm 2018 đều có họp."
	got := Find(s, Date{}, Date{})
	if len(got) != 2 {
		t.Fatalf("Find(%q) = %s, want 2 expressions", s, show(got))
	}
	if i := strings.Index(s, "hôm 19/6"); got[0].Start != i || got[0].End != i+len("hôm 19/6") {
		t.Errorf("offsets %d:%d, want %d:%d", got[0].Start, got[0].End, i, i+len("hôm 19/6"))
	}
	if p := got[0].Partial; p != (Date{Month: 6, Day: 19}) || !got[0].Date.IsZero() {
		t.Errorf("hôm 19/6 without pub: Date %v Partial %+v, want zero and {0 6 19}", got[0].Date, p)
	}
	if p := got[1].Partial; p != (Date{Year: 2018, Month: 5}) || got[1].Date != p {
		t.Errorf("tháng 5 năm 2018: Date %v Partial %+v, want 2018-05 for both", got[1].Date, p)
	}
}

func TestFindMalformedDatesDegrade(t *testing.T) {
	// A publication date with a bad day still gives its month.
	got := Find("Hôm nay ông phát biểu.", Date{2024, 6, 31}, Date{2024, 13, 1})
	if len(got) != 1 || got[0].Date != (Date{2024, 6, 0}) {
		t.Errorf("Find with pub 2024-06-31 = %s, want hôm nay = 2024-06", show(got))
	}
}

func TestAppendReusesSlice(t *testing.T) {
	buf := make([]Expr, 0, 4)
	got := Append(buf, "Ngày 18/6 và ngày 19/6.", Date{2024, 6, 20}, Date{})
	if len(got) != 2 || &got[0] != &buf[:1][0] {
		t.Errorf("Append did not fill the given slice: %s", show(got))
	}
}

func TestRelationString(t *testing.T) {
	for r, want := range map[Relation]string{
		Absolute:                  "Absolute",
		Deictic | Past:            "Deictic|Past",
		SameDay:                   "SameDay",
		Anaphoric | Future:        "Anaphoric|Future",
		Absolute | Past:           "Absolute|Past",
		(Anaphoric | Past).Kind(): "Anaphoric",
	} {
		if got := r.String(); got != want {
			t.Errorf("Relation(%d).String() = %q, want %q", r, got, want)
		}
	}
}

func TestCueKeysAreLowerCase(t *testing.T) {
	for k := range cues {
		if lookup(k) != cues[k] {
			t.Errorf("lookup(%q) = %d, want %d", k, lookup(k), cues[k])
		}
		if len(k) > maxCueLen {
			t.Errorf("cue %q longer than maxCueLen", k)
		}
	}
	if lookup("Hôm") != cDayHom || lookup("Đêm") != cNight || lookup("NGÀY") != cNone {
		t.Error("lookup must fold the first letter only")
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"Ngày 18/6, hai thứ trưởng hội đàm.",
		"Hôm nay (20/6) và hôm qua, 2/6, rồi sáng sớm 29/5.",
		"thứ Sáu (ngày 21/5) tháng 10-2024 năm 2013 (2003-2008)",
		"ngày 6 - 9-5-2016 ngày 22 và 23/6 ngày 7-8/7",
		"Một ngày trước đó, cùng ngày, trước đó hai ngày, 3 ngày trước.",
		"lúc 5h39 sáng 29/5 GMT+7 2+2 COVID-19 1/1/2026",
		"thứ Hai tuần trước, cuối tuần qua, hạ tuần tháng 8",
		"ngày ngày ngày 1 và 1 và 1 và",
		"(((( 1/1 ) 2024-02-30 tháng Mười Hai",
	} {
		f.Add(s, 2024, 6, 20, 2024, 6, 18)
	}
	f.Fuzz(func(t *testing.T, s string, py, pm, pd, ry, rm, rd int) {
		es := Find(s, Date{py, pm, pd}, Date{ry, rm, rd})
		checkInvariants(t, s, es)
	})
}
