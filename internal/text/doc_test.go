package text

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// article is a made-up story in the shape crawled pages take.
const article = `Ngoại trưởng hai nước điện đàm về tình hình bán đảo
08:15, 03/04/2024
Hai ngoại trưởng thảo luận qua điện thoại về vụ phóng tên lửa mới nhất.
Ngoại trưởng Hàn Quốc trong một cuộc họp báo. Ảnh: Yonhap Ngày 3/4, Ngoại trưởng Hàn Quốc đã điện đàm với người đồng cấp Nhật Bản.Hai bên nhất trí tăng cường phối hợp. Ông nói: "Chúng tôi sẽ không khoan nhượng." Phía Nhật Bản đồng tình.
Quan chức hai nước sẽ gặp nhau tại Tokyo vào tháng tới (Ảnh: AFP) để chuẩn bị hội nghị.
[Triều Tiên phóng tên lửa đạn đạo ra biển Nhật Bản]
Hai bên cũng bàn về hợp tác kinh tế./.
Minh Anh
Tin liên quan
Một bản tin khác về kinh tế khu vực.`

func kinds(d *Doc) []string {
	var out []string
	for _, r := range d.Removed {
		out = append(out, r.Kind.String()+": "+d.Text[r.Start:r.End])
	}
	return out
}

