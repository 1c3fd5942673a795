package store

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sukien/sukien"
)

// A synthetic corpus shaped like the extractor's output on news: about 20
// sentences and 10 records a document, two to three actors a record, a
// person now and then, dates near publication so that about half of the
// records merge. Deterministic for a seed.

var (
	synthStates = []struct{ code, name string }{
		{"KOR", "Hàn Quốc"}, {"PRK", "Triều Tiên"}, {"USA", "Mỹ"}, {"CHN", "Trung Quốc"},
		{"JPN", "Nhật Bản"}, {"RUS", "Nga"}, {"VNM", "Việt Nam"}, {"GBR", "Anh"},
		{"FRA", "Pháp"}, {"DEU", "Đức"}, {"IND", "Ấn Độ"}, {"AUS", "Úc"},
		{"MNG", "Mông Cổ"}, {"SGP", "Singapore"}, {"IDN", "Indonesia"}, {"THA", "Thái Lan"},
	}
	synthTypes = []string{"CONSULT", "CONSULT", "CONSULT", "AGREE", "COOPERATE", "ACCUSE", "THREATEN",
		"SUPPORT", "REQUEST", "DISAPPROVE", "MOBILIZE", "AID", "SANCTION", "REJECT"}
	synthWords = strings.Fields(`hội đàm hợp tác kinh tế an ninh quốc phòng ngoại giao tên lửa hạt nhân
		phi hạt nhân hóa bán đảo thượng đỉnh thỏa thuận cấm vận viện trợ nhân đạo diễn tập quân sự
		lên án phản đối ủng hộ đề nghị kêu gọi đối thoại đàm phán bộ trưởng thủ tướng tổng thống
		chủ tịch đại sứ đặc phái viên liên hợp quốc hội đồng bảo an nghị quyết trừng phạt thương mại
		đầu tư du lịch văn hóa giáo dục biên giới hàng hải không phận vệ tinh phóng thử nghiệm
		căng thẳng hòa bình ổn định khu vực song phương đa phương chiến lược đối tác toàn diện`)
	synthPersons = []struct{ id, name, country string }{
		{"P_MOON", "Moon Jae-in", "KOR"}, {"P_KIMJU", "Kim Jong-un", "PRK"}, {"P_TRUMP", "Donald Trump", "USA"},
		{"P_XI", "Tập Cận Bình", "CHN"}, {"P_ABE", "Shinzo Abe", "JPN"}, {"P_PUTIN", "Vladimir Putin", "RUS"},
		{"P_KANG", "Kang Kyung-wha", "KOR"}, {"P_POMPEO", "Mike Pompeo", "USA"}, {"P_WANG", "Vương Nghị", "CHN"},
	}
)

// synthState draws a country, the peninsula and its neighbours most often.
func synthState(r *rand.Rand) (code, name string) {
	i := min(int(r.ExpFloat64()*3), len(synthStates)-1)
	return synthStates[i].code, synthStates[i].name
}

func synthSentence(r *rand.Rand, b *strings.Builder) string {
	b.Reset()
	_, a := synthState(r)
	_, c := synthState(r)
	fmt.Fprintf(b, "Phía %s và %s", a, c)
	for n := 12 + r.IntN(20); n > 0; n-- {
		b.WriteByte(' ')
		b.WriteString(synthWords[r.IntN(len(synthWords))])
	}
	fmt.Fprintf(b, " lần thứ %d.", r.IntN(1000))
	return b.String()
}

// synthArticle makes document i of a corpus published from 2016 on, about
// days documents a day.
func synthArticle(r *rand.Rand, i int, perDay int) Article {
	published := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/perDay)
	var b strings.Builder
	sentences := []string{fmt.Sprintf("Bản tin thời sự số %d: %s", i, strings.TrimSuffix(synthSentence(r, &b), "."))}
	for n := 14 + r.IntN(12); n > 0; n-- {
		sentences = append(sentences, synthSentence(r, &b))
	}
	a := Article{Doc: sukien.Document{ID: fmt.Sprintf("synth-%07d", i), Outlet: fmt.Sprintf("Báo %d", i%23),
		Published: published.Format("2006-01-02"), URL: fmt.Sprintf("https://example.vn/synth/%d", i), Title: sentences[0]}}
	var text strings.Builder
	for k, s := range sentences[1:] {
		if k > 0 {
			text.WriteByte(' ')
		}
		start := utf8.RuneCountInString(text.String())
		text.WriteString(s)
		end := start + utf8.RuneCountInString(s)
		a.Sentences = append(a.Sentences, Sentence{Start: start, End: end, OrigStart: start, OrigEnd: end})
	}
	a.Text = text.String()
	a.Doc.Text = a.Text
	for n := 6 + r.IntN(9); n > 0; n-- {
		k := r.IntN(len(a.Sentences))
		sn := a.Sentences[k]
		e := sukien.Event{Event: synthTypes[r.IntN(len(synthTypes))], Sentence: sentences[k+1],
			Start: sn.OrigStart, End: sn.OrigEnd, Mode: "verbal"}
		code, name := synthState(r)
		e.Actor = []sukien.Actor{{Kind: sukien.KindCountry, ID: code, Name: code, Country: code, Raw: name, Sector: "GOV"}}
		for other := code; ; {
			if other, name = synthState(r); other != code {
				e.Recipient = []sukien.Actor{{Kind: sukien.KindCountry, ID: other, Name: other, Country: other, Raw: name, Sector: "GOV"}}
				break
			}
		}
		if r.IntN(4) == 0 {
			p := synthPersons[r.IntN(len(synthPersons))]
			e.Actor = append(e.Actor, sukien.Actor{Kind: sukien.KindPerson, ID: p.id, Name: p.name, Country: p.country, Raw: p.name, Title: "lãnh đạo"})
		}
		switch day := published.AddDate(0, 0, -r.IntN(4)); r.IntN(10) {
		case 0: // undated
		case 1:
			e.Date = date(day.Format("2006-01"))
		default:
			e.Date = date(day.Format("2006-01-02"))
		}
		a.Events = append(a.Events, e)
	}
	return a
}
