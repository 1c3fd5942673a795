package ingest

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/sukien/sukien"
	"github.com/sukien/sukien/internal/text"
)

// record is one document as a JSON object.
type record struct {
	ID        flexString `json:"id"`
	Published flexString `json:"published"`
	Outlet    string     `json:"outlet"`
	URL       string     `json:"url"`
	Title     string     `json:"title"`
	Text      string     `json:"text"`
	HTML      string     `json:"html"`

	// safe is set by fastRecord when every string was unquoted without a
	// \u escape, so that on a SafeNFC line they are all SafeNFC too. The
	// caller clears it when the line was not.
	safe bool
}

// flexString accepts a JSON string, number or null.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	switch {
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
	case string(b) == "null":
		*f = ""
	case len(b) > 0 && (b[0] == '-' || '0' <= b[0] && b[0] <= '9'):
		*f = flexString(b)
	default:
		return errors.New("expected a string")
	}
	return nil
}

// parseRecord decodes one JSON object; errors are messages for the user.
// validUTF8 tells that b is known to be valid UTF-8, which allows the fast
// path.
func parseRecord(b []byte, validUTF8 bool) (*record, error) {
	if validUTF8 {
		if rec := new(record); fastRecord(b, rec) {
			return rec, nil
		}
	}
	if i := skipJSONSpace(b, 0); i == len(b) || b[i] != '{' {
		return nil, textError("invalid JSON: expected an object")
	}
	rec := new(record)
	if err := json.Unmarshal(b, rec); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, textError(fmt.Sprintf("invalid JSON: field %q: expected %s, got %s", te.Field, te.Type, te.Value))
		}
		return nil, textError("invalid JSON: " + strings.TrimPrefix(err.Error(), "json: "))
	}
	return rec, nil
}

// document turns a record into a Document, extracting the text from its
// HTML when it has none.
func (r *reader) document(rec *record, source string, line int, defaultID string) (sukien.Document, error) {
	doc := sukien.Document{
		ID:     strings.TrimSpace(string(rec.ID)),
		Outlet: rec.Outlet,
		URL:    rec.URL,
		Title:  rec.Title,
		Text:   rec.Text,
		HTML:   rec.HTML,
		Source: source,
		Line:   line,
	}
	if p := strings.TrimSpace(string(rec.Published)); p != "" {
		// Keep a date of unknown form as written rather than lose it.
		doc.Published = cmp.Or(normalizeDate(p), p)
	}
	safe := rec.safe
	if strings.TrimSpace(doc.Text) == "" && strings.TrimSpace(doc.HTML) != "" {
		safe = false
		page := ParseHTML(doc.HTML)
		doc.Text = page.Text
		doc.Title = cmp.Or(doc.Title, page.Title)
		doc.Published = cmp.Or(doc.Published, page.Published)
		doc.Outlet = cmp.Or(doc.Outlet, page.Outlet)
		doc.URL = cmp.Or(doc.URL, page.URL)
	}
	if strings.TrimSpace(doc.Text) == "" {
		return doc, textError("missing text")
	}
	// text.IsNFC first: norm's own check was a sixteenth of the time of
	// `sukien extract` on text that is almost always in NFC already.
	if !safe && !text.IsNFC(doc.Text) {
		doc.Text = norm.NFC.String(doc.Text)
	}
	if !safe && !text.IsNFC(doc.Title) {
		doc.Title = norm.NFC.String(doc.Title)
	}
	doc.ID = cmp.Or(doc.ID, defaultID)
	doc.Published = cmp.Or(doc.Published, r.opt.Published)
	return doc, nil
}

// jsonl reads JSON Lines: one object a line, blank lines skipped. A bad line
// is reported with its number and the others still come through. Lines are
// read whole however long they are, in time linear in their length.
func (r *reader) jsonl(in io.Reader, source, name string) error {
	br := bufio.NewReaderSize(in, 64<<10)
	if source != "-" { // a pipe could make Peek wait for data
		if head, _ := br.Peek(8 << 10); bytes.IndexByte(head, 0) >= 0 {
			return r.fail(source, 0, "%s", errBinary)
		}
	}
	var (
		buf     []byte
		content bool
		done    = r.ctx.Done()
	)
	for line := 1; ; line++ {
		select {
		case <-done:
			return r.ctx.Err()
		default:
		}
		b, tooLong, err := readLine(br, &buf, r.max)
		if err != nil && err != io.EOF {
			return r.fail(source, line, "cannot read: %s", osReason(err))
		}
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		}
		switch {
		case tooLong:
			content = true
			if ferr := r.fail(source, line, "line too long (over %d bytes)", r.max); ferr != nil {
				return ferr
			}
		case len(bytes.TrimSpace(b)) > 0:
			content = true
			if ferr := r.jsonLine(b, source, line, name); ferr != nil {
				return ferr
			}
		}
		if err == io.EOF {
			break
		}
		if cap(buf) > 64<<20 {
			buf = nil // do not hold on to the memory of one huge line
		}
	}
	if !content {
		return r.fail(source, 0, "%s", errEmpty)
	}
	return nil
}

