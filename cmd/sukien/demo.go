package main

import (
	"context"
	"fmt"
)

func (m *Main) runDemo(ctx context.Context, args []string) error {
	return fmt.Errorf("demo: not yet")
}
