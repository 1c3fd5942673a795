package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/sukien/sukien"
	"github.com/sukien/sukien/internal/demo"
	"github.com/sukien/sukien/internal/dict"
	"github.com/sukien/sukien/internal/eval"
)

var (
	loadOnce sync.Once
	testX    *Extractor
)

func extractor(t testing.TB) *Extractor {
	loadOnce.Do(func() {
		d, errs := dict.Load()
		if d == nil {
			t.Fatalf("dictionary: %v", errs)
		}
		testX = New(d)
	})
	return testX
}

func codes(as []sukien.Actor) string {
	var out []string
	for _, a := range as {
		if a.Country != "" && !strings.Contains(strings.Join(out, ","), a.Country) {
			out = append(out, a.Country)
		}
	}
	return strings.Join(out, ",")
}

func personsOf(ev sukien.Event) []string {
	var out []string
	for _, a := range append(append([]sukien.Actor{}, ev.Actor...), ev.Recipient...) {
		if a.Kind == sukien.KindPerson {
			out = append(out, a.Name)
		}
	}
	return out
}

// find returns the first event of type typ, or fails.
func find(t *testing.T, evs []sukien.Event, typ string) sukien.Event {
	t.Helper()
	for _, ev := range evs {
		if ev.Event == typ {
			return ev
		}
	}
	t.Fatalf("no %s event among %d: %s", typ, len(evs), dump(evs))
	return sukien.Event{}
}

func dump(evs []sukien.Event) string {
	var b strings.Builder
	for _, ev := range evs {
		b.WriteString("\n  " + ev.Event + " " + codes(ev.Actor) + " -> " + codes(ev.Recipient) + " " + deref(ev.Date) + " | " + ev.Sentence)
	}
	return b.String()
}

func deref(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
}

func sides(ev sukien.Event) map[string]bool {
	m := map[string]bool{}
	for _, a := range append(append([]sukien.Actor{}, ev.Actor...), ev.Recipient...) {
		m[a.Country] = true
	}
	return m
}

