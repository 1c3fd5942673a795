package ingest

import (
	"strings"
	"testing"
	"time"
)

const newsPage = `<!DOCTYPE html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <title>Ngoại trưởng hai nước điện đàm | Báo Thử Nghiệm</title>
  <meta property="og:title" content="Ngoại trưởng hai nước điện đàm về tình hình bán đảo">
  <meta property="og:site_name" content="Báo Thử Nghiệm">
  <meta property="og:url" content="https://baothu.example/og-url">
  <link rel="canonical" href="https://baothu.example/the-gioi/dien-dam-123.html">
  <meta property="article:published_time" content="2023-04-07T16:45:00+07:00">
  <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-04-06T08:00:00+07:00"}</script>
  <style>p { color: red }</style>
</head>
<body>
  <header><a href="/">Trang chủ</a><nav><ul><li>Thế giới</li><li>Thời sự</li></ul></nav></header>
  <div class="layout">
    <article>
      <h1>Ngoại trưởng hai nước điện đàm</h1>
      <p class="sapo">Chiều&nbsp;7/4, ngoại trưởng hai nước đã có cuộc điện đàm kéo dài gần một giờ.</p>
      <figure><img src="a.jpg"><figcaption>Ảnh minh họa cuộc điện đàm.</figcaption></figure>
      <div class="content">
        <p>Hai bên   trao đổi về tình hình an ninh
           trên bán đảo và nhất trí phối hợp chặt chẽ.</p>
        <p>Phía khách mời đối tác sang thăm vào <b>cuối năm</b> nay.<script>track()</script></p>
        <div class="share-box">Chia sẻ Facebook</div>
      </div>
    </article>
    <aside><p>Tin đọc nhiều: một bài rất dài không liên quan đến nội dung chính của trang, chỉ để thử.</p></aside>
  </div>
  <footer><p>Bản quyền thuộc về tòa soạn.</p></footer>
</body>
</html>`

func TestParseHTMLMeta(t *testing.T) {
	doc := ParseHTML(newsPage)
	if doc.Title != "Ngoại trưởng hai nước điện đàm về tình hình bán đảo" {
		t.Errorf("Title = %q", doc.Title)
	}
	if doc.Outlet != "Báo Thử Nghiệm" {
		t.Errorf("Outlet = %q", doc.Outlet)
	}
	if doc.URL != "https://baothu.example/the-gioi/dien-dam-123.html" {
		t.Errorf("URL = %q", doc.URL)
	}
	if doc.Published != "2023-04-07T16:45" {
		t.Errorf("Published = %q", doc.Published)
	}
	want := strings.Join([]string{
		"Ngoại trưởng hai nước điện đàm",
		"Chiều 7/4, ngoại trưởng hai nước đã có cuộc điện đàm kéo dài gần một giờ.",
		"Hai bên trao đổi về tình hình an ninh trên bán đảo và nhất trí phối hợp chặt chẽ.",
		"Phía khách mời đối tác sang thăm vào cuối năm nay.",
	}, "\n")
	if doc.Text != want {
		t.Errorf("Text =\n%s\nwant\n%s", doc.Text, want)
	}
}

func TestParseHTMLFallbacks(t *testing.T) {
	tests := []struct {
		name, page                  string
		title, published, url, text string
	}{
		{
			name:      "title element and JSON-LD graph",
			page:      `<html><head><title> Tiêu   đề trang </title><script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2019-02-27T10:05:00Z"}]}</script></head><body><p>Nội dung.</p></body></html>`,
			title:     "Tiêu đề trang",
			published: "2019-02-27T10:05",
			text:      "Nội dung.",
		},
		{
			name:      "h1, time element and og:url",
			page:      `<html><head><meta property="og:url" content="https://x.example/a"></head><body><h1>Thượng đỉnh <i>lần hai</i></h1><time datetime="2019-02-28">28/2</time><p>Nội dung.</p></body></html>`,
			title:     "Thượng đỉnh lần hai",
			published: "2019-02-28",
			url:       "https://x.example/a",
			text:      "Thượng đỉnh lần hai\n28/2\nNội dung.",
		},
		{
			name:      "pubdate meta, dated line in the text",
			page:      `<html><head><meta name="pubdate" content="not a date"></head><body><div><p>Cập nhật: 14/05/2017 10:21</p><p>Nội dung.</p></div></body></html>`,
			published: "2017-05-14T10:21",
			text:      "Cập nhật: 14/05/2017 10:21\nNội dung.",
		},
		{
			name: "line breaks and no paragraphs",
			page: `<body><div>Dòng một<br>Dòng hai<br/><br/>Dòng ba</div></body>`,
			text: "Dòng một\nDòng hai\nDòng ba",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := ParseHTML(tt.page)
			if doc.Title != tt.title || doc.Published != tt.published || doc.URL != tt.url || doc.Text != tt.text {
				t.Errorf("got title %q published %q url %q text %q\nwant title %q published %q url %q text %q",
					doc.Title, doc.Published, doc.URL, doc.Text, tt.title, tt.published, tt.url, tt.text)
			}
		})
	}
}

func TestParseHTMLPicksDensestElement(t *testing.T) {
	long := strings.Repeat("Hai bên nhất trí tăng cường hợp tác quốc phòng. ", 4)
	page := `<html><body>
<div id="menu"><p>Trang chủ</p><p>Thế giới</p><p>Kinh tế</p></div>
<div id="main"><p>` + long + `</p><p>` + long + `</p><ul><li>Điểm một</li></ul></div>
<div id="more"><p>Tin khác ngắn.</p></div>
</body></html>`
	doc := ParseHTML(page)
	want := strings.TrimSpace(long) + "\n" + strings.TrimSpace(long) + "\nĐiểm một"
	if doc.Text != want {
		t.Errorf("Text = %q\nwant %q", doc.Text, want)
	}
}

func TestParseHTMLDeepNesting(t *testing.T) {
	const depth = 100_000
	for _, tag := range []string{"div", "span", "p", "article", "li", "table", "b", "aside"} {
		t.Run(tag, func(t *testing.T) {
			var sb strings.Builder
			sb.WriteString("<html><body>")
			for range depth {
				sb.WriteString("<" + tag + ">")
			}
			sb.WriteString("<p>Văn bản ở tầng sâu nhất.</p>")
			for range depth {
				sb.WriteString("</" + tag + ">")
			}
			sb.WriteString("<p>Đoạn cuối.</p></body></html>")
			start := time.Now()
			doc := ParseHTML(sb.String())
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v", d)
			}
			if tag == "aside" {
				if doc.Text != "Đoạn cuối." {
					t.Errorf("Text = %q", doc.Text)
				}
				return
			}
			if !strings.Contains(doc.Text, "Văn bản ở tầng sâu nhất.") {
				t.Errorf("Text = %q", doc.Text)
			}
		})
	}
	// Unclosed and stray tags.
	doc := ParseHTML(strings.Repeat("<div><p>x", depth) + strings.Repeat("</section></p>", depth))
	if n := strings.Count(doc.Text, "x"); n != depth {
		t.Errorf("unclosed: %d paragraphs, want %d", n, depth)
	}
}
