package main

import (
	"context"
	"fmt"
)

func (m *Main) runDict(ctx context.Context, args []string) error {
	return fmt.Errorf("dict: not yet")
}

func (m *Main) runActors(ctx context.Context, args []string) error {
	return fmt.Errorf("actors: not yet")
}
