package ingest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sukien/sukien"
)

var raceEnabled bool // set by race_test.go

// readAll runs Read and collects its items.
func readAll(t *testing.T, paths []string, opt Options) []Item {
	t.Helper()
	var items []Item
	err := Read(context.Background(), paths, opt, func(it Item) error {
		items = append(items, it)
		return nil
	})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return items
}

func writeFile(t *testing.T, path string, data string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// checkErr asserts that it is an EINVALID error for source and line whose
// message contains want.
func checkErr(t *testing.T, it Item, source string, line int, want string) {
	t.Helper()
	var e *sukien.Error
	if !errors.As(it.Err, &e) {
		t.Fatalf("item %+v: want *sukien.Error, got %v", it.Doc, it.Err)
	}
	if e.Code != sukien.EINVALID || e.Source != source || e.Line != line || !strings.Contains(e.Message, want) {
		t.Errorf("error = {%s %q %s:%d}, want {%s %q %s:%d}", e.Code, e.Message, e.Source, e.Line,
			sukien.EINVALID, want, source, line)
	}
	if it.Doc.Text != "" || it.Doc.ID != "" {
		t.Errorf("error item has a document: %+v", it.Doc)
	}
}

func TestReadJSONLBrokenLine(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, filepath.Join(dir, "docs.jsonl"), strings.Join([]string{
		`{"id": "a1", "published": "2018-06-12", "outlet": "Báo Mẫu", "text": "Hai nhà lãnh đạo gặp nhau tại Singapore."}`,
		``,
		`{"id": "a2", "text": "Cuộc gặp kéo dài ba giờ." `, // unterminated object
		`   `,
		`{"published": "2018-06-13T09:15:00+07:00", "text": "Hai bên ký một tuyên bố chung."}`,
		`{"id": "a4", "text": ""}`,
		`[1, 2]`,
		`{"id": 17, "text": 5}`,
		`{"id": "a6", "url": "https://vi.example/a6", "html": "<html><head><title>Thượng đỉnh</title></head><body><p>Ngoại trưởng hai nước đã điện đàm.</p></body></html>"}`,
		`{"id": "a7", "text": "Dòng cuối không có ký tự xuống dòng."}`,
	}, "\n"))
	items := readAll(t, []string{path}, Options{Published: "2020-01-01"})
	if len(items) != 8 {
		t.Fatalf("got %d items, want 8: %+v", len(items), items)
	}
	if d := items[0].Doc; d.ID != "a1" || d.Published != "2018-06-12" || d.Outlet != "Báo Mẫu" || d.Line != 1 || d.Source != path {
		t.Errorf("line 1: %+v", d)
	}
	checkErr(t, items[1], path, 3, "invalid JSON")
	if d := items[2].Doc; d.ID != "docs.jsonl#5" || d.Published != "2018-06-13T09:15" || d.Line != 5 {
		t.Errorf("line 5: id %q published %q line %d", d.ID, d.Published, d.Line)
	}
	checkErr(t, items[3], path, 6, "missing text")
	checkErr(t, items[4], path, 7, "expected an object")
	checkErr(t, items[5], path, 8, `field "text"`)
	if d := items[6].Doc; d.ID != "a6" || d.Title != "Thượng đỉnh" || d.Text != "Ngoại trưởng hai nước đã điện đàm." ||
		d.Published != "2020-01-01" || d.HTML == "" {
		t.Errorf("html line: %+v", d)
	}
	if d := items[7].Doc; d.ID != "a7" || d.Line != 10 || !strings.HasSuffix(d.Text, "xuống dòng.") {
		t.Errorf("last line: %+v", d)
	}
	if got := items[1].Err.Error(); !strings.HasPrefix(got, path+":3: invalid JSON: ") {
		t.Errorf("error text %q does not name file and line", got)
	}
}

func TestReadBadFiles(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, data, want string
	}{
		{"empty.txt", "", "empty file"},
		{"blank.txt", " \n\t\n", "empty file"},
		{"empty.jsonl", "\n\n", "empty file"},
		{"empty.html", "", "empty file"},
		{"nul.txt", "Hà Nội\x00\x01\x02", "binary file"},
		{"controls.txt", strings.Repeat("\x01\x02\x03\x04\x05ab", 200), "binary file"},
		{"image.jsonl", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"},
		{"bad.txt", "Hội đàm cấp cao\xff diễn ra hôm nay giữa hai bộ trưởng.", "invalid UTF-8 at byte 21 (not a known Vietnamese encoding)"},
		{"nobody.html", "<html><head><script>var x = 1;</script></head><body><nav>Trang chủ</nav></body></html>", "no text found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, filepath.Join(dir, tt.name), tt.data)
			items := readAll(t, []string{path}, Options{})
			if len(items) != 1 {
				t.Fatalf("got %d items, want 1", len(items))
			}
			checkErr(t, items[0], path, 0, tt.want)
		})
	}
}

