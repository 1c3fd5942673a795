package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sukien/sukien/internal/dict"
	"github.com/sukien/sukien/internal/store"
)

// The test corpus: one phone call between the foreign ministers of South
// Korea and the United States reported by two outlets, with the Korean
// minister's name spelt two ways, and a North Korean missile launch.
var storeCorpus = []string{
	`{"id":"call-a","published":"2024-06-19","outlet":"Báo Thủ Đô","url":"https://thudo.example/call-a","title":"Ngoại trưởng Hàn Quốc và Mỹ điện đàm","text":"Ngày 18/6, Ngoại trưởng Hàn Quốc Cho Tae-yul đã điện đàm với Ngoại trưởng Mỹ Antony Blinken về tình hình bán đảo Triều Tiên. Hai bên nhất trí tăng cường phối hợp trước các hành động khiêu khích của Bình Nhưỡng."}`,
	`{"id":"call-b","published":"2024-06-19","outlet":"Tin Nhanh","url":"https://tinnhanh.example/call-b","title":"Seoul và Washington trao đổi qua điện thoại","text":"Bộ trưởng Ngoại giao Hàn Quốc Cho Tae Yul hôm 18/6 có cuộc điện đàm với người đồng cấp Mỹ Antony Blinken. Hai nhà ngoại giao bàn về quan hệ quân sự giữa Nga và Triều Tiên."}`,
	`{"id":"launch","published":"2024-05-30","outlet":"Báo Thủ Đô","url":"https://thudo.example/launch","title":"Triều Tiên phóng loạt tên lửa","text":"Sáng 30/5, Triều Tiên đã phóng khoảng 18 tên lửa đạn đạo tầm ngắn ra vùng biển phía đông, theo quân đội Hàn Quốc. Nhật Bản phản đối mạnh mẽ vụ phóng."}`,
}

// run runs one command line on a fresh Main and returns what it printed.
func run(t *testing.T, ctx context.Context, stdin io.Reader, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	m := &Main{Stdin: stdin, Stdout: &out, Stderr: &errOut}
	err = m.Run(ctx, args)
	return out.String(), errOut.String(), err
}

// mustRun runs a command line that must succeed.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, errOut, err := run(t, context.Background(), strings.NewReader(""), args...)
	if err != nil {
		t.Fatalf("sukien %s: %v\n%s", strings.Join(args, " "), err, errOut)
	}
	return out
}

func writeFile(t *testing.T, name string, lines ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

var summaryRE = regexp.MustCompile(`ingest: (\d+) added, (\d+) replaced, (\d+) unchanged, (\d+) events \((\d+) merged\), (\d+) errors`)

// summary parses the ingest summary line: added, replaced, unchanged,
// events, merged, errors.
func summary(t *testing.T, stderr string) [6]int {
	t.Helper()
	m := summaryRE.FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("no summary line in %q", stderr)
	}
	var n [6]int
	for i := range n {
		n[i], _ = strconv.Atoi(m[i+1])
	}
	return n
}

func eventsOf(t *testing.T, args ...string) []store.Event {
	t.Helper()
	var evs []store.Event
	dec := json.NewDecoder(strings.NewReader(mustRun(t, append([]string{"events", "--format", "jsonl", "--limit", "0"}, args...)...)))
	for dec.More() {
		var ev store.Event
		if err := dec.Decode(&ev); err != nil {
			t.Fatal(err)
		}
		evs = append(evs, ev)
	}
	return evs
}

// eachDB runs fn against a SQLite file and, when SUKIEN_TEST_POSTGRES is
// set, a fresh PostgreSQL schema.
func eachDB(t *testing.T, fn func(t *testing.T, dsn string)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, filepath.Join(t.TempDir(), "test.db")) })
	t.Run("postgres", func(t *testing.T) {
		dsn := os.Getenv("SUKIEN_TEST_POSTGRES")
		if dsn == "" {
			t.Skip("SUKIEN_TEST_POSTGRES is not set")
		}
		var b [6]byte
		rand.Read(b[:])
		schema := "sukien_cmd_" + hex.EncodeToString(b[:])
		admin, err := sql.Open("pgx", dsn)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
			admin.Close()
			t.Fatal(err)
		}
		t.Cleanup(func() {
			admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
			admin.Close()
		})
		sep := "?"
		if strings.Contains(dsn, "?") {
			sep = "&"
		}
		fn(t, dsn+sep+"search_path="+schema)
	})
}

