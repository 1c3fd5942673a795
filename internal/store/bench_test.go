package store

import (
	"context"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"
)

// cpuTime returns the user and system CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkIngest(b *testing.B) {
	s := openSQLite(b)
	ctx := context.Background()
	i := 0
	for b.Loop() {
		if _, err := s.Ingest(ctx, []Article{genArticle(i)}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkSearch(b *testing.B) {
	s := openSQLite(b)
	ctx := context.Background()
	for _, batch := range genBatches(100, 10) {
		if _, err := s.Ingest(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		hits, err := s.Search(ctx, "hoi dam hop tac KOR", 20)
		if err != nil || len(hits) != 20 {
			b.Fatal(len(hits), err)
		}
	}
}

func BenchmarkFold(b *testing.B) {
	const s = "Thứ trưởng Ngoại giao Hàn Quốc đã hội đàm với người đồng cấp Trung Quốc tại Seoul về vấn đề Bình Nhưỡng."
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Fold(s)
	}
}

// BenchmarkIngestBatch stores synthetic documents in batches of 200, as
// `sukien ingest` does, into a database that grows over the run.
func BenchmarkIngestBatch(b *testing.B) {
	for _, backend := range []string{"sqlite", "postgres"} {
		b.Run(backend, func(b *testing.B) {
			var s *Store
			if backend == "sqlite" {
				s = openSQLite(b)
			} else {
				s = openPostgres(b)
			}
			ctx := context.Background()
			r := rand.New(rand.NewPCG(1, 2))
			const size = 200
			i, events := 0, 0
			cpu := cpuTime()
			for b.Loop() {
				batch := make([]Article, size)
				for k := range batch {
					batch[k] = synthArticle(r, i, 50)
					i++
				}
				res, err := s.Ingest(ctx, batch)
				if err != nil {
					b.Fatal(err)
				}
				if res.Added != size {
					b.Fatalf("%+v", res)
				}
				events += res.Events
			}
			b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "docs/s")
			// CPU time of the process (on PostgreSQL, the client's only):
			// steadier than docs/s on a shared machine.
			b.ReportMetric(float64(cpuTime()-cpu)/float64(time.Millisecond)/float64(i), "cpu-ms/doc")
			b.ReportMetric(float64(events)/float64(i), "records/doc")
		})
	}
}