func TestReadJSONLInvalidUTF8Line(t *testing.T) {
	path := writeFile(t, filepath.Join(t.TempDir(), "x.jsonl"),
		"{\"id\":\"ok\",\"text\":\"Phiên họp bắt đầu.\"}\n{\"id\":\"bad\",\"text\":\"Phiên h\xe1\xbb\xe1p\"}\n{\"id\":\"ok2\",\"text\":\"Phiên họp kết thúc.\"}\n")
	items := readAll(t, []string{path}, Options{})
	if len(items) != 3 || items[0].Doc.ID != "ok" || items[2].Doc.ID != "ok2" {
		t.Fatalf("items: %+v", items)
	}
	checkErr(t, items[1], path, 2, "invalid UTF-8 at byte 28")
}

func TestReadMissingAndUnreadable(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, filepath.Join(dir, "good.txt"), "Phái đoàn hai nước đã gặp nhau.")
	missing := filepath.Join(dir, "missing.txt")
	items := readAll(t, []string{missing, good}, Options{})
	if len(items) != 2 {
		t.Fatalf("got %d items", len(items))
	}
	checkErr(t, items[0], missing, 0, "no such file")
	if items[1].Doc.ID != "good" {
		t.Errorf("second item: %+v", items[1])
	}
	if os.Getuid() != 0 { // root reads anything
		locked := writeFile(t, filepath.Join(dir, "locked.txt"), "bí mật")
		os.Chmod(locked, 0)
		items = readAll(t, []string{locked}, Options{})
		checkErr(t, items[0], locked, 0, "permission denied")
	}
}

func TestReadLegacyEncodings(t *testing.T) {
	const sentence = "Hai nhà lãnh đạo đã thảo luận về tình hình bán đảo và cam kết thúc đẩy đối thoại."
	// tcvn3Sentence is the sentence in TCVN3 (ABC), encoded by glibc iconv
	// (TCVN5712-1) independently of the table under test.
	const tcvn3Sentence = "Hai nh\xb5 l\xb7nh \xae\xb9o \xae\xb7 th\xb6o lu\xcbn v\xd2 t\xd7nh h\xd7nh b\xb8n \xae\xb6o v\xb5 cam k\xd5t th\xf3c \xae\xc8y \xae\xe8i tho\xb9i."
	dir := t.TempDir()
	tests := []struct {
		name, data, enc string
	}{
		{"cp1258.txt", encodeWindows1258(t, sentence), EncodingWindows1258},
		{"tcvn3.txt", tcvn3Sentence, EncodingTCVN3},
		{"vni.txt", encodeVNI(sentence), EncodingVNI},
		{"vni-upper.txt", encodeVNI(strings.ToUpper(sentence)), EncodingVNI},
		{"utf8.txt", sentence, ""},
		{"bom.txt", "\xef\xbb\xbf" + sentence, ""},
		{"utf16.txt", encodeUTF16LE(sentence), EncodingUTF16},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, filepath.Join(dir, tt.name), tt.data)
			items := readAll(t, []string{path}, Options{})
			if len(items) != 1 || items[0].Err != nil {
				t.Fatalf("items: %+v", items)
			}
			want := sentence
			if strings.Contains(tt.name, "upper") {
				want = strings.ToUpper(sentence)
			}
			if it := items[0]; it.Doc.Text != want || it.Encoding != tt.enc {
				t.Errorf("got %q (%q), want %q (%q)", it.Doc.Text, it.Encoding, want, tt.enc)
			}
		})
	}
}

func TestReadLegacyWithinJSONL(t *testing.T) {
	line := encodeVNI(`{"id":"v1","text":"Bộ Quốc phòng lên tiếng về cuộc diễn tập chung."}`)
	path := writeFile(t, filepath.Join(t.TempDir(), "vni.jsonl"), line+"\n")
	items := readAll(t, []string{path}, Options{})
	if len(items) != 1 || items[0].Doc.Text != "Bộ Quốc phòng lên tiếng về cuộc diễn tập chung." || items[0].Encoding != EncodingVNI {
		t.Fatalf("items: %+v", items)
	}
}