func TestIngestAndEvents(t *testing.T) {
	eachDB(t, func(t *testing.T, db string) {
		ctx := context.Background()
		corpus := writeFile(t, "news.jsonl", storeCorpus...)
		_, stderr, err := run(t, ctx, nil, "ingest", "--db", db, "--workers", "2", corpus)
		if err != nil {
			t.Fatalf("ingest: %v\n%s", err, stderr)
		}
		n := summary(t, stderr)
		if n[0] != 3 || n[1] != 0 || n[2] != 0 || n[5] != 0 {
			t.Errorf("first ingest: %v, want 3 added, none replaced, unchanged or failed", n)
		}
		if n[4] < 1 {
			t.Errorf("first ingest merged %d records, want the two reports of the call merged", n[4])
		}
		before := eventsOf(t, "--db", db)
		if len(before) == 0 || n[3] < len(before) {
			t.Fatalf("%d records stored as %d events", n[3], len(before))
		}

		_, stderr, err = run(t, ctx, nil, "ingest", "--db", db, "--batch", "1", corpus)
		if err != nil {
			t.Fatalf("second ingest: %v\n%s", err, stderr)
		}
		if n := summary(t, stderr); n != [6]int{0, 0, 3, 0, 0, 0} {
			t.Errorf("second ingest: %v, want 3 unchanged and nothing else", n)
		}
		if after := eventsOf(t, "--db", db); len(after) != len(before) {
			t.Errorf("second ingest: %d events, want %d", len(after), len(before))
		}

		// The call, found through aliases of the sides.
		var call *store.Event
		for _, actor := range []string{"Hàn Quốc", "Nam Hàn", "kor", "Cho Tae Yul"} {
			evs := eventsOf(t, "--db", db, "--actor", actor, "--type", "consult")
			if len(evs) != 1 {
				t.Fatalf("--actor %q --type consult: %d events, want 1", actor, len(evs))
			}
			call = &evs[0]
		}
		if call.NumSources != 2 || call.NumOutlets != 2 || deref(call.Date) != "2024-06-18" {
			t.Errorf("call = %+v, want two sources and outlets on 2024-06-18", call)
		}
		for _, ev := range eventsOf(t, "--db", db, "--actor", "Hàn Quốc") {
			if !strings.Contains(codes(ev.Actor)+";"+codes(ev.Recipient), "KOR") {
				t.Errorf("--actor Hàn Quốc selected %s %s without KOR", ev.ID, ev.Event)
			}
		}
		june := eventsOf(t, "--db", db, "--with", "Hoa Kỳ", "--since", "2024-06", "--until", "2024-06-30")
		found := false
		for _, ev := range june {
			found = found || ev.ID == call.ID
			if !strings.Contains(codes(ev.Actor)+";"+codes(ev.Recipient), "USA") || deref(ev.Date) < "2024-06" {
				t.Errorf("--with Hoa Kỳ in June selected %s %s %v", ev.ID, ev.Event, deref(ev.Date))
			}
		}
		if !found {
			t.Errorf("--with Hoa Kỳ in June: no call among %d events", len(june))
		}
		launches := eventsOf(t, "--db", db, "--actor", "Bình Nhưỡng", "--until", "2024-05")
		if len(launches) == 0 || codes(launches[0].Actor) != "PRK" {
			t.Errorf("--actor Bình Nhưỡng in May: %+v, want North Korean events", launches)
		}

		out := mustRun(t, "events", "--db", db, "show", call.ID)
		for _, want := range []string{call.ID, "call-a", "call-b", "Báo Thủ Đô", "Tin Nhanh", "Cho Tae-yul đã điện đàm", "Cho Tae Yul hôm 18/6"} {
			if !strings.Contains(out, want) {
				t.Errorf("events show: no %q in\n%s", want, out)
			}
		}
		var shown store.Event
		if err := json.Unmarshal([]byte(mustRun(t, "events", "show", "--db", db, "--format", "jsonl", call.ID)), &shown); err != nil {
			t.Fatal(err)
		}
		if len(shown.Mentions) != 2 {
			t.Errorf("events show: %d mentions, want 2", len(shown.Mentions))
		}

		table := mustRun(t, "events", "--db", db)
		if lines := strings.Count(table, "\n"); lines != len(before)+1 {
			t.Errorf("events table: %d lines, want a header and %d rows:\n%s", lines, len(before), table)
		}
		if !strings.Contains(table, "KOR (Cho Tae-yul)") || !strings.Contains(table, "2/2") {
			t.Errorf("events table lacks the call's sides or counts:\n%s", table)
		}
	})
}

func TestStoreCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cmd.db")
	t.Setenv("SUKIEN_DB", db) // every command below finds the database through it
	mustRun(t, "ingest", writeFile(t, "news.jsonl", storeCorpus...))
	total := len(eventsOf(t))

	t.Run("search", func(t *testing.T) {
		out := mustRun(t, "search", "binh", "nhuong")
		if !strings.Contains(out, "«Bình» «Nhưỡng»") || !strings.Contains(out, "call-a") {
			t.Errorf("search binh nhuong:\n%s", out)
		}
		if strings.Contains(out, "\033[") {
			t.Errorf("search wrote ANSI codes to a buffer")
		}
		if _, _, err := run(t, context.Background(), nil, "search"); !isUsage(err) {
			t.Errorf("search without a query: %v, want a usage error", err)
		}
	})

	t.Run("export csv", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "events.csv")
		mustRun(t, "export", "--format", "csv", "--out", out)
		f, err := os.Open(out)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != total+1 || strings.Join(rows[0], ",") != strings.Join(store.CSVHeader, ",") {
			t.Fatalf("csv: %d rows, header %v; want %d events under %v", len(rows), rows[0], total, store.CSVHeader)
		}
		docs := map[string]bool{}
		for _, r := range rows[1:] {
			docs[r[len(r)-2]] = true
		}
		if !docs["call-a; call-b"] {
			t.Errorf("no row lists both reports of the call: %v", docs)
		}
	})

	t.Run("export polecat", func(t *testing.T) {
		out := mustRun(t, "export", "--format", "polecat", "--type", "CONSULT")
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if lines[0] != strings.Join(store.POLECATHeader, "\t") {
			t.Errorf("polecat header = %q", lines[0])
		}
		if len(lines) != 2 || len(strings.Split(lines[1], "\t")) != len(store.POLECATHeader) {
			t.Fatalf("polecat: want one CONSULT row of %d columns:\n%s", len(store.POLECATHeader), out)
		}
		if !strings.Contains(lines[1], "Cho Tae-yul") || !strings.Contains(lines[1], "KOR") {
			t.Errorf("polecat row lacks the actor: %q", lines[1])
		}
	})

	t.Run("actors", func(t *testing.T) {
		var out, errOut bytes.Buffer
		m := &Main{Stdout: &out, Stderr: &errOut}
		if err := m.runActorsList(context.Background(), []string{"--format", "jsonl"}); err != nil {
			t.Fatal(err, errOut.String())
		}
		stats := map[string]store.ActorStat{}
		dec := json.NewDecoder(&out)
		for dec.More() {
			var a store.ActorStat
			if err := dec.Decode(&a); err != nil {
				t.Fatal(err)
			}
			stats[a.ID] = a
		}
		cho := stats["cho-tae-yul"]
		// The call, merged from both articles, and the agreement "hai bên"
		// (the two ministers) reached in it.
		if cho.Events != 2 || cho.FirstSeen != "2024-06-19" || !contains(cho.Aliases, "Cho Tae-yul") || !contains(cho.Aliases, "Cho Tae Yul") {
			t.Errorf("cho-tae-yul = %+v, want two events and both spellings", cho)
		}
		if stats["PRK"].Events == 0 {
			t.Errorf("PRK has no events: %+v", stats)
		}
		out.Reset()
		if err := m.runActorsList(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(out.String(), "ID ") || !strings.Contains(out.String(), "Antony Blinken") {
			t.Errorf("actors table:\n%s", out.String())
		}
	})

	t.Run("channels", func(t *testing.T) {
		d, _ := dict.Load()
		defs := channelDefs(d)
		if len(defs) == 0 {
			t.Fatal("the dictionary defines no channel")
		}
		out := mustRun(t, "channels")
		for _, def := range defs {
			if !strings.Contains(out, def.Name) {
				t.Errorf("channels: no %q in\n%s", def.Name, out)
			}
		}
		one := mustRun(t, "channels", defs[0].ID)
		if !strings.HasPrefix(one, defs[0].ID+"  "+defs[0].Name) {
			t.Errorf("channels %s:\n%s", defs[0].ID, one)
		}
		if _, _, err := run(t, context.Background(), nil, "channels", "no-such-channel"); err == nil {
			t.Error("channels no-such-channel succeeded")
		}
	})

	t.Run("bad input", func(t *testing.T) {
		for _, args := range [][]string{
			{"events", "--format", "xml"},
			{"events", "--since", "June"},
			{"events", "show"},
			{"export", "--format", "xlsx"},
			{"ingest", "--batch", "0"},
		} {
			if _, _, err := run(t, context.Background(), nil, args...); !isUsage(err) {
				t.Errorf("sukien %s: %v, want a usage error", strings.Join(args, " "), err)
			}
		}
		if _, _, err := run(t, context.Background(), nil, "events", "--actor", "Xứ Sở Thần Tiên"); err == nil {
			t.Error("an unknown actor selected events")
		}
	})
}

