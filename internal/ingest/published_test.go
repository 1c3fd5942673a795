package ingest

import (
	"strings"
	"testing"
)

func TestPublishedFrom(t *testing.T) {
	filler := strings.Repeat("Hai bên tiếp tục thảo luận về hợp tác kinh tế và an ninh khu vực. ", 200)
	tests := []struct {
		name, text, want string
	}{
		{"crawler metadata line", " date 2024-06 Photo : Hãng tin\n\nNgày 20/6, hai bên gặp nhau.", "2024-06"},
		{"metadata line with day", "date 2024-06-18\nNội dung.", "2024-06-18"},
		{"time, date", "Tiêu đề bài viết\n\n08:36, 22/12/2025\n\nNội dung.", "2025-12-22T08:36"},
		{"two-digit year and zone", "Nội dung.\n27/05/13 21:27 GMT+7", "2013-05-27T21:27"},
		{"updated label", "Cập nhật: 14/05/2017 10:21\nNội dung.", "2017-05-14T10:21"},
		{"weekday byline", "Thứ hai, 3/6/2019, 07:05 (GMT+7)\nNội dung.", "2019-06-03T07:05"},
		{"hour with h", "Đăng lúc 9h05 ngày 01/10/2018", "2018-10-01T09:05"},
		{"ISO", "Xuất bản 2018-10-01T21:30:00+07:00", "2018-10-01T21:30"},
		{"date alone on a line", "Tiêu đề\n\nThứ Sáu, 20/12/2025\nNội dung.", "2025-12-20"},
		{"date line with CRLF", "Tiêu đề\r\n20/12/2025\r\nNội dung.", "2025-12-20"},
		{"labelled date", "Ngày đăng: 5/3/2016 — nguồn tin", "2016-03-05"},
		{"trailer after long text", "Tiêu đề\n" + filler + "\n15:40, 02/01/2019", "2019-01-02T15:40"},
		{"time-dated line preferred over bare date", "20/12/2025\nNội dung.\n08:36, 22/12/2025", "2025-12-22T08:36"},
		{"date in prose is not publication", "Ngày 2/2/2017, bộ trưởng hai nước hội đàm.", ""},
		{"no year", "Tối 18/6 lúc 20:00, hai bên gặp nhau.", ""},
		{"impossible date", "10:00, 31/02/2019", ""},
		{"impossible time", "25:61, 12/02/2019", ""},
		{"metadata month out of range", " date 2024-13\n", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PublishedFrom(tt.text); got != tt.want {
				t.Errorf("PublishedFrom(%.60q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestNormalizeDate(t *testing.T) {
	for in, want := range map[string]string{
		"2017-05-09":                "2017-05-09",
		"2017-05":                   "2017-05",
		"2017-5":                    "2017-05",
		"2017/05/09":                "2017-05-09",
		"2017-05-09T10:00:00+07:00": "2017-05-09T10:00",
		"2017-05-09 10:00":          "2017-05-09T10:00",
		"20170509":                  "2017-05-09",
		"09/05/2017 10:00":          "2017-05-09T10:00",
		"09/05/2017":                "2017-05-09",
		"~2017-02":                  "",
		"tháng năm":                 "",
		"2017-02-30":                "",
	} {
		if got := normalizeDate(in); got != want {
			t.Errorf("normalizeDate(%q) = %q, want %q", in, got, want)
		}
	}
}