func TestEventCoding(t *testing.T) {
	x := extractor(t)
	cases := []struct {
		name, published, text string
		event, actor, recip   string // recipient "" is not checked; for symmetric types actor lists all sides
		date                  string
		mode                  string
		persons               []string
		location              string
	}{
		{name: "phone call with counterpart", published: "2024-03-05",
			text:  "Ngoại trưởng Hàn Quốc Cho Tae-yul hôm 4/3 đã điện đàm với người đồng cấp Nhật Bản Kamikawa Yoko về tình hình bán đảo.",
			event: "CONSULT", actor: "JPN,KOR", date: "2024-03-04", mode: "phone", persons: []string{"Cho Tae-yul", "Yoko Kamikawa"}},
		{name: "meeting in a capital", published: "2019-06-21",
			text:  "Chủ tịch Trung Quốc Tập Cận Bình ngày 20/6 đã hội đàm với nhà lãnh đạo Triều Tiên Kim Jong-un tại Bình Nhưỡng.",
			event: "CONSULT", actor: "CHN,PRK", date: "2019-06-20", mode: "visit", location: "Pyongyang"},
		{name: "announced meeting is AGREE", published: "2018-05-11",
			text:  "Tổng thống Mỹ Donald Trump cho biết ông sẽ gặp Chủ tịch Triều Tiên Kim Jong-un tại Singapore vào ngày 12/6.",
			event: "AGREE", actor: "PRK,USA", date: "2018-06-12"},
		{name: "missile launch", published: "2022-11-18",
			text:  "Triều Tiên sáng 18/11 đã phóng một tên lửa đạn đạo xuyên lục địa ra vùng biển phía đông.",
			event: "MOBILIZE", actor: "PRK", date: "2022-11-18", mode: "weapons"},
		{name: "condemnation of the launch", published: "2022-11-18",
			text:  "Triều Tiên sáng 18/11 đã phóng một tên lửa đạn đạo. Nhật Bản mạnh mẽ lên án hành động này.",
			event: "ACCUSE", actor: "JPN", recip: "PRK", date: "2022-11-18"},
		{name: "request", published: "2023-07-02",
			text:  "Ngày 1/7, Bộ Ngoại giao Hàn Quốc kêu gọi Triều Tiên quay lại bàn đàm phán.",
			event: "REQUEST", actor: "KOR", recip: "PRK", date: "2023-07-01"},
		{name: "joint drill is cooperation", published: "2024-06-28",
			text:  "Hàn Quốc, Mỹ và Nhật Bản ngày 27/6 đã tiến hành cuộc tập trận chung ba bên đầu tiên.",
			event: "COOPERATE", actor: "JPN,KOR,USA", date: "2024-06-27"},
		{name: "compound names the sides", published: "2024-05-28",
			text:  "Hội nghị thượng đỉnh Hàn-Trung-Nhật đã diễn ra tại Seoul ngày 27/5.",
			event: "CONSULT", actor: "CHN,JPN,KOR", date: "2024-05-27", mode: "multilateral", location: "Seoul"},
		{name: "title resolves through terms of office", published: "2019-07-01",
			text:  "Tổng thống Hàn Quốc ngày 30/6 đã gặp Tổng thống Mỹ tại Bàn Môn Điếm.",
			event: "CONSULT", actor: "KOR,USA", date: "2019-06-30", persons: []string{"Moon Jae-in", "Donald Trump"}},
		{name: "unknown Chinese name is transliterated", published: "2030-02-02",
			text:  "Thứ trưởng Ngoại giao Hàn Quốc Park Min-su ngày 1/2 đã gặp người đồng cấp Trung Quốc Tôn Vệ Đông tại Seoul.",
			event: "CONSULT", actor: "CHN,KOR", date: "2030-02-01", persons: []string{"Sun Weidong", "Park Min-su"}},
		{name: "old tone marks", published: "2018-04-28",
			text:  "Hai nhà lãnh đạo Hàn Quốc và Triều Tiên ngày 27/4 đã nhất trí thoả thuận hoà bình.",
			event: "AGREE", actor: "KOR,PRK", date: "2018-04-27"},
		{name: "word-segmented text", published: "2018-09-19",
			text:  "Tổng_thống Hàn_Quốc Moon_Jae-in ngày 18/9 đã hội_đàm với Chủ_tịch Triều_Tiên Kim_Jong-un tại Bình_Nhưỡng.",
			event: "CONSULT", actor: "KOR,PRK", date: "2018-09-18", persons: []string{"Moon Jae-in", "Kim Jong-un"}},
		{name: "sanction", published: "2023-12-02",
			text:  "Sáng 1/12, Bộ Ngoại giao Hàn Quốc công bố trừng phạt 11 cá nhân Triều Tiên.",
			event: "SANCTION", actor: "KOR", recip: "PRK", date: "2023-12-01"},
		{name: "envoys owned by a list of states", published: "2023-04-08",
			text:  "Ngày 7/4, các đặc phái viên hạt nhân của Hàn Quốc, Mỹ và Nhật Bản nhất trí tăng cường trao đổi thông tin.",
			event: "AGREE", actor: "JPN,KOR,USA", date: "2023-04-07"},
		{name: "launch owned by a state before the list of condemners", published: "2023-04-14",
			text:  "Sau vụ phóng của Triều Tiên, Mỹ, Nhật Bản và Hàn Quốc ngày 13/4 đã cùng lên án Bình Nhưỡng.",
			event: "ACCUSE", actor: "USA", recip: "PRK", date: "2023-04-13"},
		{name: "announcing a plan is an agreement dated by the announcement", published: "2018-03-06",
			text:  "Trước đó, ngày 2/3, Bộ Thống nhất Hàn Quốc thông báo kế hoạch nối lại viện trợ nhân đạo cho Triều Tiên.",
			event: "AGREE", actor: "KOR,PRK", date: "2018-03-02"},
		{name: "a state held since an earlier event began then", published: "2017-05-24",
			text:  "Hàn Quốc đã đình chỉ mọi hoạt động giao lưu với Triều Tiên kể từ khi Bình Nhưỡng thử hạt nhân vào tháng 9/2016.",
			event: "SANCTION", actor: "KOR", recip: "PRK", date: "2016-09"},
		{name: "summoning an envoy to protest targets the envoy's state", published: "2023-09-15",
			text:  "Bộ Ngoại giao Hàn Quốc ngày 14/9 đã triệu tập Đại sứ Nga Andrey Kulik để phản đối việc Nga hợp tác quân sự với Triều Tiên.",
			event: "ACCUSE", actor: "KOR", recip: "RUS", date: "2023-09-14"},
		{name: "concern about a treaty targets its parties", published: "2024-06-21",
			text:  "Nga và Triều Tiên ngày 19/6 đã ký hiệp ước đối tác chiến lược toàn diện. Ngày 20/6, Nhật Bản bày tỏ quan ngại sâu sắc về hiệp ước.",
			event: "ACCUSE", actor: "JPN", recip: "RUS", date: "2024-06-20"},
		{name: "welcoming a commitment welcomes its sides", published: "2018-04-28",
			text:  "Ngày 27/4, Tổng thống Hàn Quốc Moon Jae-in đã hội đàm với Chủ tịch Triều Tiên Kim Jong-un. Thủ tướng Nhật Bản Shinzo Abe hoan nghênh cam kết phi hạt nhân hóa.",
			event: "SUPPORT", actor: "JPN", recip: "KOR", date: "2018-04-27"},
		{name: "congratulations with no object go to the sides of the news", published: "2018-06-13",
			text:  "Ngày 12/6, Tổng thống Mỹ Donald Trump đã hội đàm với Chủ tịch Triều Tiên Kim Jong-un tại Singapore. Tổng thống Hàn Quốc Moon Jae-in ra thông cáo chúc mừng, gọi kết quả tại Singapore là bước ngoặt.",
			event: "SUPPORT", actor: "KOR", recip: "USA", date: "2018-06-12"},
		{name: "a predicate after ', và' keeps the first verb's subject", published: "2025-11-02",
			text:  "Tổng thống Hàn Quốc Lee Jae-myung ngày 1/11 hội đàm với Chủ tịch Trung Quốc Tập Cận Bình. Tại cuộc gặp, ông Lee đánh giá quan hệ giữa Trung Quốc và Triều Tiên là tích cực, và đề nghị Bắc Kinh tăng cường trao đổi chiến lược.",
			event: "REQUEST", actor: "KOR", recip: "CHN", date: "2025-11-01"},
		{name: "a place passed through is neither a side nor the place", published: "2017-05-09",
			text:  "Ngày 8/5, bà Choe Son-hui của Bộ Ngoại giao Triều Tiên đã tới châu Âu qua đường Bắc Kinh để đàm phán với các cựu quan chức Mỹ.",
			event: "CONSULT", actor: "PRK,USA", date: "2017-05-08", location: "Europe"},
		{name: "a destination capital is not a side", published: "2017-05-09",
			text:  "Ngày 8/5, bà Choe Son-hui của Bộ Ngoại giao Triều Tiên đã tới Oslo để đàm phán với các cựu quan chức Mỹ.",
			event: "CONSULT", actor: "PRK,USA", date: "2017-05-08", mode: "third-party", location: "Oslo"},
		{name: "an act N days before the main one is dated back", published: "2024-07-02",
			text:  "Triều Tiên sáng 1/7 đã phóng hai tên lửa đạn đạo, chỉ hai ngày sau khi Hàn Quốc, Mỹ và Nhật Bản kết thúc cuộc tập trận ba bên.",
			event: "COOPERATE", actor: "JPN,KOR,USA", date: "2024-06-29"},
		{name: "a long passive subject names the deployer", published: "2023-03-06",
			text:  "Ngày 5/3, tàu sân bay chạy bằng năng lượng hạt nhân USS Nimitz của Mỹ đang được triển khai ở vùng biển ngoài khơi bán đảo Triều Tiên.",
			event: "MOBILIZE", actor: "USA", date: "2023-03-05", mode: "troops"},
		{name: "a US Navy ship is deployed by the United States", published: "2017-05-20",
			text:  "Tàu USS Ronald Reagan sẽ thay tàu sân bay USS Carl Vinson - vốn triển khai tới khu vực này vào tháng 4.",
			event: "MOBILIZE", actor: "USA", date: "2017-04"},
		{name: "the speaker before the clause is a person of the acting state", published: "2023-04-14",
			text:  "Triều Tiên sáng 13/4 đã phóng một tên lửa đạn đạo. Cùng ngày, Chánh văn phòng Nội các Nhật Bản Hirokazu Matsuno cho biết, việc phóng tên lửa của Triều Tiên vi phạm các nghị quyết và Nhật Bản mạnh mẽ lên án hành động này.",
			event: "ACCUSE", actor: "JPN", recip: "PRK", date: "2023-04-13", persons: []string{"Hirokazu Matsuno"}},
		{name: "'chúng tôi' in a quote is the speaker before it", published: "2023-04-14",
			text:  "Triều Tiên sáng 13/4 đã phóng một tên lửa đạn đạo, Chánh văn phòng Nội các Nhật Bản Hirokazu Matsuno cho biết. Thủ tướng Nhật Bản Fumio Kishida nhấn mạnh: \"Chúng tôi phản đối mạnh mẽ vụ phóng này\".",
			event: "ACCUSE", actor: "JPN", recip: "PRK", date: "2023-04-13", persons: []string{"Fumio Kishida"}},
		{name: "a visit over a span of days is dated by its first day", published: "2018-03-28",
			text:  "Nhà lãnh đạo Triều Tiên Kim Jong-un đã thăm Trung Quốc từ ngày 25 đến 28/3 theo lời mời của Chủ tịch Tập Cận Bình.",
			event: "CONSULT", actor: "PRK,CHN", date: "2018-03-25"},
		{name: "the date after an event noun's owner is the event's", published: "2017-05-30",
			text:  "Vụ phóng tên lửa mới nhất của Triều Tiên sáng sớm hôm qua đã khiến dư luận khu vực quan ngại.",
			event: "MOBILIZE", actor: "PRK", date: "2017-05-29", mode: "weapons"},
		{name: "meeting at a venue is located in its city", published: "2018-04-28",
			text:  "Ngày 27/4, Tổng thống Hàn Quốc Moon Jae-in đã hội đàm với Chủ tịch Triều Tiên Kim Jong-un tại Nhà Hòa bình.",
			event: "CONSULT", actor: "KOR,PRK", date: "2018-04-27", location: "Panmunjom"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := x.Extract(sukien.Document{ID: "t", Published: tc.published, Text: tc.text})
			ev := find(t, res.Events, tc.event)
			got := sides(ev)
			if !sukien.Symmetric(tc.event) {
				got = map[string]bool{}
				for _, a := range ev.Actor {
					got[a.Country] = true
				}
			}
			for _, c := range strings.Split(tc.actor, ",") {
				if !got[c] {
					t.Errorf("sides %v lack %s%s", got, c, dump(res.Events))
				}
			}
			if sukien.Symmetric(tc.event) && len(got) != len(strings.Split(tc.actor, ",")) {
				t.Errorf("sides %v, want exactly %s", got, tc.actor)
			}
			if tc.recip != "" && !strings.Contains(codes(ev.Recipient), tc.recip) {
				t.Errorf("recipient %s, want %s", codes(ev.Recipient), tc.recip)
			}
			if deref(ev.Date) != tc.date {
				t.Errorf("date %s, want %s", deref(ev.Date), tc.date)
			}
			if tc.mode != "" && ev.Mode != tc.mode {
				t.Errorf("mode %q, want %q", ev.Mode, tc.mode)
			}
			ps := strings.Join(personsOf(ev), "|")
			for _, p := range tc.persons {
				if !strings.Contains(ps, p) {
					t.Errorf("persons %q lack %q", ps, p)
				}
			}
			if tc.location != "" && (ev.Location == nil || ev.Location.Name != tc.location) {
				t.Errorf("location %+v, want %s", ev.Location, tc.location)
			}
			if ev.Sentence == "" || ev.End <= ev.Start {
				t.Errorf("no evidence: %q %d-%d", ev.Sentence, ev.Start, ev.End)
			}
		})
	}
}

