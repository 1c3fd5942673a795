package text

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind says what part of an article a span of text is.
type Kind uint8

const (
	Body     Kind = iota // the story
	Title                // the headline
	Meta                 // crawler metadata, date lines, categories, tags
	Caption              // photo captions, with their credit
	Credit               // photo and video credits
	Related              // links to and lists of other stories
	Comments             // reader-comment sections
	Byline               // author names and outlet sign-offs
)

var kindNames = [...]string{"body", "title", "meta", "caption", "credit", "related", "comments", "byline"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Span is a part of Doc.Text, in byte offsets.
type Span struct {
	Start, End int
	Kind       Kind
}

// Sentence is one sentence of Doc.Text.
type Sentence struct {
	Start, End int  // byte offsets in Doc.Text, trimmed of surrounding space
	Para       int  // paragraph (non-empty line) index
	Kind       Kind // Body or Title
}

// Doc is an article prepared for extraction.
type Doc struct {
	Orig      string     // the raw input
	ValidOrig bool       // Orig is known to be valid UTF-8 (false: not known)
	Text      string     // Normalize(Orig)
	Map       *OffsetMap // Text offsets -> Orig offsets
	Removed   []Span     // boilerplate in Text, in order
	Sentences []Sentence // title and body sentences, in order
}

// Sentence returns the text of sentence i.
func (d *Doc) Sentence(i int) string {
	s := d.Sentences[i]
	return d.Text[s.Start:s.End]
}

// OrigSpan maps a span of Text to the matching span of Orig, trimmed of the
// white space and invisible characters that normalisation dropped.
func (d *Doc) OrigSpan(start, end int) (int, int) {
	s, e := d.Map.Orig(start), d.Map.Orig(end)
	for s < e {
		r, n := utf8.DecodeRuneInString(d.Orig[s:e])
		if !invisible(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(d.Orig[s:e])
		if !invisible(r) {
			break
		}
		e -= n
	}
	return s, e
}

func invisible(r rune) bool {
	return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || r == '_'
}

// RuneOffset converts a byte offset of Orig into a character offset.
func (d *Doc) RuneOffset(origByte int) int {
	origByte = min(max(origByte, 0), len(d.Orig))
	return utf8.RuneCountInString(d.Orig[:origByte])
}

// line is one non-empty line of Text.
type line struct {
	start, end int
	kind       Kind
	spans      []Span // boilerplate inside a body line
}

// Prepare normalises raw, marks its boilerplate and splits the title and
// body into sentences. It is pure and safe for concurrent use.
func Prepare(raw string) *Doc {
	text, m, safe := normalizeSafe(raw)
	d := &Doc{Orig: raw, ValidOrig: safe, Text: text, Map: m}
	lines := make([]line, 0, strings.Count(text, "\n")+1)
	for i := 0; i < len(text); {
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 {
			j = len(text) - i
		}
		if j > 0 {
			lines = append(lines, line{start: i, end: i + j})
		}
		i += j + 1
	}
	markLines(text, lines)
	for i := range lines {
		l := &lines[i]
		if l.kind == Body {
			l.spans = inlineSpans(text, l.start, l.end)
		}
	}
	markTrailer(text, lines)
	markTitle(text, lines)

	split := make([][2]int, 0, 32)
	d.Sentences = make([]Sentence, 0, strings.Count(text, ".")+len(lines)+1)
	for p, l := range lines {
		if l.kind != Body && l.kind != Title {
			d.Removed = append(d.Removed, Span{l.start, l.end, l.kind})
			continue
		}
		d.Removed = append(d.Removed, l.spans...)
		at := l.start
		for k := 0; k <= len(l.spans); k++ {
			end, next := l.end, l.end
			if k < len(l.spans) {
				end, next = l.spans[k].Start, l.spans[k].End
			}
			split = appendSplit(split[:0], text[at:end])
			for _, s := range split {
				d.Sentences = append(d.Sentences, Sentence{at + s[0], at + s[1], p, l.kind})
			}
			at = next
		}
	}
	if len(d.Sentences) == 0 {
		d.Sentences = nil // as before the room made above
	}
	return d
}

// markLines classifies whole lines: headings that end the story, metadata,
// credits, captions and related links.
func markLines(text string, lines []line) {
	for i := range lines {
		l := &lines[i]
		s := text[l.start:l.end]
		if i > 0 {
			if k, ok := heading(s); ok {
				for j := i; j < len(lines); j++ {
					if k2, ok := heading(text[lines[j].start:lines[j].end]); ok {
						k = k2
					}
					lines[j].kind = k
				}
				return
			}
		}
		switch {
		case i == 0 && strings.HasPrefix(s, "date ") && len(s) > 5 && isDigit(s[5]),
			isDateLine(s), isTagLine(s), i < 3 && isCategory(s):
			l.kind = Meta
		case isCreditLine(s):
			l.kind = Credit
		case s == "Chú thích ảnh" || isNumberedPhotoCaption(s):
			l.kind = Caption
		case isRelatedLine(s):
			l.kind = Related
		case i > 0 && lines[i-1].kind == Caption && text[lines[i-1].start:lines[i-1].end] == "Chú thích ảnh" && hasCredit(s):
			l.kind = Caption
		}
	}
}

// markTrailer marks bylines and sign-offs at the end of the story, and the
// photo captions that some sites list after the byline.
func markTrailer(text string, lines []line) {
	last := -1
	for i := range lines {
		if lines[i].kind == Body {
			last = i
		}
	}
	if last < 0 {
		return
	}
	// A byline among the last lines, followed only by short lines: those
	// are captions gathered at the end of the page.
	for i := last; i > 0 && i >= last-12; i-- {
		if lines[i].kind != Body || !isByline(text[lines[i].start:lines[i].end]) {
			continue
		}
		short := true
		for j := i + 1; j <= last; j++ {
			if lines[j].kind == Body && words(text[lines[j].start:lines[j].end]) > 60 {
				short = false
			}
		}
		if !short {
			break
		}
		lines[i].kind = Byline
		for j := i + 1; j <= last; j++ {
			if lines[j].kind == Body {
				lines[j].kind = Caption
			}
		}
		last = i - 1
		for last > 0 && lines[last].kind != Body {
			last--
		}
		break
	}
	for last > 0 && lines[last].kind == Body && isByline(text[lines[last].start:lines[last].end]) {
		lines[last].kind = Byline
		last--
	}
	if last < 0 || lines[last].kind != Body {
		return
	}
	// A sign-off glued to the last paragraph: "... người dân. Đức Dũng (Tổng hợp)".
	l := &lines[last]
	from := l.start
	if n := len(l.spans); n > 0 {
		from = l.spans[n-1].End
	}
	var buf [16][2]int
	sents := appendSplit(buf[:0], text[from:l.end])
	if len(sents) < 2 && from == l.start {
		return
	}
	if len(sents) == 0 {
		return
	}
	s := sents[len(sents)-1]
	if isByline(text[from+s[0] : from+s[1]]) {
		l.spans = append(l.spans, Span{from + s[0], l.end, Byline})
	}
}

// markTitle marks the first body line as the headline when it looks like one.
func markTitle(text string, lines []line) {
	for i := range lines {
		if i > 2 {
			return
		}
		l := &lines[i]
		if l.kind != Body {
			continue
		}
		s := text[l.start:l.end]
		more := false
		for _, l2 := range lines[i+1:] {
			more = more || l2.kind == Body
		}
		if more && len(l.spans) == 0 && words(s) <= 30 && !strings.HasSuffix(s, ".") {
			l.kind = Title
		}
		return
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// words is len(strings.Fields(s)).
func words(s string) int {
	n, space := 0, true
	for i := 0; i < len(s); {
		c := s[i]
		var sp bool
		if c < utf8.RuneSelf {
			sp = asciiSpace[c]
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			sp = unicode.IsSpace(r)
			i += size
		}
		if space && !sp {
			n++
		}
		space = sp
	}
	return n
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// appendKey appends to dst the fold of a line for comparison with the word
// lists below: strings.TrimRight(strings.ToLower(strings.TrimSpace(s)), " :.").
// Callers pass a buffer on their stack and look the result up as
// m[string(k)], which does not allocate.
func appendKey(dst []byte, s string) []byte {
	start := len(dst)
	dst = appendLower(dst, strings.TrimSpace(s))
	for len(dst) > start {
		if c := dst[len(dst)-1]; c != ' ' && c != ':' && c != '.' {
			break
		}
		dst = dst[:len(dst)-1]
	}
	return dst
}

// appendLower appends strings.ToLower(s) to dst: every rune lower-cased,
// invalid bytes as U+FFFD.
func appendLower(dst []byte, s string) []byte {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			dst = append(dst, byte(r))
		} else {
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	return dst
}

var relatedHeadings = set("cùng chuyên mục", "tin cùng chuyên mục", "tin liên quan", "bài liên quan",
	"xem thêm", "đọc thêm", "tin mới", "tin khác", "tin mới nhất", "tin cùng chủ đề", "bài viết liên quan",
	"tin đọc nhiều", "đọc nhiều nhất", "tin nổi bật", "có thể bạn quan tâm", "bạn có thể quan tâm",
	"các tin khác", "các tin đã đưa", "tin bài liên quan", "tin tức liên quan", "bài cùng chuyên mục")

var commentHeadings = set("ý kiến bạn đọc", "bình luận", "gửi bình luận", "ý kiến của bạn",
	"bình luận của bạn", "viết bình luận", "gửi ý kiến", "ý kiến", "bạn nghĩ gì", "bình luận (0)")

func set(ss ...string) map[string]bool {
	m := make(map[string]bool, len(ss))
	for _, s := range ss {
		m[s] = true
	}
	return m
}

func heading(s string) (Kind, bool) {
	if len(s) > 60 {
		return 0, false
	}
	var buf [80]byte
	k := appendKey(buf[:0], s)
	switch {
	case relatedHeadings[string(k)]:
		return Related, true
	case commentHeadings[string(k)]:
		return Comments, true
	}
	return 0, false
}

var dateWords = set("thứ", "hai", "ba", "tư", "năm", "sáu", "bảy", "chủ", "nhật", "ngày", "cập",
	"lúc", "đăng", "giờ", "gmt", "am", "pm", "sáng", "chiều", "tối", "|", "-", ",")

// isDateLine reports whether s holds only a date and time: "08:36, 22/12/2025",
// "27/05/13 21:27 GMT+7", "Thứ hai, 22/12/2025 - 08:36".
func isDateLine(s string) bool {
	if len(s) > 80 {
		return false
	}
	if n := words(s); n == 0 || n > 10 {
		return false
	}
	digits := false
	var buf [96]byte
	for f := range strings.FieldsSeq(s) { // the fields of the lower-cased line
		w := bytes.Trim(appendLower(buf[:0], f), ",()")
		switch {
		case dateWords[string(w)] || len(w) == 0:
		case isDigit(w[0]) || bytes.HasPrefix(w, []byte("gmt")):
			for _, c := range w {
				if !isDigit(c) && strings.IndexByte("/:-.+hgmt", c) < 0 {
					return false
				}
			}
			digits = digits || isDigit(w[0])
		default:
			return false
		}
	}
	return digits
}

func isTagLine(s string) bool {
	k := s[:min(len(s), 16)]
	for _, p := range tagPrefixes {
		if hasLowerPrefix(k, p) {
			return true
		}
	}
	return false
}

var tagPrefixes = []string{"tags:", "tag:", "từ khóa:", "chủ đề:", "keywords:", "tags :", "từ khóa :"}

// hasLowerPrefix is strings.HasPrefix(strings.ToLower(s), p) for a
// lower-case p, without building the lower-case string.
func hasLowerPrefix(s, p string) bool {
	for _, want := range p {
		if s == "" {
			return false
		}
		r, n := utf8.DecodeRuneInString(s)
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		} else {
			r = unicode.ToLower(r)
		}
		if r != want {
			return false
		}
		s = s[n:]
	}
	return true
}

var categories = set("thế giới", "quốc tế", "thời sự", "chính trị", "kinh tế", "xã hội", "quân sự",
	"châu á", "tin tức", "trang chủ", "tin thế giới", "điểm nóng", "hồ sơ", "phân tích", "bình luận quốc tế",
	"thế giới 24h", "world", "asia", "news", "home")

func isCategory(s string) bool {
	if len(s) > 80 {
		return false
	}
	if strings.ContainsAny(s, ">»|") && words(s) <= 8 && !strings.ContainsAny(s, ".,") {
		return true
	}
	var buf [96]byte
	return categories[string(appendKey(buf[:0], s))]
}

// creditMarkers open a photo, video or source credit.
var creditMarkers = []string{"Ảnh:", "Ảnh :", "ẢNH:", "Nguồn ảnh:", "Nguồn ảnh :", "Nguồn:", "Nguồn :",
	"NGUỒN:", "Photo:", "Photo :", "PHOTO:", "Video:", "Video :", "Clip:", "Đồ họa:", "Đồ họa :", "Ảnh minh họa:",
	"Ảnh minh họa :", "Ảnh tư liệu:", "Ảnh tư liệu :"}

func creditAt(s string, i int) string {
	if i >= len(s) {
		return ""
	}
	for _, m := range creditsByFirst[s[i]] {
		if len(s)-i >= len(m) && s[i+1] == m[1] && s[i:i+len(m)] == m {
			return m
		}
	}
	return ""
}

// creditsByFirst lists creditMarkers, in order, by their first byte.
var creditsByFirst = func() (t [256][]string) {
	for _, m := range creditMarkers {
		t[m[0]] = append(t[m[0]], m)
	}
	return t
}()

// creditOpener reports the bytes a credit marker may follow.
func creditOpener(c byte) bool { return c == ' ' || c == '(' || c == '-' || c == '.' }

func hasCredit(s string) bool {
	for i := range s {
		if creditAt(s, i) != "" && (i == 0 || creditOpener(s[i-1])) {
			return true
		}
	}
	return false
}

// isCreditLine reports whether s is only a credit: "Photo : KBS News".
func isCreditLine(s string) bool {
	if len(s) > 120 {
		return false
	}
	s = strings.Trim(s, "()[] ")
	var buf [128]byte
	if k := appendKey(buf[:0], s); string(k) == "ảnh minh họa" || string(k) == "ảnh tư liệu" {
		return true
	}
	m := creditAt(s, 0)
	return m != "" && words(s[len(m):]) <= 6
}

// isNumberedPhotoCaption reports lines of photo galleries: "... ảnh 1Ông Kim ...".
func isNumberedPhotoCaption(s string) bool {
	// The long-line test (words(s) > 80) comes last: "ảnh " is common
	// ("ảnh hưởng") and counting words was most of the time.
	for i := 0; ; {
		j := strings.Index(s[i:], "ảnh ")
		if j < 0 {
			return false
		}
		i += j + len("ảnh ")
		if i < len(s) && isDigit(s[i]) && (j > 0 || i > len("ảnh ")) {
			k := i
			for k < len(s) && isDigit(s[k]) {
				k++
			}
			if k == len(s) || !isDigit(s[k]) && (s[k] == ' ' || unicode.IsUpper(nextRune(s[k:]))) {
				return words(s) <= 80
			}
		}
	}
}

// isRelatedLine reports a link to another story: "[Hàn Quốc đưa ra ...]",
// "Xem thêm: ...".
func isRelatedLine(s string) bool {
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") && strings.Count(s, "[") == 1 {
		return true
	}
	k := s[:min(len(s), 24)]
	for _, p := range relatedPrefixes {
		if hasLowerPrefix(k, p) {
			return true
		}
	}
	return false
}

var relatedPrefixes = []string{"xem thêm:", "đọc thêm:", "tin liên quan:", "bài liên quan:", "xem thêm :", "đọc thêm :"}

var outlets = set("dân trí", "vnexpress", "tuổi trẻ", "thanh niên", "tiền phong", "vov", "vtv", "ttxvn",
	"vietnamplus", "vietnam+", "zing", "zing news", "người lao động", "lao động", "tin tức", "an ninh thủ đô",
	"hà nội mới", "nhân dân", "quân đội nhân dân", "công an nhân dân", "sài gòn giải phóng", "vietnamnet",
	"soha", "kiến thức", "infonet", "báo quốc tế", "thế giới & việt nam", "baomoi", "vtc news", "vtc")

// isByline reports author and outlet sign-offs: "Theo Hà Nội Mới",
// "(Vietnam+)", "TTXVN/Tin Tức", "Đức Dũng (Tổng hợp)", "Phương Thảo", "H.L".
func isByline(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) > 160 {
		return false // a byline is a few words; don't split a paragraph to find out
	}
	var fb [9]string
	f := appendFields(fb[:0], s) // more than 8 fields is no byline
	if len(f) == 0 || len(f) > 8 || strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "./.") && !initials(f[len(f)-1]) {
		return false
	}
	var buf [176]byte
	switch {
	case outlets[string(appendKey(buf[:0], s))]:
		return true
	case strings.HasPrefix(s, "Theo ") || strings.HasPrefix(s, "(Theo "):
		return !strings.ContainsAny(s, ",:") && len(f) <= 7 && startsUpper(f[1])
	case strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") && len(f) <= 4:
		return true
	case strings.Contains(s, "/") && len(f) <= 7 && !strings.ContainsAny(s, ",:\""):
		return startsUpper(f[0])
	}
	// A name, possibly followed by "(Tổng hợp)", "(lược dịch)", "(Theo AFP)" or a dash.
	if p := strings.IndexByte(s, '('); p > 0 {
		inner := strings.ToLower(strings.Trim(s[p:], "() "))
		if !(strings.HasPrefix(inner, "tổng hợp") || strings.HasPrefix(inner, "lược dịch") ||
			strings.HasPrefix(inner, "theo ") || strings.HasPrefix(inner, "dịch") || strings.HasPrefix(inner, "biên dịch")) {
			return false
		}
		f = appendFields(fb[:0], s[:p])
	}
	if n := len(f); n > 0 && (f[n-1] == "-" || f[n-1] == "–") {
		f = f[:n-1]
	}
	if len(f) == 0 || len(f) > 4 {
		return false
	}
	for _, w := range f {
		if !startsUpper(w) || strings.ContainsAny(w, "0123456789,;:\"") {
			return false
		}
	}
	return true
}

// appendFields appends to f the fields of s (strings.Fields), no more than
// fit in cap(f).
func appendFields(f []string, s string) []string {
	for w := range strings.FieldsSeq(s) {
		if len(f) == cap(f) {
			break
		}
		f = append(f, w)
	}
	return f
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// initials reports "H.L." style words.
func initials(w string) bool {
	for _, r := range w {
		if r != '.' && !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}
