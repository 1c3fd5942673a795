// Package ingest reads documents from files, directories and standard input:
// plain text, JSON Lines, JSON and saved HTML pages, in UTF-8 or one of the
// legacy Vietnamese encodings. It streams, so memory stays bounded by the
// largest single document, and it reports bad input as items naming the
// file and line while the rest goes on.
package ingest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/sukien/sukien"
)

// DefaultMaxDocBytes bounds one document, or one line of JSON Lines, when
// Options.MaxDocBytes is zero.
const DefaultMaxDocBytes = 1 << 30

// Options for reading.
type Options struct {
	Published string    // --published DATE for plain files without their own date ("" = none)
	Stdin     io.Reader // used for "-" and when no paths are given; nil means os.Stdin
	// MaxDocBytes bounds the size of one document or JSON line; larger
	// ones are reported as errors. Zero means DefaultMaxDocBytes.
	MaxDocBytes int64
}

// Item is one document read, or one input that could not be read.
type Item struct {
	Doc sukien.Document // Source and Line set
	Err error           // a *sukien.Error with Code EINVALID, Source (file) and Line set; Doc zero then
	// Encoding is the legacy encoding the document was converted from
	// (EncodingWindows1258, EncodingTCVN3, EncodingVNI, EncodingUTF16),
	// "" for UTF-8.
	Encoding string
}

// Extensions read when walking a directory.
var walkExts = map[string]bool{
	".txt": true, ".html": true, ".htm": true, ".jsonl": true, ".ndjson": true, ".json": true,
}

// Read streams the documents of paths, in a deterministic order (paths as
// given; directory entries walked in lexical order), calling fn once per
// document or per unreadable input. It stops early only if fn returns an
// error or ctx is cancelled, and returns that error. A path that does not
// exist yields an Item with Err and reading goes on. Memory stays bounded:
// files are streamed. No paths, or the path "-", read opt.Stdin.
//
// Plain text files give one document each, with the file name without
// extension as ID and opt.Published, else PublishedFrom(text), as date.
// JSON Lines files (.jsonl, .ndjson) give one document a line, .json files
// one per value of a top-level array or value stream, and HTML files
// (.html, .htm) one document extracted by ParseHTML. Standard input is
// sniffed: JSON Lines if it starts with '{', HTML if with '<', else text.
// Directories are walked recursively for those extensions, skipping hidden
// entries and never following symbolic links to directories.
func Read(ctx context.Context, paths []string, opt Options, fn func(Item) error) error {
	r := &reader{ctx: ctx, opt: opt, fn: fn, max: opt.MaxDocBytes}
	if r.max <= 0 {
		r.max = DefaultMaxDocBytes
	}
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	for _, p := range paths {
		if err := r.path(p); err != nil {
			return err
		}
	}
	return nil
}

type reader struct {
	ctx context.Context
	opt Options
	fn  func(Item) error
	max int64
}

// emit hands an item to fn unless ctx is done.
func (r *reader) emit(it Item) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	return r.fn(it)
}

// fail emits an error item for source (and line, if positive).
func (r *reader) fail(source string, line int, format string, args ...any) error {
	e := sukien.Errorf(sukien.EINVALID, format, args...)
	e.Source, e.Line = source, line
	return r.emit(Item{Err: e})
}

func (r *reader) path(p string) error {
	if p == "-" {
		return r.stdin()
	}
	fi, err := os.Stat(p)
	if err != nil {
		return r.fail(p, 0, "cannot read: %s", osReason(err))
	}
	if !fi.IsDir() {
		return r.file(p)
	}
	root := p
	if li, err := os.Lstat(p); err == nil && li.Mode()&fs.ModeSymlink != 0 {
		// Named on the command line, a link to a directory is followed;
		// the trailing separator makes WalkDir read through it.
		root = p + string(filepath.Separator)
	}
	return r.walk(root)
}

