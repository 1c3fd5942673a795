package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// runMain runs the command line args on a Main with buffered streams.
func runMain(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	err = m.Run(context.Background(), args)
	return out.String(), errOut.String(), err
}

func TestDictStats(t *testing.T) {
	out, _, err := runMain(t, "dict", "stats")
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"country", "person", "title", "trigger", "total"} {
		m := regexp.MustCompile(`(?m)^\s*` + kind + `\s+(\d+)\s+(\d+)`).FindStringSubmatch(out)
		if m == nil {
			t.Errorf("no %s row in\n%s", kind, out)
			continue
		}
		if n, _ := strconv.Atoi(m[1]); n == 0 {
			t.Errorf("%s: 0 entries", kind)
		}
	}
	for _, label := range []string{"persons with roles: ", "hanviet syllables: "} {
		m := regexp.MustCompile(label + `(\d+)`).FindStringSubmatch(out)
		if m == nil || m[1] == "0" {
			t.Errorf("%q missing or zero in\n%s", label, out)
		}
	}
}

func TestActorsLookup(t *testing.T) {
	out, _, err := runMain(t, "actors", "lookup", "Tôn Vệ Đông")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Sun Weidong") {
		t.Errorf("output lacks Sun Weidong:\n%s", out)
	}
	out, _, err = runMain(t, "actors", "lookup", "--date", "2019-06-30", "Tổng", "thống", "Hàn", "Quốc")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Moon Jae-in", "title+country@date", "KOR"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// Flags after the text, as users type them.
	out, _, err = runMain(t, "actors", "lookup", "Tổng thống Hàn Quốc", "--date", "2023-06-30")
	if err != nil || !strings.Contains(out, "Yoon Suk Yeol") {
		t.Errorf("lookup at 2023: %v\n%s", err, out)
	}
}

func TestActorsUsage(t *testing.T) {
	for _, args := range [][]string{
		{"actors", "lookup"},
		{"actors", "lookup", "--date", "30/06/2019", "Hàn Quốc"},
		{"dict"},
		{"dict", "fix"},
	} {
		_, _, err := runMain(t, args...)
		var u *usageError
		if !errors.As(err, &u) {
			t.Errorf("%q: err = %v, want a usage error", args, err)
		}
	}
	_, _, err := runMain(t, "actors", "lookup", "xyz qwv")
	if err == nil || exitCode(err) != 1 {
		t.Errorf("lookup of nothing: %v", err)
	}
}

func TestDictCheckUserFile(t *testing.T) {
	dir := t.TempDir()
	bad := "kind: person\nid: kim-tester\nname: Kim Tester\ncountry: KOR\nalias: Kim Tester\n\n" +
		"kind: person\nid: lee-tester\nname: Lee Tester\ncountry: XYZ\nalias: Lee Tester\n\n" +
		"this line has no field\n"
	if err := os.WriteFile(filepath.Join(dir, "bad.dict"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := runMain(t, "dict", "check", "--dict", dir)
	if err == nil || exitCode(err) == 0 {
		t.Fatalf("dict check with a bad file: err = %v", err)
	}
	file := filepath.Join(dir, "bad.dict")
	for _, want := range []string{file + ":7: ", file + ":13: "} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "problems") {
		t.Errorf("no summary on stderr: %q", errOut)
	}
	// --warn prints the same problems and succeeds.
	out2, _, err := runMain(t, "dict", "check", "--warn", "--dict", dir)
	if err != nil || out2 != out {
		t.Errorf("--warn: err = %v, output changed:\n%s", err, out2)
	}
}
