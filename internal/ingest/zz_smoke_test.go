package ingest

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZSmoke(t *testing.T) {
	paths := strings.Fields(os.Getenv("SMOKE"))
	if len(paths) == 0 {
		t.Skip()
	}
	n := 0
	err := Read(context.Background(), paths, Options{}, func(it Item) error {
		n++
		if it.Err != nil {
			fmt.Println("ERR", it.Err)
			return nil
		}
		tx := []rune(it.Doc.Text)
		if len(tx) > 70 {
			tx = tx[:70]
		}
		fmt.Printf("%s | %s | %q | %s:%d | %d | %s | %q\n", it.Doc.ID, it.Doc.Published, it.Doc.Title, it.Doc.Source, it.Doc.Line, len(it.Doc.Text), it.Encoding, string(tx))
		return nil
	})
	fmt.Println(n, err)
}
