//go:build race

package ingest

// The race detector slows JSON decoding tenfold; large inputs shrink under it.
func init() { raceEnabled = true }