func TestNoEvent(t *testing.T) {
	x := extractor(t)
	for _, text := range []string{
		"Hàn Quốc không tổ chức cuộc gặp nào với Triều Tiên trong tháng này.",
		"Nếu Triều Tiên phóng tên lửa, Nhật Bản sẽ có thể lên án mạnh mẽ.",
		"Giới phân tích cho rằng Mỹ có thể sẽ gặp Triều Tiên vào năm sau.",
		"Các biện pháp giải pháp hòa bình đã được bàn tới.",
		"Trước thềm chuyến thăm Triều Tiên của Tổng thống Nga Vladimir Putin, an ninh tại Bình Nhưỡng được thắt chặt.",
		"Mỹ đã thuyết phục được Trung Quốc đồng ý bỏ phiếu công khai trước thái độ của Bình Nhưỡng bất chấp lệnh cấm thử tên lửa.",
		"Theo ông Moon, Hàn Quốc nhấn mạnh đàm phán với Triều Tiên chỉ có thể bắt đầu nếu Bình Nhưỡng ngừng thử tên lửa.",
		"Nếu Triều Tiên tiếp tục phóng thử tên lửa đạn đạo hoặc tiến hành thử hạt nhân lần thứ 7, các nước sẽ phải cân nhắc.",
		"Căng thẳng gia tăng sau các vụ thử tên lửa đạn đạo tầm xa, thử bom hạt nhân gần đây.",
	} {
		res := x.Extract(sukien.Document{ID: "t", Published: "2020-01-10", Text: text})
		if len(res.Events) > 0 {
			t.Errorf("%q: want no event, got %s", text, dump(res.Events))
		}
	}
}

func TestRelatedStoriesAreNotRead(t *testing.T) {
	x := extractor(t)
	text := "Hàn Quốc và Nhật Bản điện đàm\n\nNgoại trưởng Hàn Quốc Park Jin ngày 3/3 đã điện đàm với người đồng cấp Nhật Bản Hayashi Yoshimasa.\n\nTin cùng chuyên mục\nTriều Tiên phóng tên lửa ra biển\nNga và Trung Quốc tập trận chung\n"
	res := x.Extract(sukien.Document{ID: "t", Published: "2023-03-04", Text: text})
	for _, ev := range res.Events {
		if ev.Event == "MOBILIZE" || ev.Event == "COOPERATE" {
			t.Errorf("event from the related-stories list: %s", dump([]sukien.Event{ev}))
		}
	}
	find(t, res.Events, "CONSULT")
}