func TestPrepare(t *testing.T) {
	d := Prepare(article)
	checkDoc(t, d)
	wantRemoved := []string{
		"meta: 08:15, 03/04/2024",
		"caption: Ngoại trưởng Hàn Quốc trong một cuộc họp báo. Ảnh: Yonhap",
		"credit: (Ảnh: AFP)",
		"related: [Triều Tiên phóng tên lửa đạn đạo ra biển Nhật Bản]",
		"byline: Minh Anh",
		"related: Tin liên quan",
		"related: Một bản tin khác về kinh tế khu vực.",
	}
	if got := kinds(d); strings.Join(got, "\n") != strings.Join(wantRemoved, "\n") {
		t.Errorf("removed:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantRemoved, "\n"))
	}
	var got []string
	for i, s := range d.Sentences {
		got = append(got, s.Kind.String()+": "+d.Sentence(i))
	}
	want := []string{
		"title: Ngoại trưởng hai nước điện đàm về tình hình bán đảo",
		"body: Hai ngoại trưởng thảo luận qua điện thoại về vụ phóng tên lửa mới nhất.",
		"body: Ngày 3/4, Ngoại trưởng Hàn Quốc đã điện đàm với người đồng cấp Nhật Bản.",
		"body: Hai bên nhất trí tăng cường phối hợp.",
		`body: Ông nói: "Chúng tôi sẽ không khoan nhượng."`,
		"body: Phía Nhật Bản đồng tình.",
		"body: Quan chức hai nước sẽ gặp nhau tại Tokyo vào tháng tới",
		"body: để chuẩn bị hội nghị.",
		"body: Hai bên cũng bàn về hợp tác kinh tế./.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("sentences:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestPrepareBoilerplate(t *testing.T) {
	tests := []struct {
		name, in string
		removed  []string // kind: text
	}{
		{"crawler header", "date 2024-06 Photo : YONHAP News\n\nBộ trưởng hai nước gặp nhau tại Seoul.", []string{"meta: date 2024-06 Photo : YONHAP News"}},
		{"photo line", "Photo : KBS News\n\nHai bên ký thỏa thuận hợp tác.", []string{"credit: Photo : KBS News"}},
		{"numbered caption", "Tiêu đề bài báo về hội đàm\nĐoạn mở đầu kể về hội đàm.\nTiêu đề bài báo về hội đàm ảnh 1Hai ông bắt tay. (Nguồn: Reuters)\nNội dung chính của bài.",
			[]string{"caption: Tiêu đề bài báo về hội đàm ảnh 1Hai ông bắt tay. (Nguồn: Reuters)"}},
		{"photo heading", "Hai nước đối thoại\nChú thích ảnh\nĐoàn đại biểu tại lễ ký kết ở Hà Nội. Ảnh: TTXVN\nNội dung bài.",
			[]string{"caption: Chú thích ảnh", "caption: Đoàn đại biểu tại lễ ký kết ở Hà Nội. Ảnh: TTXVN"}},
		{"comments", "Hai nước đối thoại\nNội dung bài.\nTheo Báo Mới\nÝ kiến bạn đọc\nBình luận hay",
			[]string{"byline: Theo Báo Mới", "comments: Ý kiến bạn đọc", "comments: Bình luận hay"}},
		{"dash credit", "Một nội dung.\nHai lãnh đạo bắt tay tại Hà Nội - Ảnh : REUTERS .\nHết bài.",
			[]string{"caption: Hai lãnh đạo bắt tay tại Hà Nội - Ảnh : REUTERS ."}},
		{"glued signoff", "Hai bên nhất trí hợp tác. Ông Lee cảm ơn phía bạn./. TTXVN/Tin Tức", []string{"byline: TTXVN/Tin Tức"}},
		{"glued name", "Hai bên nhất trí. Ông Kim sẽ sang thăm. Đức Dũng (Tổng hợp)", []string{"byline: Đức Dũng (Tổng hợp)"}},
		{"slash credit", "Lễ đón tại sân bay. Ảnh: EPA/TTXVN Sau đó hai bên hội đàm.", []string{"caption: Lễ đón tại sân bay. Ảnh: EPA/TTXVN"}},
		{"person credit", "Quang cảnh hội nghị. Ảnh: Thanh Tùng - TTXVN Hội nghị khai mạc sáng nay.", []string{"caption: Quang cảnh hội nghị. Ảnh: Thanh Tùng - TTXVN"}},
		{"tags", "Nội dung bài viết.\nTags: Triều Tiên, Hàn Quốc", []string{"meta: Tags: Triều Tiên, Hàn Quốc"}},
		{"keep body", "Bộ Ngoại giao cho biết hai nước sẽ tiếp tục đối thoại.\nTheo ông Lee, đây là bước tiến lớn của hai nước.", nil},
	}
	for _, tt := range tests {
		d := Prepare(tt.in)
		checkDoc(t, d)
		if got := kinds(d); strings.Join(got, "|") != strings.Join(tt.removed, "|") {
			t.Errorf("%s: removed %q, want %q", tt.name, got, tt.removed)
		}
	}
}

func TestOrigSpan(t *testing.T) {
	raw := "Hàn_Quốc  “hoà giải” với Triều_Tiên.\r\nHai bên…  gặp nhau."
	d := Prepare(raw)
	var got []string
	for _, s := range d.Sentences {
		a, b := d.OrigSpan(s.Start, s.End)
		got = append(got, raw[a:b])
	}
	want := []string{"Hàn_Quốc  “hoà giải” với Triều_Tiên.", "Hai bên…  gặp nhau."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("orig spans %q, want %q", got, want)
	}
	a, _ := d.OrigSpan(d.Sentences[1].Start, d.Sentences[1].End)
	if r := d.RuneOffset(a); r != utf8.RuneCountInString(want[0])+2 {
		t.Errorf("RuneOffset = %d", r)
	}
}

// checkDoc checks the invariants of a prepared document.
func checkDoc(t *testing.T, d *Doc) {
	t.Helper()
	prev := 0
	for _, r := range d.Removed {
		if r.Start < prev || r.Start >= r.End || r.End > len(d.Text) || r.Kind == Body {
			t.Fatalf("bad removed span %+v after %d", r, prev)
		}
		prev = r.End
	}
	prev = 0
	for i, s := range d.Sentences {
		if s.Start < prev || s.Start >= s.End || s.End > len(d.Text) || s.Kind != Body && s.Kind != Title {
			t.Fatalf("bad sentence %d %+v after %d", i, s, prev)
		}
		for _, r := range d.Removed {
			if s.Start < r.End && r.Start < s.End {
				t.Fatalf("sentence %q overlaps removed %q", d.Sentence(i), d.Text[r.Start:r.End])
			}
		}
		if strings.TrimSpace(d.Sentence(i)) != d.Sentence(i) {
			t.Fatalf("sentence %q not trimmed", d.Sentence(i))
		}
		a, b := d.OrigSpan(s.Start, s.End)
		if a > b || b > len(d.Orig) || a < d.Map.Orig(prev) {
			t.Fatalf("sentence %d maps to %d..%d", i, a, b)
		}
		prev = s.End
	}
}

type corpusDoc struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

func readDocs(t *testing.T, path string) []corpusDoc {
	f, err := os.Open(path)
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	var docs []corpusDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var d corpusDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

// TestRealDocuments runs Prepare over the shared corpora when they exist.
func TestRealDocuments(t *testing.T) {
	docs := readDocs(t, "../../../shared/eval/dev/docs.jsonl")
	docs = append(docs, readDocs(t, "../../../shared/corpus/docs.jsonl")...)
	byID := map[string]*Doc{}
	for _, doc := range docs {
		d := Prepare(doc.Text)
		checkDoc(t, d)
		if len(d.Sentences) < 3 {
			t.Errorf("%s: only %d sentences", doc.ID, len(d.Sentences))
		}
		byID[doc.ID] = d
	}
	// Every event the gold file requires must stay in a body sentence.
	f, err := os.Open("../../../shared/eval/dev/gold.jsonl")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var g struct {
			Doc, Evidence string
			Optional      bool
		}
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		d := byID[g.Doc]
		if d == nil || g.Optional || g.Evidence == "" {
			continue
		}
		ev, _ := Normalize(g.Evidence)
		found := false
		for i := range d.Sentences {
			found = found || strings.Contains(d.Sentence(i), ev)
		}
		if !found {
			t.Errorf("%s: evidence %q not in any sentence", g.Doc, ev)
		}
	}
}

// TestSeeds checks that known boilerplate of the seed articles yields no
// body sentence.
func TestSeeds(t *testing.T) {
	read := func(name string) *Doc {
		b, err := os.ReadFile("../../../shared/seeds/" + name)
		if err != nil {
			t.Skip(err)
		}
		return Prepare(string(b))
	}
	body := func(d *Doc) string {
		var b strings.Builder
		for i := range d.Sentences {
			b.WriteString(d.Sentence(i) + "\n")
		}
		return b.String()
	}
	d := read("002_7b846fbbec56796a.txt")
	checkDoc(t, d)
	s := body(d)
	for _, bad := range []string{"Cùng chuyên mục", "Malaysia", "G7", "Ý kiến bạn đọc", "Theo Hà Nội Mới", "08:36", "Chú thích ảnh", "Ảnh:"} {
		if strings.Contains(s, bad) {
			t.Errorf("seed 002: %q in body", bad)
		}
	}
	if d.Sentences[0].Kind != Title {
		t.Errorf("seed 002: first sentence %q is %v", d.Sentence(0), d.Sentences[0].Kind)
	}
	d = read("004_06f3943ab67682d4.txt")
	checkDoc(t, d)
	s = body(d)
	for _, bad := range []string{"[", "đưa ra nhận định về vụ phóng", "Vietnam+", "Tin cùng chuyên mục", "ảnh 1", "Nguồn:"} {
		if strings.Contains(s, bad) {
			t.Errorf("seed 004: %q in body", bad)
		}
	}
	for _, name := range []string{"000_f9247e809ca22731.txt", "001_1bdfef05f9ec593b.txt", "003_ca6f282179e7b004.txt"} {
		d := read(name)
		checkDoc(t, d)
		if s := body(d); strings.Contains(s, "Photo") || strings.Contains(s, "date 20") {
			t.Errorf("%s: crawler header in body", name)
		}
		if n := len(d.Sentences); n < 8 {
			t.Errorf("%s: %d sentences; glued sentences not split?", name, n)
		}
	}
}

func FuzzPrepare(f *testing.F) {
	for _, s := range []string{"", article, "Tin liên quan\nx", "a. Ảnh: B", "(Ảnh: X", "[a b c", "Ảnh:", "\n\n.\n", "x ảnh 1Y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := Prepare(s)
		checkDoc(t, d)
		if d.ValidOrig && !utf8.ValidString(s) {
			t.Fatalf("ValidOrig for invalid UTF-8 %q", s)
		}
	})
}

func TestPrepareValidOrig(t *testing.T) {
	if !Prepare(article).ValidOrig {
		t.Error("ValidOrig not set for an ordinary article")
	}
	if Prepare("Hàn Quốc \xff Mỹ").ValidOrig {
		t.Error("ValidOrig set for invalid UTF-8")
	}
}

func ExamplePrepare() {
	d := Prepare("Hai nước hội đàm\nHàn Quốc và Nhật Bản hội đàm tại Tokyo.Hai bên nhất trí hợp tác. Ảnh: AFP\nTheo Báo Mới")
	for i, s := range d.Sentences {
		fmt.Println(s.Kind, d.Sentence(i))
	}
	for _, r := range d.Removed {
		fmt.Println("removed", r.Kind, d.Text[r.Start:r.End])
	}
	// Output:
	// title Hai nước hội đàm
	// body Hàn Quốc và Nhật Bản hội đàm tại Tokyo.
	// removed caption Hai bên nhất trí hợp tác. Ảnh: AFP
	// removed byline Theo Báo Mới
}

// benchText is a few kilobytes of news-like Vietnamese, mostly NFC, with
// some old-style tone marks and typographic quotes.
var benchText = strings.Repeat(`Bộ trưởng Ngoại giao Hàn Quốc ngày 12/3 đã có cuộc điện đàm với người đồng cấp Mỹ, thảo luận về tình hình trên bán đảo Triều Tiên sau vụ phóng tên lửa mới nhất của Bình Nhưỡng.Hai bên nhất trí tăng cường phối hợp chặt chẽ.
Theo thông cáo của Bộ Ngoại giao, hai ngoại trưởng “bày tỏ quan ngại sâu sắc” về hợp tác quân sự giữa Nga và Triều Tiên, đồng thời cam kết duy trì hoà bình và ổn định trong khu vực. Ảnh: Yonhap Phía Mỹ khẳng định sẽ tiếp tục hỗ trợ Seoul – đồng minh then chốt ở Đông Bắc Á.
Ông Kim cho biết Hàn Quốc sẵn sàng đối thoại với Triều Tiên "bất cứ lúc nào" nếu Bình Nhưỡng có thiện chí, và kêu gọi Trung Quốc đóng vai trò xây dựng trong việc giải quyết vấn đề hạt nhân.
`, 8)

func BenchmarkNormalize(b *testing.B) {
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	for b.Loop() {
		Normalize(benchText)
	}
}

func BenchmarkPrepare(b *testing.B) {
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	for b.Loop() {
		Prepare(benchText)
	}
}

func TestIsNumberedPhotoCaption(t *testing.T) {
	long := strings.Repeat("chữ ", 81)
	for s, want := range map[string]bool{
		"Lễ đón tiếp tại Bình Nhưỡng. ảnh 1Ông Kim bắt tay ông Moon": true,
		"Quang cảnh hội đàm ảnh 2 và đoàn đại biểu":                  true,
		"ảnh 1": false, // only after some caption text
		"Sự ảnh hưởng của Trung Quốc tăng lên":   false,
		"Lễ đón tiếp ảnh 12a":                    false,
		long + "ảnh 1Ông Kim":                    false, // a paragraph, not a caption
		"Quang cảnh ảnh hưởng ảnh 3 Ông Kim đến": true,
	} {
		if got := isNumberedPhotoCaption(s); got != want {
			t.Errorf("isNumberedPhotoCaption(%.40q) = %v, want %v", s, got, want)
		}
	}
}