func TestReadHugeLine(t *testing.T) {
	size := 100 << 20
	if testing.Short() || raceEnabled {
		size = 8 << 20
	}
	path := filepath.Join(t.TempDir(), "big.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	const chunk = "Hai bên nhất trí duy trì kênh đối thoại quân sự. "
	fmt.Fprintf(w, `{"id": "small-1", "text": "Trước."}`+"\n")
	fmt.Fprint(w, `{"id": "big", "published": "2019-02-27", "text": "`)
	n := 0
	for n < size {
		w.WriteString(chunk)
		n += len(chunk)
	}
	fmt.Fprint(w, `"}`+"\n"+`{"id": "small-2", "text": "Sau."}`+"\n")
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	var ids []string
	err = Read(context.Background(), []string{path}, Options{}, func(it Item) error {
		if it.Err != nil {
			return it.Err
		}
		ids = append(ids, it.Doc.ID)
		if it.Doc.ID == "big" && (len(it.Doc.Text) != n || !strings.HasPrefix(it.Doc.Text, chunk) || it.Doc.Line != 2) {
			t.Errorf("big document: %d bytes at line %d, want %d at line 2", len(it.Doc.Text), it.Doc.Line, n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(ids, ",") != "small-1,big,small-2" {
		t.Errorf("ids = %v", ids)
	}

	// Over the limit, the line is reported and skipped, the rest read.
	items := readAll(t, []string{path}, Options{MaxDocBytes: 1 << 20})
	if len(items) != 3 || items[0].Doc.ID != "small-1" || items[2].Doc.ID != "small-2" {
		t.Fatalf("items: %d", len(items))
	}
	checkErr(t, items[1], path, 2, "line too long")
}

func TestReadDirectoryWalk(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "b", "2.txt"), "Văn bản hai.")
	writeFile(t, filepath.Join(dir, "a", "z.html"), "<html><body><article><p>Trang web đã lưu.</p></article></body></html>")
	writeFile(t, filepath.Join(dir, "a", "1.jsonl"), `{"id":"j1","text":"Dòng một."}`+"\n"+`{"id":"j2","text":"Dòng hai."}`+"\n")
	writeFile(t, filepath.Join(dir, "a", "Y.TXT"), "Chữ hoa.")
	writeFile(t, filepath.Join(dir, "c.txt"), "Văn bản ba.")
	writeFile(t, filepath.Join(dir, "d.json"), `[{"id":"k1","text":"Mảng một."},`+"\n"+`{"text":"Mảng hai."}]`)
	writeFile(t, filepath.Join(dir, "notes.md"), "bỏ qua")
	writeFile(t, filepath.Join(dir, ".hidden", "x.txt"), "ẩn")
	writeFile(t, filepath.Join(dir, ".h.txt"), "ẩn")
	// A link back up would loop forever if followed.
	if err := os.Symlink("..", filepath.Join(dir, "a", "loop")); err != nil {
		t.Skip("no symlinks:", err)
	}
	os.Symlink(filepath.Join(dir, "c.txt"), filepath.Join(dir, "b", "link.txt"))
	os.Symlink(filepath.Join(dir, "gone.txt"), filepath.Join(dir, "b", "broken.txt"))

	items := readAll(t, []string{dir}, Options{})
	var got []string
	for _, it := range items {
		if it.Err != nil {
			got = append(got, "ERR "+filepath.Base(it.Err.(*sukien.Error).Source))
			continue
		}
		got = append(got, it.Doc.ID)
	}
	// The link to a file is read, as link; the link to a directory is not.
	want := "j1 j2 Y z 2 ERR broken.txt link c k1 d.json#2"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("walk order:\n got %s\nwant %s", g, want)
	}
}

func TestReadStdinSniffing(t *testing.T) {
	tests := []struct {
		name, input string
		ids         []string
		lines       []int
		text        string
	}{
		{"jsonl", "\n  {\"id\":\"s1\",\"text\":\"Một.\"}\n{\"text\":\"Hai.\"}\n", []string{"s1", "stdin#3"}, []int{2, 3}, "Hai."},
		{"html", "  <!doctype html><html><head><title>Tiêu đề</title></head><body><p>Nội dung trang.</p></body></html>", []string{"stdin"}, []int{1}, "Nội dung trang."},
		{"text", "Tin ngắn: hai bên gặp nhau.\n", []string{"stdin"}, []int{1}, "Tin ngắn: hai bên gặp nhau.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, paths := range [][]string{nil, {"-"}} {
				items := readAll(t, paths, Options{Stdin: strings.NewReader(tt.input)})
				if len(items) != len(tt.ids) {
					t.Fatalf("got %d items, want %d", len(items), len(tt.ids))
				}
				for i, it := range items {
					if it.Err != nil || it.Doc.ID != tt.ids[i] || it.Doc.Source != "-" || it.Doc.Line != tt.lines[i] {
						t.Errorf("item %d: %+v %v", i, it.Doc, it.Err)
					}
				}
				if got := items[len(items)-1].Doc.Text; got != tt.text {
					t.Errorf("text = %q, want %q", got, tt.text)
				}
			}
		})
	}
}

