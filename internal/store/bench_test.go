package store

import (
	"context"
	"testing"
)

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
