package store

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/sukien/sukien"
)

var pairs = [][2]string{{"KOR", "CHN"}, {"KOR", "USA"}, {"USA", "PRK"}, {"JPN", "KOR"}, {"RUS", "PRK"}, {"CHN", "JPN"}}

// genArticle makes the i-th article of a synthetic corpus: two events a
// document, reported again (with other words) by later documents.
func genArticle(i int) Article {
	p := pairs[i%len(pairs)]
	day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, (i/3)%90)
	d := day.Format("2006-01-02")
	s1 := fmt.Sprintf("Ngày %d/%d, đại diện %s và %s đã hội đàm về hợp tác kinh tế, bản tin số %d.", day.Day(), day.Month(), p[0], p[1], i)
	s2 := fmt.Sprintf("Phía %s lên án các vụ phóng tên lửa của %s trong bài viết thứ %d.", p[0], p[1], i)
	s3 := fmt.Sprintf("Các chuyên gia nhận định quan hệ song phương còn nhiều thách thức, theo nguồn tin %d.", i)
	consult := event("CONSULT", d, s1, []sukien.Actor{country(p[0], p[0])}, []sukien.Actor{country(p[1], p[1])})
	accuse := event("ACCUSE", d, s2, []sukien.Actor{country(p[0], "Phía "+p[0])}, []sukien.Actor{country(p[1], p[1])})
	return article(fmt.Sprintf("gen-%05d", i), fmt.Sprintf("Báo %d", i%7), d,
		[]string{fmt.Sprintf("Tin quan hệ %s-%s số %d", p[0], p[1], i), s1, s2, s3}, consult, accuse)
}

func genBatches(n, size int) [][]Article {
	var out [][]Article
	for i := 0; i < n; i++ {
		var b []Article
		for j := 0; j < size; j++ {
			b = append(b, genArticle(i*size+j))
		}
		out = append(out, b)
	}
	return out
}

const childDSN = "SUKIEN_STORE_TEST_CHILD_DSN"

// TestKilledIngestRerun kills (SIGKILL) a process in the middle of a
// sequence of ingests, then reruns the whole sequence: the database must
// end up as if the first run had never been interrupted.
func TestKilledIngestRerun(t *testing.T) {
	if dsn := os.Getenv(childDSN); dsn != "" {
		s, err := Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range genBatches(60, 5) {
			if _, err := s.Ingest(context.Background(), b); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	run := func(t *testing.T, dsn, freshDSN string) {
		ctx := context.Background()
		s, err := Open(ctx, dsn) // migrate before the child starts
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		cmd := exec.Command(os.Args[0], "-test.run=^TestKilledIngestRerun$")
		cmd.Env = append(os.Environ(), childDSN+"="+dsn)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(30 * time.Second)
		for {
			_, n, err := s.Documents(ctx, 1, 0)
			if err == nil && n >= 20 {
				break
			}
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("child stored no documents in time (%v)", err)
			}
			time.Sleep(5 * time.Millisecond)
		}
		cmd.Process.Kill()
		cmd.Wait()
		_, killedAt, _ := s.Documents(ctx, 1, 0)
		if killedAt%5 != 0 {
			t.Errorf("a half-written batch is visible: %d documents", killedAt)
		}
		consistent(t, s)

		for _, b := range genBatches(60, 5) {
			if _, err := s.Ingest(ctx, b); err != nil {
				t.Fatal(err)
			}
		}
		consistent(t, s)
		fresh, err := Open(ctx, freshDSN)
		if err != nil {
			t.Fatal(err)
		}
		defer fresh.Close()
		for _, b := range genBatches(60, 5) {
			if _, err := fresh.Ingest(ctx, b); err != nil {
				t.Fatal(err)
			}
		}
		if got, want := counts(t, s), counts(t, fresh); !equalMaps(got, want) {
			t.Errorf("after kill and rerun %v, uninterrupted %v", got, want)
		}
		t.Logf("killed after %d documents", killedAt)
	}
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		run(t, filepath.Join(dir, "killed.db"), filepath.Join(dir, "fresh.db"))
	})
	t.Run("postgres", func(t *testing.T) {
		run(t, postgresDSN(t), postgresDSN(t))
	})
}

// consistent checks that every stored row belongs to something stored.
func consistent(t *testing.T, s *Store) {
	t.Helper()
	for _, q := range []string{
		`SELECT COUNT(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.id)`,
		`SELECT COUNT(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = m.event_id)`,
		`SELECT COUNT(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = m.doc_id)`,
		`SELECT COUNT(*) FROM sentences s WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = s.doc_id)`,
		`SELECT COUNT(*) FROM documents d WHERE (SELECT COUNT(*) FROM mentions m WHERE m.doc_id = d.id) <> 2`,
		`SELECT COUNT(*) FROM events e WHERE e.num_sources <> (SELECT COUNT(DISTINCT m.doc_id) FROM mentions m WHERE m.event_id = e.id)`,
	} {
		var n int
		if err := s.db.QueryRow(q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%d rows: %s", n, q)
		}
	}
}
