package serve

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/sukien/sukien/internal/store"
)

// memo remembers the results of expensive read-only queries (overview
// aggregates, the network, searches) for a short time, and runs one query
// per key at a time: fifty clients opening the overview at once wait for
// one aggregation instead of running fifty. An ingest through the server
// clears it; writes by another process show within the TTL.
type memo struct {
	ttl time.Duration // <= 0 disables the cache

	mu      sync.Mutex
	entries map[string]*memoEntry
}

type memoEntry struct {
	done chan struct{} // closed when val and err are set
	at   time.Time
	val  any
	err  error
}

// memoMaxEntries bounds the memory the cache holds: past it, the cache
// starts over.
const memoMaxEntries = 512

// memoQueryTimeout bounds a shared query, which outlives the request that
// started it when that client goes away.
const memoQueryTimeout = 55 * time.Second

func newMemo(ttl time.Duration) *memo {
	return &memo{ttl: ttl, entries: map[string]*memoEntry{}}
}

// do returns the value cached under key, or runs fn once for all the
// callers waiting on key. Errors are returned to the waiting callers but
// not kept.
func (m *memo) do(ctx context.Context, key string, fn func(context.Context) (any, error)) (any, error) {
	if m == nil || m.ttl <= 0 {
		return fn(ctx)
	}
	m.mu.Lock()
	e, ok := m.entries[key]
	if ok {
		select {
		case <-e.done:
			if time.Since(e.at) > m.ttl || e.err != nil {
				ok = false
			}
		default: // in flight: wait for it below
		}
	}
	if !ok {
		if len(m.entries) >= memoMaxEntries {
			m.entries = map[string]*memoEntry{}
		}
		e = &memoEntry{done: make(chan struct{})}
		m.entries[key] = e
		m.mu.Unlock()
		qctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), memoQueryTimeout)
		e.val, e.err = fn(qctx)
		cancel()
		e.at = time.Now()
		close(e.done)
		return e.val, e.err
	}
	m.mu.Unlock()
	select {
	case <-e.done:
		return e.val, e.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// clear forgets everything: the store has changed.
func (m *memo) clear() {
	if m == nil {
		return
	}
	m.mu.Lock()
	m.entries = map[string]*memoEntry{}
	m.mu.Unlock()
}

// cached is memo.do with the result's type.
func cached[T any](ctx context.Context, m *memo, key string, fn func(context.Context) (T, error)) (T, error) {
	v, err := m.do(ctx, key, func(ctx context.Context) (any, error) { return fn(ctx) })
	if err != nil {
		var zero T
		return zero, err
	}
	return v.(T), nil
}

// The store's expensive reads, through the cache. Callers get copies they
// may change.

func (s *Server) stats(ctx context.Context, f store.EventFilter) (*store.Stats, error) {
	st, err := cached(ctx, s.memo, fmt.Sprintf("stats %#v", f), func(ctx context.Context) (*store.Stats, error) {
		return s.st.Stats(ctx, f)
	})
	if err != nil {
		return nil, err
	}
	c := *st
	c.ByType, c.ByMonth, c.ByPair = slices.Clone(st.ByType), slices.Clone(st.ByMonth), slices.Clone(st.ByPair)
	return &c, nil
}

func (s *Server) actors(ctx context.Context) ([]store.ActorStat, error) {
	as, err := cached(ctx, s.memo, "actors", s.st.Actors)
	return slices.Clone(as), err
}

func (s *Server) search(ctx context.Context, q string, limit int) ([]store.Hit, error) {
	hs, err := cached(ctx, s.memo, fmt.Sprintf("search %d %s", limit, q), func(ctx context.Context) ([]store.Hit, error) {
		return s.st.Search(ctx, q, limit)
	})
	return slices.Clone(hs), err
}

func (s *Server) documentCount(ctx context.Context) (int, error) {
	return cached(ctx, s.memo, "documents", func(ctx context.Context) (int, error) {
		_, n, err := s.st.Documents(ctx, 1, 0)
		return n, err
	})
}