func TestReadPublishedOption(t *testing.T) {
	dir := t.TempDir()
	dated := writeFile(t, filepath.Join(dir, "dated.txt"), "Hai bên gặp nhau.\n\n09:15, 03/07/2019\n")
	undated := writeFile(t, filepath.Join(dir, "undated.txt"), "Hai bên gặp nhau.")
	items := readAll(t, []string{dated, undated}, Options{})
	if items[0].Doc.Published != "2019-07-03T09:15" || items[1].Doc.Published != "" {
		t.Errorf("published = %q, %q", items[0].Doc.Published, items[1].Doc.Published)
	}
	items = readAll(t, []string{dated, undated}, Options{Published: "2020-05"})
	if items[0].Doc.Published != "2020-05" || items[1].Doc.Published != "2020-05" {
		t.Errorf("with option: published = %q, %q", items[0].Doc.Published, items[1].Doc.Published)
	}
}

func TestReadStopsEarly(t *testing.T) {
	dir := t.TempDir()
	var lines []string
	for i := range 50 {
		lines = append(lines, fmt.Sprintf(`{"id":"d%d","text":"Tin số %d."}`, i, i))
	}
	path := writeFile(t, filepath.Join(dir, "many.jsonl"), strings.Join(lines, "\n"))
	other := writeFile(t, filepath.Join(dir, "other.txt"), "Không được đọc.")

	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := Read(ctx, []string{path, other}, Options{}, func(it Item) error {
		n++
		if n == 3 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n != 3 {
		t.Errorf("cancelled: err %v after %d items, want context.Canceled after 3", err, n)
	}

	stop := errors.New("stop")
	n = 0
	err = Read(context.Background(), []string{path, other}, Options{}, func(it Item) error {
		n++
		if n == 5 {
			return stop
		}
		return nil
	})
	if err != stop || n != 5 {
		t.Errorf("fn error: err %v after %d items", err, n)
	}

	n = 0
	err = Read(ctx, []string{other}, Options{}, func(Item) error { n++; return nil })
	if !errors.Is(err, context.Canceled) || n != 0 {
		t.Errorf("already cancelled: err %v, %d items", err, n)
	}
}

func TestReadJSONFile(t *testing.T) {
	dir := t.TempDir()
	arr := writeFile(t, filepath.Join(dir, "arr.json"), "[\n  {\"id\": \"x1\", \"text\": \"Một.\"},\n  \"không phải đối tượng\",\n  {\"text\": \"Ba.\"}\n]\n")
	items := readAll(t, []string{arr}, Options{})
	if len(items) != 3 || items[0].Doc.ID != "x1" || items[0].Doc.Line != 2 || items[2].Doc.ID != "arr.json#4" {
		t.Fatalf("array: %+v", items)
	}
	checkErr(t, items[1], arr, 3, "expected an object")

	stream := writeFile(t, filepath.Join(dir, "stream.json"), "{\"id\": \"y1\",\n \"text\": \"Một.\"}\n{\"id\": \"y2\", \"text\": \"Hai.\"}\n{\"id\": oops}\n{\"id\": \"y4\", \"text\": \"Bốn.\"}")
	items = readAll(t, []string{stream}, Options{})
	if len(items) != 3 || items[0].Doc.ID != "y1" || items[1].Doc.Line != 3 {
		t.Fatalf("stream: %+v", items)
	}
	checkErr(t, items[2], stream, 4, "invalid JSON")
}
