package dict

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Stanza is one record of a dictionary file: its fields in order of
// appearance, with the place it was read from.
type Stanza struct {
	Source string
	Line   int // line of the stanza's first field
	Fields []Field
}

// Field is one `name: value` line; a value with " | " separators has been
// split into Values.
type Field struct {
	Name   string
	Values []string
	Line   int
}

// Get returns the first value of field name, or "".
func (s *Stanza) Get(name string) string {
	for _, f := range s.Fields {
		if f.Name == name && len(f.Values) > 0 {
			return f.Values[0]
		}
	}
	return ""
}

// All returns every value of every occurrence of field name.
func (s *Stanza) All(name string) []string {
	var out []string
	for _, f := range s.Fields {
		if f.Name == name {
			out = append(out, f.Values...)
		}
	}
	return out
}

// ParseError is a syntax or content error in a dictionary file.
type ParseError struct {
	Source string
	Line   int
	Msg    string
}

func (e *ParseError) Error() string { return fmt.Sprintf("%s:%d: %s", e.Source, e.Line, e.Msg) }

// maxLine bounds one dictionary line; longer lines are errors, not memory.
const maxLine = 1 << 20

// ParseStanzas reads the stanza format of FORMAT.md. It returns every
// well-formed stanza and one error per malformed line, so that one typo does
// not hide the rest of a user's file.
func ParseStanzas(r io.Reader, source string) ([]Stanza, []error) {
	var (
		out  []Stanza
		errs []error
		cur  *Stanza
	)
	br := bufio.NewReaderSize(r, 64<<10)
	flush := func() {
		if cur != nil && len(cur.Fields) > 0 {
			out = append(out, *cur)
		}
		cur = nil
	}
	for n := 1; ; n++ {
		line, err := readLine(br)
		if err != nil && err != io.EOF {
			if err == errLongLine {
				errs = append(errs, &ParseError{source, n, "line too long"})
				continue
			}
			errs = append(errs, &ParseError{source, n, err.Error()})
			break
		}
		if len(line) == 0 && err == io.EOF {
			break
		}
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
		}
		if !utf8.Valid(line) {
			errs = append(errs, &ParseError{source, n, "invalid UTF-8"})
			continue
		}
		text := strings.TrimSpace(string(line))
		switch {
		case text == "":
			flush()
		case strings.HasPrefix(text, "#"):
		default:
			name, value, ok := strings.Cut(text, ":")
			name = strings.TrimSpace(name)
			if !ok || name == "" || strings.ContainsAny(name, " \t") {
				errs = append(errs, &ParseError{source, n, fmt.Sprintf("expected `field: value`, got %q", clip(text))})
				continue
			}
			if cur == nil {
				cur = &Stanza{Source: source, Line: n}
			}
			cur.Fields = append(cur.Fields, Field{Name: strings.ToLower(name), Values: splitValues(value), Line: n})
		}
		if err == io.EOF {
			break
		}
	}
	flush()
	return out, errs
}

var errLongLine = fmt.Errorf("line too long")

func readLine(br *bufio.Reader) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf)+len(chunk) > maxLine {
			// Drain the rest of the line.
			for err == bufio.ErrBufferFull {
				_, err = br.ReadSlice('\n')
			}
			return nil, errLongLine
		}
		buf = append(buf, chunk...)
		if err == bufio.ErrBufferFull {
			continue
		}
		return bytes.TrimRight(buf, "\r\n"), err
	}
}

func splitValues(v string) []string {
	parts := strings.Split(v, "|")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}