func (r *reader) jsonLine(b []byte, source string, line int, name string) error {
	enc := ""
	// Most lines are SafeNFC, which implies valid UTF-8 and spares the
	// text its NFC check (see record.safe).
	safe := text.SafeNFC(b)
	valid := safe || utf8.Valid(b)
	if !valid {
		s, e, ok := decodeLegacy(b)
		if !ok {
			return r.fail(source, line, "invalid UTF-8 at byte %d (not a known Vietnamese encoding)", invalidUTF8At(b))
		}
		b, enc = []byte(s), e
		logEncoding(source, line, enc)
	}
	rec, err := parseRecord(b, valid)
	if err != nil {
		return r.fail(source, line, "%s", err)
	}
	if !safe {
		rec.safe = false
	}
	doc, err := r.document(rec, source, line, name+"#"+strconv.Itoa(line))
	if err != nil {
		return r.fail(source, line, "%s", err)
	}
	return r.emit(Item{Doc: doc, Encoding: enc})
}

// readLine returns the next line of br without its line ending, and
// io.EOF with the last line. The line aliases br's buffer or *buf and is
// valid until the next call. A line longer than max is skipped and
// reported as tooLong.
func readLine(br *bufio.Reader, buf *[]byte, max int64) (line []byte, tooLong bool, err error) {
	chunk, err := br.ReadSlice('\n')
	if err != bufio.ErrBufferFull {
		return trimEOL(chunk), false, err
	}
	b := append((*buf)[:0], chunk...)
	for err == bufio.ErrBufferFull {
		chunk, err = br.ReadSlice('\n')
		if !tooLong && int64(len(b)+len(chunk)) > max {
			tooLong, b = true, b[:0]
		}
		if !tooLong {
			b = append(b, chunk...)
		}
	}
	*buf = b
	return trimEOL(b), tooLong, err
}

func trimEOL(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte("\n"))
	return bytes.TrimSuffix(b, []byte("\r"))
}

// json reads a .json file: an array of objects or a stream of objects.
// Such a file is one JSON text that must be read whole.
func (r *reader) json(in io.Reader, source, name string) error {
	raw, err := r.readAll(in)
	if err != nil {
		return r.fail(source, 0, "%s", err)
	}
	s, enc, err := decodeText(raw)
	if err != nil {
		return r.fail(source, 0, "%s", err)
	}
	logEncoding(source, 0, enc)
	b := []byte(s)
	dec := json.NewDecoder(bytes.NewReader(b))
	// lineAt counts lines up to byte offset pos, moving forward only.
	line, counted := 1, 0
	lineAt := func(pos int) int {
		if pos > counted {
			line += bytes.Count(b[counted:pos], []byte("\n"))
			counted = pos
		}
		return line
	}
	start := skipJSONSpace(b, 0)
	array := start < len(b) && b[start] == '['
	if array {
		dec.Token() // the '['
	}
	for {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		pos := skipJSONSpace(b, int(dec.InputOffset()))
		if pos == len(b) || array && b[pos] == ']' {
			return nil
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			// The rest of a broken JSON text cannot be trusted.
			var se *json.SyntaxError
			if errors.As(err, &se) {
				pos = int(se.Offset)
			}
			return r.fail(source, lineAt(pos), "invalid JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
		}
		ln := lineAt(pos)
		rec, err := parseRecord(v, false)
		if err == nil {
			var doc sukien.Document
			if doc, err = r.document(rec, source, ln, name+"#"+strconv.Itoa(ln)); err == nil {
				if err := r.emit(Item{Doc: doc, Encoding: enc}); err != nil {
					return err
				}
				continue
			}
		}
		if err := r.fail(source, ln, "%s", err); err != nil {
			return err
		}
	}
}

// skipJSONSpace returns the offset of the first byte at or after i that is
// neither white space nor an array comma.
func skipJSONSpace(b []byte, i int) int {
	for i < len(b) && (isSpace(b[i]) || b[i] == ',') {
		i++
	}
	return i
}