func isUsage(err error) bool {
	var u *usageError
	return errors.As(err, &u)
}

func TestIngestReportsBadLines(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bad.db")
	path := writeFile(t, "mixed.jsonl", storeCorpus[0], `{"id": "broken", "text": `, storeCorpus[2], `{"text":"Bài không có mã."}`)
	_, stderr, err := run(t, context.Background(), nil, "ingest", "--db", db, path)
	if !errors.Is(err, errSilent) {
		t.Errorf("err = %v, want the silent failure (exit code 1)", err)
	}
	if !strings.Contains(stderr, "mixed.jsonl:2:") {
		t.Errorf("the broken line is not reported with its number:\n%s", stderr)
	}
	n := summary(t, stderr)
	if n[0] < 2 || n[5] < 1 {
		t.Errorf("summary %v: want the good documents added and the failures counted", n)
	}
	if evs := eventsOf(t, "--db", db, "--actor", "PRK"); len(evs) == 0 {
		t.Error("the document after the broken line was not stored")
	}
}

// TestIngestInterrupted cancels an ingest between batches: what was
// stored stays, the command fails, and a second run completes the work.
func TestIngestInterrupted(t *testing.T) {
	db := filepath.Join(t.TempDir(), "int.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	var stderr bytes.Buffer
	go func() {
		m := &Main{Stdin: pr, Stdout: io.Discard, Stderr: &stderr}
		done <- m.Run(ctx, []string{"ingest", "--db", db, "--batch", "1", "--workers", "1"})
	}()
	io.WriteString(pw, storeCorpus[0]+"\n")
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, n, err := st.Documents(context.Background(), 1, 0); err == nil && n == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the first batch was never stored")
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	pw.Close()
	select {
	case err := <-done:
		if err == nil || errors.Is(err, errSilent) {
			t.Errorf("interrupted ingest returned %v, want an error", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ingest did not stop")
	}
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("stderr: %q", stderr.String())
	}
	_, stderrAgain, err := run(t, context.Background(), strings.NewReader(strings.Join(storeCorpus, "\n")), "ingest", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	if n := summary(t, stderrAgain); n[0] != 2 || n[2] != 1 {
		t.Errorf("resumed ingest: %v, want 2 added and 1 unchanged", n)
	}
}

// TestIngestStoreError makes the store refuse the second document (a
// trigger): with batches stored while the next is extracted, the error is
// still reported, the batch before it stays, and no later batch is stored.
func TestIngestStoreError(t *testing.T) {
	db := filepath.Join(t.TempDir(), "fail.db")
	st, err := store.Open(context.Background(), db) // creates the schema
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	_, err = conn.Exec(`CREATE TRIGGER refuse BEFORE INSERT ON documents WHEN NEW.id = 'call-b'
		BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`)
	conn.Close()
	if err != nil {
		t.Fatal(err)
	}
	_, stderr, err := run(t, context.Background(), strings.NewReader(strings.Join(storeCorpus, "\n")),
		"ingest", "--db", db, "--batch", "1", "--workers", "2")
	if err == nil || !strings.Contains(err.Error(), "refused by the test") {
		t.Fatalf("err = %v, want the store's error\n%s", err, stderr)
	}
	st, err = store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	docs, n, err := st.Documents(context.Background(), 10, 0)
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 || docs[0].ID != "call-a" {
		t.Errorf("stored %d document(s) %+v, want call-a only", n, docs)
	}
}

func TestDictResolver(t *testing.T) {
	d, errs := dict.Load()
	if d == nil {
		t.Fatal(errs)
	}
	r := newDictResolver(d)
	for name, want := range map[string]string{
		"Hàn Quốc":       "KOR",
		"hàn quốc":       "KOR",
		"South Korea":    "KOR",
		"kor":            "KOR",
		"Bình Nhưỡng":    "PRK", // the capital stands for the state
		"Cho Tae Yul":    "cho-tae-yul",
		"cho-tae-yul":    "cho-tae-yul",
		"Antony Blinken": "antony-blinken",
	} {
		if got := r.Resolve(name); !contains(got, want) {
			t.Errorf("Resolve(%q) = %v, want %s among them", name, got, want)
		}
	}
	for _, name := range []string{"Xứ Sở Thần Tiên", "Ngoại trưởng", "miền Nam"} {
		if got := r.Resolve(name); len(got) != 0 {
			t.Errorf("Resolve(%q) = %v, want nothing", name, got)
		}
	}
}

func TestProgress(t *testing.T) {
	var b bytes.Buffer
	p := &progress{w: &b, start: time.Now()}
	for range 2500 {
		p.add(2)
	}
	if got := strings.Count(b.String(), "\n"); got != 2 {
		t.Errorf("plain progress: %d lines for 2,500 documents, want 2:\n%s", got, b.String())
	}
	if !strings.Contains(b.String(), "2000 documents") || !strings.Contains(b.String(), "4000 events") {
		t.Errorf("plain progress: %q", b.String())
	}

	b.Reset()
	p = &progress{w: &b, term: true, start: time.Now()}
	for range 100 {
		p.add(1)
	}
	if got := strings.Count(b.String(), "\r"); got != 1 {
		t.Errorf("terminal progress redrawn %d times in a burst, want once", got)
	}
	p.fail(errors.New("x.jsonl:3: invalid JSON"))
	p.finish(store.Result{Added: 100})
	if !strings.Contains(b.String(), "\r\033[Ksukien: x.jsonl:3: invalid JSON\n") || strings.Contains(b.String(), "\n\n") {
		t.Errorf("terminal progress did not clear its line for the error: %q", b.String())
	}
	if !strings.Contains(b.String(), "\r\033[Kingest: 100 added, 0 replaced, 0 unchanged, 0 events (0 merged), 1 errors in ") {
		t.Errorf("summary does not replace the status line: %q", b.String())
	}
}

func TestBoldMarks(t *testing.T) {
	if got := boldMarks.Replace("ở «Bình» «Nhưỡng»"); got != "ở \033[1mBình\033[0m \033[1mNhưỡng\033[0m" {
		t.Errorf("boldMarks = %q", got)
	}
}
