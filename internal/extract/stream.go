package extract

import (
	"context"
	"runtime"
	"sync"

	"github.com/sukien/sukien"
)

// Job is one document to extract, or one input that could not be read
// (Err set), which passes through in order so the caller can report it.
type Job struct {
	Doc sukien.Document
	Err error
}

// Done is a job with its result.
type Done struct {
	Job
	Result Result
}

// Stream extracts the jobs sent on in with `workers` goroutines (all cores
// when workers <= 0) and calls emit with the results in input order. At
// most 2×workers documents are in flight, so memory stays bounded however
// long the input is. It returns when in is closed and drained, when emit
// returns an error, or when ctx is cancelled.
func (x *Extractor) Stream(ctx context.Context, workers int, in <-chan Job, emit func(Done) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type slot struct {
		job Job
		out chan Done
	}
	work := make(chan slot)
	order := make(chan chan Done, 2*workers)

	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for sl := range work {
				d := Done{Job: sl.job}
				if sl.job.Err == nil {
					d.Result = x.Extract(sl.job.Doc)
				}
				sl.out <- d
			}
		}()
	}
	go func() {
		defer close(order)
		defer close(work)
		for {
			var job Job
			var ok bool
			select {
			case <-ctx.Done():
				return
			case job, ok = <-in:
				if !ok {
					return
				}
			}
			out := make(chan Done, 1)
			select {
			case order <- out:
			case <-ctx.Done():
				return
			}
			select {
			case work <- slot{job, out}:
			case <-ctx.Done():
				return
			}
		}
	}()

	var err error
	for out := range order {
		var d Done
		select {
		case d = <-out:
		case <-ctx.Done():
		}
		if err == nil && ctx.Err() == nil {
			if err = emit(d); err != nil {
				cancel()
			}
		}
	}
	wg.Wait()
	if err != nil {
		return err
	}
	return ctx.Err()
}