func (r *reader) walk(root string) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if cerr := r.ctx.Err(); cerr != nil {
			return cerr
		}
		if err != nil {
			// An unreadable directory or entry: report it and go on.
			return r.fail(path, 0, "cannot read: %s", osReason(err))
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		switch t := d.Type(); {
		case d.IsDir():
			return nil
		case !walkExts[strings.ToLower(filepath.Ext(path))]:
			return nil
		case t&fs.ModeSymlink != 0:
			fi, err := os.Stat(path)
			switch {
			case err != nil:
				return r.fail(path, 0, "cannot read: %s", osReason(err))
			case fi.IsDir():
				// Following it could loop; walking is for real directories.
				slog.Debug("ingest: not following symbolic link to directory", "path", path)
				return nil
			case !fi.Mode().IsRegular():
				return nil
			}
		case !t.IsRegular():
			return nil
		}
		return r.file(path)
	})
}

// osReason is the reason of a file system error without the path, which
// the error item names already.
func osReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return err.Error()
}

func (r *reader) file(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return r.fail(path, 0, "cannot read: %s", osReason(err))
	}
	defer f.Close()
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson":
		return r.jsonl(f, path, filepath.Base(path))
	case ".json":
		return r.json(f, path, filepath.Base(path))
	case ".html", ".htm", ".xhtml":
		return r.html(f, path, fileID(path))
	}
	return r.text(f, path, fileID(path))
}

// fileID is the file name without its extension.
func fileID(path string) string {
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// stdin reads standard input, sniffing its kind from the first byte that
// is not white space.
func (r *reader) stdin() error {
	in := r.opt.Stdin
	if in == nil {
		in = os.Stdin
	}
	br := bufio.NewReaderSize(in, 64<<10)
	// Peek one byte more at a time, so that a slow pipe of JSON Lines is
	// not held up until 64 KB have arrived.
	var first byte
	for n := 1; n <= br.Size(); n++ {
		b, _ := br.Peek(n)
		if len(b) < n {
			break
		}
		if c := b[n-1]; !isSpace(c) {
			first = c
			break
		}
	}
	switch first {
	case '{':
		return r.jsonl(br, "-", "stdin")
	case '<':
		return r.html(br, "-", "stdin")
	}
	return r.text(br, "-", "stdin")
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// readAll reads a whole document, up to the size limit.
func (r *reader) readAll(in io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(in, r.max+1))
	if err != nil {
		return nil, textError("cannot read: " + osReason(err))
	}
	if int64(len(b)) > r.max {
		return nil, textError(fmt.Sprintf("document too large (over %d bytes)", r.max))
	}
	return b, nil
}

// text reads a plain text document.
func (r *reader) text(in io.Reader, source, id string) error {
	b, err := r.readAll(in)
	if err != nil {
		return r.fail(source, 0, "%s", err)
	}
	text, enc, err := decodeText(b)
	if err != nil {
		return r.fail(source, 0, "%s", err)
	}
	logEncoding(source, 0, enc)
	published := r.opt.Published
	if published == "" {
		published = PublishedFrom(text)
	}
	return r.emit(Item{
		Doc:      sukien.Document{ID: id, Published: published, Text: text, Source: source, Line: 1},
		Encoding: enc,
	})
}

// html reads a saved web page.
func (r *reader) html(in io.Reader, source, id string) error {
	b, err := r.readAll(in)
	if err != nil {
		return r.fail(source, 0, "%s", err)
	}
	page, enc, err := decodeText(b)
	if err != nil {
		return r.fail(source, 0, "%s", err)
	}
	logEncoding(source, 0, enc)
	doc := ParseHTML(page)
	if strings.TrimSpace(doc.Text) == "" {
		return r.fail(source, 0, "no text found in HTML")
	}
	doc.ID, doc.Source, doc.Line = id, source, 1
	if doc.Published == "" {
		doc.Published = r.opt.Published
	}
	return r.emit(Item{Doc: doc, Encoding: enc})
}

func logEncoding(source string, line int, enc string) {
	if enc != "" {
		slog.Debug("ingest: converted legacy encoding", "source", source, "line", line, "encoding", enc)
	}
}