func TestRepeatedMentionsMerge(t *testing.T) {
	x := extractor(t)
	text := "Ngày 10/4, Ngoại trưởng Mỹ Antony Blinken đã điện đàm với người đồng cấp Hàn Quốc Park Jin. " +
		"Trong cuộc điện đàm, hai bên thảo luận về Triều Tiên. " +
		"Cuộc điện đàm giữa ông Blinken và ông Park kéo dài 30 phút."
	res := x.Extract(sukien.Document{ID: "t", Published: "2023-04-11", Text: text})
	n := 0
	for _, ev := range res.Events {
		if ev.Event == "CONSULT" {
			n++
			if ev.Mentions < 2 {
				t.Errorf("mentions = %d, want the repeats counted", ev.Mentions)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d CONSULT records, want 1:%s", n, dump(res.Events))
	}
}

func TestStreamKeepsInputOrder(t *testing.T) {
	x := extractor(t)
	var docs []sukien.Document
	for _, line := range bytes.Split(bytes.TrimSpace(demo.Docs), []byte("\n")) {
		var d sukien.Document
		if err := json.Unmarshal(line, &d); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	in := make(chan Job)
	go func() {
		defer close(in)
		for i := 0; i < 3; i++ {
			for _, d := range docs {
				in <- Job{Doc: d}
			}
		}
	}()
	var got []string
	err := x.Stream(context.Background(), 4, in, func(d Done) error {
		got = append(got, d.Doc.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3*len(docs) {
		t.Fatalf("%d results, want %d", len(got), 3*len(docs))
	}
	for i, id := range got {
		if id != docs[i%len(docs)].ID {
			t.Fatalf("result %d is %s, want %s", i, id, docs[i%len(docs)].ID)
		}
	}
}

// TestDemoGold scores the built-in demo corpus against its gold: a floor
// that catches regressions in any stage.
func TestDemoGold(t *testing.T) {
	rep := scoreCorpus(t, demo.Docs, demo.Gold)
	t.Logf("demo corpus: P=%.3f R=%.3f F1=%.3f (no date F1=%.3f), persons F1=%.3f, evidence %.3f",
		rep.All.Precision, rep.All.Recall, rep.All.F1, rep.NoDate.F1, rep.Persons.F1, rep.Evidence)
	if rep.All.F1 < 0.75 || rep.NoDate.F1 < 0.78 || rep.Persons.F1 < 0.86 || rep.Evidence < 0.82 {
		t.Errorf("demo corpus scores fell: F1=%.3f no-date F1=%.3f persons F1=%.3f evidence %.3f", rep.All.F1, rep.NoDate.F1, rep.Persons.F1, rep.Evidence)
	}
}

// TestDevGold scores the real-article dev set when ../shared is present.
func TestDevGold(t *testing.T) {
	docs, err := os.ReadFile("../../../shared/eval/dev/docs.jsonl")
	if err != nil {
		t.Skip("dev set not present:", err)
	}
	gold, err := os.ReadFile("../../../shared/eval/dev/gold.jsonl")
	if err != nil {
		t.Skip("dev gold not present:", err)
	}
	rep := scoreCorpus(t, docs, gold)
	t.Logf("dev set: P=%.3f R=%.3f F1=%.3f (no date F1=%.3f), persons F1=%.3f, evidence %.3f",
		rep.All.Precision, rep.All.Recall, rep.All.F1, rep.NoDate.F1, rep.Persons.F1, rep.Evidence)
	if rep.All.F1 < 0.85 || rep.NoDate.F1 < 0.87 || rep.Persons.F1 < 0.93 || rep.Evidence < 0.95 {
		t.Errorf("dev set scores fell: F1=%.3f persons F1=%.3f evidence %.3f", rep.All.F1, rep.Persons.F1, rep.Evidence)
	}
}

func scoreCorpus(t *testing.T, docsJSONL, goldJSONL []byte) eval.Report {
	x := extractor(t)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, line := range bytes.Split(bytes.TrimSpace(docsJSONL), []byte("\n")) {
		var d sukien.Document
		if err := json.Unmarshal(line, &d); err != nil {
			t.Fatal(err)
		}
		for _, ev := range x.Extract(d).Events {
			if err := enc.Encode(ev); err != nil {
				t.Fatal(err)
			}
		}
	}
	gold, err := eval.Read(bytes.NewReader(goldJSONL), "gold")
	if err != nil {
		t.Fatal(err)
	}
	pred, err := eval.Read(&buf, "pred")
	if err != nil {
		t.Fatal(err)
	}
	return eval.Score(gold, pred)
}

func TestUndatedArticleKeepsDateText(t *testing.T) {
	x := extractor(t)
	res := x.Extract(sukien.Document{ID: "t", Text: "Ngoại trưởng Hàn Quốc Cho Tae-yul ngày 18/6 đã điện đàm với người đồng cấp Mỹ Antony Blinken."})
	ev := find(t, res.Events, "CONSULT")
	if ev.Date != nil {
		t.Errorf("date = %s, want null without a publication date", *ev.Date)
	}
	if ev.DateText != "ngày 18/6" {
		t.Errorf("date_text = %q, want the expression as written", ev.DateText)
	}
	if ev.Level != "minister" {
		t.Errorf("level = %q, want minister (two foreign ministers)", ev.Level)
	}
}

// A page with no full stop is read in bounded pieces; before, clause
// analysis of one huge sentence was quadratic and took minutes.
func TestVeryLongSentence(t *testing.T) {
	x := extractor(t)
	text := strings.Repeat("Hàn Quốc và Mỹ ngày 3/3 đã điện đàm về Triều Tiên, ", 4000)
	res := x.Extract(sukien.Document{ID: "t", Published: "2024-03-04", Text: text})
	ev := find(t, res.Events, "CONSULT")
	if ev.Mentions < 100 {
		t.Errorf("mentions = %d, want the repeats merged into one event", ev.Mentions)
	}
}

// An agreement told after the meeting of the same sides, with no date of
// its own, took place at that meeting, not on the day of the report.
func TestAgreementTakesMeetingDate(t *testing.T) {
	x := extractor(t)
	res := x.Extract(sukien.Document{ID: "t", Published: "2023-09-16", Text: "Ngày 15/9, Ngoại trưởng Hàn Quốc Park Jin đã điện đàm với Ngoại trưởng Mỹ Antony Blinken về cuộc hội đàm thượng đỉnh Nga-Triều diễn ra tại Vostochny hôm 13/9.\n\nBộ Ngoại giao Hàn Quốc cho biết hai ông lên án việc Matxcơva và Bình Nhưỡng nhất trí mở rộng hợp tác quân sự."})
	ev := find(t, res.Events, "AGREE")
	if ev.Date == nil || *ev.Date != "2023-09-13" {
		got := "null"
		if ev.Date != nil {
			got = *ev.Date
		}
		t.Errorf("AGREE date = %s, want 2023-09-13 (the meeting's day)", got)
	}
}

// Events held at a venue are located in its city: through the venue's
// `within` in the dictionary, or the known place written right after an
// unknown venue.
func TestVenueLocatesCity(t *testing.T) {
	x := extractor(t)
	tests := []struct{ text, want string }{
		{"Tổng thống Hàn Quốc Moon Jae-in ngày 27/4/2018 đã hội đàm với nhà lãnh đạo Triều Tiên Kim Jong-un tại Nhà Hòa bình.", "Panmunjom"},
		{"Ngày 27/2/2019, ông Trump đã gặp ông Kim Jong-un tại khách sạn Melia Grand Hà Nội.", "Hanoi"},
		{"Ngày 2/3/2024, Ngoại trưởng Nhật Bản đã hội đàm với Ngoại trưởng Hàn Quốc tại Nhà khách Quốc gia Cheongwadae.", "Nhà khách Quốc gia Cheongwadae"},
	}
	for _, tc := range tests {
		ev := find(t, x.Extract(sukien.Document{ID: "t", Published: "2024-03-03", Text: tc.text}).Events, "CONSULT")
		if ev.Location == nil || ev.Location.Name != tc.want {
			t.Errorf("%s\nlocation = %+v, want %s", tc.text, ev.Location, tc.want)
		}
	}
}

// Common words that begin with a state's name ("Ý tưởng": idea, not Italy)
// name no side.
func TestCommonWordsNameNoState(t *testing.T) {
	x := extractor(t)
	res := x.Extract(sukien.Document{ID: "t", Published: "2024-06-03", Text: "Ý tưởng về cuộc tập trận chung được Hàn Quốc và Nhật Bản thống nhất hôm 2/6."})
	for _, ev := range res.Events {
		if sides(ev)["ITA"] {
			t.Errorf("Italy read in a common word: %s", dump(res.Events))
		}
	}
}

// The reporter of a launch told in the passive did not launch it.
func TestPassiveLaunchReporter(t *testing.T) {
	x := extractor(t)
	res := x.Extract(sukien.Document{ID: "t", Published: "2017-05-29", Text: "Triều Tiên sáng 29/5 đã phóng một tên lửa đạn đạo. Bộ Tham mưu liên quân Hàn Quốc cho biết tên lửa được phóng đi từ thành phố Wonsan vào lúc 5h39 sáng nay."})
	for _, ev := range res.Events {
		if ev.Event == "MOBILIZE" && codes(ev.Actor) != "PRK" {
			t.Errorf("launcher %s, want PRK only: %s", codes(ev.Actor), dump(res.Events))
		}
	}
}

// A span of years after a period's name dates the period, not the event.
func TestEraSpanIsNoEventDate(t *testing.T) {
	x := extractor(t)
	res := x.Extract(sukien.Document{ID: "t", Published: "2018-07-08", Text: "Bình Nhưỡng muốn một tuyên bố chính thức kết thúc Chiến tranh Triều Tiên 1950-1953 và lên án Washington như \"đầu gấu\"."})
	for _, ev := range res.Events {
		if ev.Date != nil && strings.HasPrefix(*ev.Date, "195") {
			t.Errorf("event dated by the war's years: %s", dump(res.Events))
		}
	}
}

// "Các nhà lãnh đạo" after a meeting of many states are all of them, not
// only the two persons named.
func TestUncountedLeadersAreAllSides(t *testing.T) {
	x := extractor(t)
	res := x.Extract(sukien.Document{ID: "t", Published: "2022-11-19", Text: "Ngày 18/11, Phó Tổng thống Mỹ Kamala Harris đã triệu tập cuộc họp khẩn với lãnh đạo Nhật Bản, Hàn Quốc, Australia, Canada và New Zealand. Các nhà lãnh đạo ra tuyên bố lên án vụ phóng tên lửa của Triều Tiên."})
	ev := find(t, res.Events, "ACCUSE")
	got := map[string]bool{}
	for _, a := range ev.Actor {
		got[a.Country] = true
	}
	for _, c := range []string{"USA", "JPN", "KOR", "AUS", "CAN", "NZL"} {
		if !got[c] {
			t.Errorf("accusers %s lack %s", codes(ev.Actor), c)
		}
	}
}

// A ship's name after its navy's prefix is no person.
func TestShipIsNoPerson(t *testing.T) {
	x := extractor(t)
	res := x.Extract(sukien.Document{ID: "t", Published: "2017-05-20", Text: "Tàu USS Ronald Reagan sẽ thay tàu sân bay USS Carl Vinson - vốn triển khai tới khu vực này vào tháng 4."})
	ev := find(t, res.Events, "MOBILIZE")
	if ps := personsOf(ev); len(ps) > 0 {
		t.Errorf("persons %v read in a ship's name", ps)
	}
}

// The persons of an event are those who act or take part: not the person a
// condemnation or a congratulation is about, and, for a statement, also the
// official who voices it for the same state.
func TestPersonsOfAnAct(t *testing.T) {
	x := extractor(t)
	cases := []struct {
		name, text, event string
		persons           []string // exactly, in any order
		published         string   // 2025-12-01 if empty
	}{
		{"concern about a leader's visit names no person of the target",
			"Bộ Ngoại giao Nhật Bản ngày 3/9 bày tỏ quan ngại sâu sắc về chuyến thăm Mátxcơva của nhà lãnh đạo Triều Tiên Kim Jong-un.",
			"ACCUSE", nil, ""},
		{"congratulations on a victory go to the winner's state",
			"Thủ tướng Nhật Bản Shigeru Ishiba ngày 4/6 gửi lời chúc mừng tới chiến thắng của ông Lee Jae-myung trong cuộc bầu cử tổng thống Hàn Quốc.",
			"SUPPORT", []string{"Shigeru Ishiba"}, ""},
		{"a request's addressee takes part",
			"Tổng thống Nga Vladimir Putin ngày 19/6 đề nghị nhà lãnh đạo Triều Tiên Kim Jong-un tăng cường hợp tác.",
			"REQUEST", []string{"Vladimir Putin", "Kim Jong-un"}, ""},
		{"the announcer of a leader's condemnation voices it too",
			"Chánh văn phòng Nội các Nhật Bản Yoshimasa Hayashi ngày 12/7 thông báo rằng Thủ tướng Fumio Kishida đã lên án mạnh mẽ vụ phóng tên lửa của Triều Tiên.",
			"ACCUSE", []string{"Yoshimasa Hayashi", "Fumio Kishida"}, ""},
		{"adverbs between the speaker and the reporting verb",
			"Thứ trưởng Ngoại giao Hàn Quốc Kim Hong-kyun ngày 10/5 dự cuộc họp tại New York. Ông Kim cũng khẳng định phái đoàn Hàn Quốc đã lên án mạnh mẽ vụ phóng tên lửa của Triều Tiên.",
			"ACCUSE", []string{"Kim Hong-kyun"}, ""},
		{"a person beginning the clause acts for the state named after",
			"Chủ tịch Trung Quốc Tập Cận Bình ngày 5/7 đã điện đàm với Tổng thống Pháp Emmanuel Macron. Ông Tập cũng giữ nguyên quan điểm của Bắc Kinh phản đối việc Mỹ áp thuế.",
			"ACCUSE", []string{"Xi Jinping"}, ""},
		{"a spokesman reports a meeting the leader after the comma held",
			"Người phát ngôn Park Soo-hyun của Tổng thống Moon Jae-in hôm qua cho biết trong cuộc gặp với Ngoại trưởng Mỹ Rex Tillerson đang ở thăm Seoul, nhà lãnh đạo Hàn Quốc khẳng định liên minh hai nước vẫn vững chắc.",
			"CONSULT", []string{"Moon Jae-in", "Rex Tillerson"}, "2017-06-01"},
		{"who marks the start of a span takes no part",
			"Bà Choe Son-hui ngày 8/5 đã đàm phán với các cựu quan chức Mỹ tại Na Uy. Đây là cuộc đối thoại đầu tiên giữa hai bên kể từ sau lễ nhậm chức của Tổng thống Mỹ Donald Trump.",
			"CONSULT", []string{"Choe Son-hui"}, "2017-05-10"},
		{"'quan chức hai nước' are the delegations, no one in particular",
			"Thứ trưởng Ngoại giao Hàn Quốc Kim Hong-kyun ngày 18/6 đã hội đàm với Thứ trưởng Ngoại giao Trung Quốc Tôn Vệ Đông tại Seoul. Quan chức hai nước nhất trí tổ chức đối thoại định kỳ.",
			"AGREE", nil, "2024-06-19"},
		{"'Thứ trưởng hai nước' are the two named",
			"Thứ trưởng Ngoại giao Hàn Quốc Kim Hong-kyun ngày 18/6 đã hội đàm với Thứ trưởng Ngoại giao Trung Quốc Tôn Vệ Đông tại Seoul. Thứ trưởng hai nước nhất trí tổ chức đối thoại định kỳ.",
			"AGREE", []string{"Kim Hong-kyun", "Sun Weidong"}, "2024-06-19"},
		{"'hai bên' right after a call are the two who spoke",
			"Ngày 14/5, Cố vấn An ninh Quốc gia Hàn Quốc Kim Kwan-jin đã điện đàm với người đồng cấp Mỹ H. R. McMaster. Hai bên nhất trí phối hợp chặt chẽ trước các hành động khiêu khích.",
			"AGREE", []string{"Kim Kwan-jin", "H. R. McMaster"}, "2017-05-15"},
		{"'hai bên' sentences after the call are the states",
			"Ngày 14/5, Cố vấn An ninh Quốc gia Hàn Quốc Kim Kwan-jin đã điện đàm với người đồng cấp Mỹ H. R. McMaster. Cuộc điện đàm kéo dài 20 phút. Nội dung được công bố sau đó. Hai bên nhất trí phối hợp chặt chẽ trước các hành động khiêu khích.",
			"AGREE", nil, "2017-05-15"},
		{"a description of the one person of a state named before",
			"Đặc phái viên Hàn Quốc Hong Seok-hyun cho biết trong cuộc gặp với Ngoại trưởng Mỹ Rex Tillerson ngày 18/5, nhà ngoại giao Mỹ tuyên bố Washington kêu gọi Bình Nhưỡng ngừng thử tên lửa.",
			"REQUEST", []string{"Rex Tillerson"}, "2017-05-20"},
		{"several diplomats are no one person",
			"Ngoại trưởng Mỹ Rex Tillerson ngày 18/5 thăm Seoul. Các nhà ngoại giao Mỹ tuyên bố Washington kêu gọi Bình Nhưỡng ngừng thử tên lửa.",
			"REQUEST", nil, "2017-05-20"},
		{"the leader who hails a launch takes part in it",
			"Hãng thông tấn KCNA cho biết nhà lãnh đạo Triều Tiên Kim Jong-un đã ca ngợi vụ phóng hôm 18/11 là một thành công lớn.",
			"MOBILIZE", []string{"Kim Jong-un"}, "2022-11-20"},
		{"who presents a measure another announced does not take it",
			"Ngoại trưởng Hàn Quốc Cho Tae-yul ngày 20/6 điện đàm với Ngoại trưởng Mỹ Antony Blinken. Ông Cho cũng trình bày các biện pháp của Chính phủ Hàn Quốc công bố ngày hôm trước, như lệnh cấm vận riêng với Triều Tiên.",
			"SANCTION", nil, "2024-06-21"},
		{"a title shared by a list of states names no one person",
			"Cuộc gặp diễn ra sau hội nghị thượng đỉnh giữa lãnh đạo Hàn Quốc và Nhật Bản bên lề Đại hội đồng Liên hợp quốc tại New York hồi tháng trước.",
			"CONSULT", nil, "2022-10-13"},
		{"a warning with no target leaves the response it announces standing",
			"Tổng thống Hàn Quốc Yoon Suk Yeol ngày 1/12 cảnh báo chính quyền của ông sẽ kiên quyết đáp trả mọi hành động khiêu khích của Triều Tiên.",
			"THREATEN", []string{"Yoon Suk Yeol"}, ""},
		{"the leader of a delegation named in the next sentence took part",
			"Bà Choe Son-hui ngày 8/5 đã có cuộc gặp với các chuyên gia Mỹ tại Oslo. Phái đoàn Mỹ do ông Thomas Pickering, cựu Thứ trưởng Ngoại giao, dẫn đầu.",
			"CONSULT", []string{"Choe Son-hui", "Thomas Pickering"}, "2017-05-10"},
		{"one state's condemnation voiced by two officials is one event",
			"Thủ tướng Nhật Bản Fumio Kishida ngày 18/11 lên án vụ phóng tên lửa của Triều Tiên. Cùng ngày, Chánh văn phòng Nội các Hirokazu Matsuno cho biết Nhật Bản phản đối mạnh mẽ hành động này.",
			"ACCUSE", []string{"Fumio Kishida", "Hirokazu Matsuno"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pub := tc.published
			if pub == "" {
				pub = "2025-12-01"
			}
			res := x.Extract(sukien.Document{ID: "t", Published: pub, Text: tc.text})
			n := 0
			for _, ev := range res.Events {
				if ev.Event == tc.event {
					n++
				}
			}
			if n != 1 {
				t.Fatalf("%d %s events, want 1:%s", n, tc.event, dump(res.Events))
			}
			ev := find(t, res.Events, tc.event)
			got := personsOf(ev)
			slices.Sort(got)
			want := slices.Clone(tc.persons)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("persons %q, want %q%s", got, want, dump(res.Events))
			}
		})
	}
}

// An office named without a name, or a title before a surname, is the
// holder the article has named, before the calendar or the latest person
// with that surname.
func TestOfficeResolvesToNamedHolder(t *testing.T) {
	x := extractor(t)
	res := x.Extract(sukien.Document{ID: "t", Published: "2025-08-01", Text: "Tháng 9/2018, Tổng thống Hàn Quốc Moon Jae-in đã thăm Bình Nhưỡng. Bảy năm sau, nhà lãnh đạo Hàn Quốc khi đó vẫn nhắc lại rằng ông từng hội đàm với ông Kim Jong-un."})
	for _, ev := range res.Events {
		for _, p := range personsOf(ev) {
			if p == "Lee Jae-myung" {
				t.Errorf("the leader named in the article became the one in office at publication:%s", dump(res.Events))
			}
		}
	}
	res = x.Extract(sukien.Document{ID: "t", Published: "2017-06-23", Text: "Tổng thống Hàn Quốc Moon Jae-in sẽ thăm Mỹ vào tuần tới. Cố vấn đặc biệt Moon Chung-in cho rằng Mỹ nên cắt giảm tập trận. Tổng thống Moon ngày 22/6 đã lên án vụ phóng tên lửa của Triều Tiên."})
	ev := find(t, res.Events, "ACCUSE")
	if ps := personsOf(ev); !slices.Equal(ps, []string{"Moon Jae-in"}) {
		t.Errorf("'Tổng thống Moon' read as %q, want the president", ps)
	}
}

// "Trước cuộc gặp X, A đã gặp B": A's meeting came before X, on a day the
// text does not give, and X is only its setting.
func TestMeetingBeforeAMeeting(t *testing.T) {
	x := extractor(t)
	res := x.Extract(sukien.Document{ID: "t", Published: "2023-04-07", Text: "Trưởng đoàn đàm phán hạt nhân Hàn Quốc Kim Gunn ngày 6/4 đã gặp Đặc phái viên Mỹ Sung Kim tại Seoul. Trước cuộc gặp của quan chức hạt nhân Hàn-Mỹ, Ngoại trưởng Hàn Quốc Park Jin đã gặp Đặc phái viên Sung Kim."})
	var park *sukien.Event
	for i, ev := range res.Events {
		if ev.Event == "CONSULT" && slices.Contains(personsOf(ev), "Park Jin") {
			if park != nil {
				t.Errorf("two meetings with Park Jin:%s", dump(res.Events))
			}
			park = &res.Events[i]
		}
	}
	if park == nil {
		t.Fatalf("no meeting of Park Jin:%s", dump(res.Events))
	}
	if ps := personsOf(*park); !slices.Contains(ps, "Sung Kim") || len(ps) != 2 {
		t.Errorf("persons %q, want Park Jin and Sung Kim", ps)
	}
	if d := deref(park.Date); d != "2023-04" {
		t.Errorf("date %s, want 2023-04 (before the 6 April meeting)", d)
	}
}

// The evidence of a merged event is its plainest dated report, not a later
// one that only adds the place.
func TestEvidenceIsThePlainReport(t *testing.T) {
	x := extractor(t)
	res := x.Extract(sukien.Document{ID: "t", Published: "2017-05-14", Text: "Triều Tiên lại phóng tên lửa\n\nTriều Tiên sáng 14/5 đã phóng một tên lửa đạn đạo ra vùng biển phía đông. Theo quân đội Hàn Quốc, vụ phóng tên lửa sáng cùng ngày được thực hiện từ khu vực Kusong."})
	ev := find(t, res.Events, "MOBILIZE")
	if !strings.HasPrefix(ev.Sentence, "Triều Tiên sáng 14/5") {
		t.Errorf("evidence %q, want the dated report", ev.Sentence)
	}
	if ev.Location == nil || ev.Location.Name != "Kusong" {
		t.Errorf("location %+v, want Kusong from the other report", ev.Location)
	}
}

// "Hai nhà lãnh đạo" are the leaders of the states last met, even when the
// meeting was told without names, and not a leader's spouse.
func TestLeadersOfThePair(t *testing.T) {
	x := extractor(t)
	res := x.Extract(sukien.Document{ID: "t", Published: "2019-02-28", Text: "Hội nghị thượng đỉnh Mỹ-Triều lần thứ hai diễn ra tại Hà Nội. Tổng thống Mỹ Donald Trump và Chủ tịch Triều Tiên Kim Jong-un đã tới Hà Nội từ hôm 26/2. Tối 27/2, hai nhà lãnh đạo đã gặp riêng tại khách sạn Metropole."})
	var got []string
	for _, ev := range res.Events {
		if ev.Event == "CONSULT" && deref(ev.Date) == "2019-02-27" {
			got = personsOf(ev)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, []string{"Donald Trump", "Kim Jong-un"}) {
		t.Errorf("persons %q, want the two leaders:%s", got, dump(res.Events))
	}
	res = x.Extract(sukien.Document{ID: "t", Published: "2019-06-21", Text: "Ngày 20/6, nhà lãnh đạo Triều Tiên Kim Jong-un cùng phu nhân Ri Sol-ju đã hội kiến Chủ tịch Trung Quốc Tập Cận Bình tại Bình Nhưỡng. Hai nhà lãnh đạo nhất trí tăng cường giao lưu cấp cao."})
	ev := find(t, res.Events, "AGREE")
	got = personsOf(ev)
	slices.Sort(got)
	if !slices.Equal(got, []string{"Kim Jong-un", "Xi Jinping"}) {
		t.Errorf("persons %q, want the two leaders:%s", got, dump(res.Events))
	}
}

// A report that tells the launch as its clause's act beats one that names
// it as a noun in someone's account, and an agreement in plain words beats
// one that only concurs with a view.
func TestEvidenceTellsTheActPlainly(t *testing.T) {
	x := extractor(t)
	res := x.Extract(sukien.Document{ID: "t", Published: "2023-03-10", Text: "Triều Tiên phóng tên lửa\n\nNhật Bản phản ứng mạnh.\n\nTrong một thông cáo, quân đội Mỹ cho biết đã phát hiện một vụ phóng tên lửa của Triều Tiên sáng 9/3. Sau đó, Hàn Quốc khẳng định Triều Tiên đã phóng một tên lửa đạn đạo tầm ngắn vào sáng cùng ngày."})
	ev := find(t, res.Events, "MOBILIZE")
	if !strings.HasPrefix(ev.Sentence, "Sau đó, Hàn Quốc khẳng định") {
		t.Errorf("evidence %q, want the report telling the launch itself:%s", ev.Sentence, dump(res.Events))
	}
	res = x.Extract(sukien.Document{ID: "t", Published: "2023-11-27", Text: "Hàn Quốc và Nhật Bản đối thoại chiến lược\n\nCác cuộc thảo luận diễn ra trong bầu không khí thân thiện.\n\nQuan chức hai nước đồng tình rằng cần thúc đẩy quan hệ Hàn-Nhật theo hướng ổn định. Hai bên nhất trí sẽ tổ chức đối thoại này mỗi năm một lần."})
	ev = find(t, res.Events, "AGREE")
	if !strings.HasPrefix(ev.Sentence, "Hai bên nhất trí") {
		t.Errorf("evidence %q, want the plain agreement:%s", ev.Sentence, dump(res.Events))
	}
}

// How long talks lasted ("kéo dài trong 2 ngày") does not hide the day
// they began, nor does a dialogue only hoped for take that day; the days
// of another event named in between are not the visit's.
func TestDurationKeepsTheStartDate(t *testing.T) {
	x := extractor(t)
	for _, tail := range []string{".", ", qua đó dấy lên hy vọng tiếp tục cuộc đối thoại chính thức giữa hai nước."} {
		res := x.Extract(sukien.Document{ID: "t", Published: "2017-05-10", Text: "Báo chí Hàn Quốc hôm 9/5 dẫn các nguồn tin ngoại giao đưa tin như vậy. Theo đó, các quan chức của Mỹ và Triều Tiên đã tổ chức đàm phán không chính thức kéo dài trong 2 ngày, bắt đầu từ ngày 7/5 tại một quốc gia châu Âu" + tail})
		ev := find(t, res.Events, "CONSULT")
		if d := deref(ev.Date); d != "2017-05-07" {
			t.Errorf("date %s, want 2017-05-07:%s", d, dump(res.Events))
		}
	}
	res := x.Extract(sukien.Document{ID: "t", Published: "2019-03-01", Text: "Hôm nay, Chủ tịch Triều Tiên Kim Jong-un bắt đầu thăm chính thức Việt Nam. Ông Kim bắt đầu thăm Việt Nam sau khi dự thượng đỉnh Mỹ-Triều trong hai ngày 27 và 28/2 với Tổng thống Mỹ Donald Trump tại Hà Nội."})
	for _, ev := range res.Events {
		if ev.Event == "CONSULT" && sides(ev)["VNM"] && deref(ev.Date) != "2019-03-01" {
			t.Errorf("visit dated %s, want 2019-03-01:%s", deref(ev.Date), dump(res.Events))
		}
	}
}

// "những năm 1958 và 1964" dates a visit by its first year; "những năm
// 2000" is a decade, which leaves the visit undated (the decade kept as
// its date_text) rather than dated by the article's month.
func TestYearsAndDecades(t *testing.T) {
	x := extractor(t)
	res := x.Extract(sukien.Document{ID: "t", Published: "2019-04-25", Text: "Tổng thống Nga Vladimir Putin hôm nay hội đàm với lãnh đạo Triều Tiên Kim Jong-un tại Vladivostok. Cố lãnh tụ Kim Nhật Thành từng thăm Liên Xô vào những năm 1956 và 1961. Quan hệ hai nước khởi sắc trong những năm 2000 khi ông Kim Jong-il vài lần thăm Nga."})
	var dates []string
	for _, ev := range res.Events {
		if ev.Event == "CONSULT" {
			dates = append(dates, deref(ev.Date)+"|"+ev.DateText)
		}
	}
	slices.Sort(dates)
	if want := []string{"1956|", "2019-04-25|", "null|những năm 2000"}; !slices.Equal(dates, want) {
		t.Errorf("meeting dates %q, want %q:%s", dates, want, dump(res.Events))
	}
}

// "X, cha của ông Y, đã thăm Nga": the apposition names Y only as whose
// father X is; X visited. With no earlier name, an owner is still read.
func TestOwnerInAppositionIsNoSubject(t *testing.T) {
	x := extractor(t)
	res := x.Extract(sukien.Document{ID: "t", Published: "2019-04-25", Text: "Lãnh đạo Triều Tiên Kim Jong-il, người cha của ông Kim Jong-un, đã nhiều lần thăm Nga vào năm 2001."})
	ev := find(t, res.Events, "CONSULT")
	if ps := personsOf(ev); !slices.Equal(ps, []string{"Kim Jong-il"}) {
		t.Errorf("visitor %q, want Kim Jong-il:%s", ps, dump(res.Events))
	}
}
