package main

import (
	"context"
	"os"

	"github.com/sukien/sukien/internal/eval"
)

func (m *Main) runEval(ctx context.Context, args []string) error {
	fs := m.newFlags("eval", "--gold GOLD.jsonl --pred EVENTS.jsonl [--show]")
	goldPath := fs.String("gold", "", "gold events (JSON Lines)")
	predPath := fs.String("pred", "", "predicted events (JSON Lines); - for standard input")
	show := fs.Bool("show", false, "list missed and extra events")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *goldPath == "" || *predPath == "" {
		return &usageError{"eval needs --gold and --pred"}
	}
	gold, err := readRecords(*goldPath, m)
	if err != nil {
		return err
	}
	pred, err := readRecords(*predPath, m)
	if err != nil {
		return err
	}
	eval.Score(gold, pred).Write(m.Stdout, *show)
	return nil
}

func readRecords(path string, m *Main) ([]eval.Record, error) {
	if path == "-" {
		return eval.Read(m.Stdin, "stdin")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return eval.Read(f, path)
}
