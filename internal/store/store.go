package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"

	"github.com/sukien/sukien"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DefaultPath is the SQLite file Open uses for an empty DSN.
const DefaultPath = "sukien.db"

// Resolver maps a name as a user types it (a code, a canonical name or a
// Vietnamese alias) to actor ids: ISO3 codes for states, dictionary ids for
// persons and organisations. The dictionary package provides one.
type Resolver interface {
	Resolve(name string) (ids []string)
}

// Store is an event database. It is safe for concurrent use; SetResolver and
// SetChannels must be called before the Store is shared.
type Store struct {
	db       *sql.DB
	dialect  dialect
	resolver Resolver
	channels []ChannelDef
	writer   *writerConn // SQLite files: Ingest's connection and statements
}

// writerConn is the connection Ingest writes through on a SQLite file, kept
// with the statements prepared on it: preparing them again in every
// transaction (the multi-row INSERTs are long) cost ~4% of Ingest. Its
// mutex is held for a whole Ingest, which SQLite serialises anyway.
type writerConn struct {
	mu    sync.Mutex
	conn  *sql.Conn // nil until the first Ingest, and after an error
	stmts map[string]*sql.Stmt
}

// maxKept bounds the statements a writerConn keeps; those over it are
// prepared in their transaction, as on PostgreSQL. The multi-row INSERTs
// come in a few sizes (see rowBuffer.write); IN lists in many.
const maxKept = 256

// reset closes the connection and its statements, so that the next Ingest
// starts on a fresh one: after an error the connection's state is unknown.
func (wc *writerConn) reset() {
	for _, st := range wc.stmts {
		st.Close()
	}
	wc.stmts = nil
	if wc.conn != nil {
		wc.conn.Close()
		wc.conn = nil
	}
}

// dialect holds everything that differs between the engines.
type dialect int

const (
	sqlite dialect = iota
	postgres
)

func (d dialect) String() string {
	if d == postgres {
		return "postgres"
	}
	return "sqlite"
}

// Open opens the database named by dsn and applies pending migrations.
// An empty dsn means DefaultPath; "postgres://" and "postgresql://" URLs
// open PostgreSQL; anything else (a path, "file:...", ":memory:") SQLite.
func Open(ctx context.Context, dsn string) (*Store, error) {
	if dsn == "" {
		dsn = DefaultPath
	}
	var (
		db  *sql.DB
		d   dialect
		err error
	)
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		d = postgres
		db, err = sql.Open("pgx", dsn)
	} else {
		d = sqlite
		db, err = sql.Open("sqlite", sqliteDSN(dsn))
		if err == nil && strings.Contains(dsn, ":memory:") {
			// Every connection to :memory: is a database of its own.
			db.SetMaxOpenConns(1)
		}
	}
	if err != nil {
		return nil, sukien.Errorf(sukien.EINVALID, "open %s: %v", redact(dsn), err)
	}
	s := &Store{db: db, dialect: d}
	if d == sqlite && !strings.Contains(dsn, ":memory:") && !strings.Contains(dsn, "mode=memory") {
		// Not for an in-memory database: its single connection is shared.
		s.writer = &writerConn{}
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, sukien.Errorf(sukien.EINTERNAL, "open %s: %v", redact(dsn), err)
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// sqliteDSN adds the pragmas the store relies on: a busy timeout so that
// concurrent writers wait instead of failing, WAL for readers alongside a
// writer, and immediate transactions so that a writer takes its lock up front;
// and, for speed, a 16 MB page cache and statement journals in memory.
func sqliteDSN(dsn string) string {
	name := dsn
	if !strings.HasPrefix(name, "file:") {
		name = "file:" + name
	}
	sep := "?"
	if strings.Contains(name, "?") {
		sep = "&"
	}
	name += sep + "_pragma=busy_timeout(10000)&_txlock=immediate"
	if !strings.Contains(dsn, ":memory:") && !strings.Contains(dsn, "mode=memory") {
		name += "&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-16384)&_pragma=temp_store(memory)"
	}
	return name
}

// redact hides a password in a PostgreSQL URL.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	return u.Redacted()
}

// Close closes the database.
func (s *Store) Close() error {
	if s.writer != nil {
		s.writer.mu.Lock()
		s.writer.reset()
		s.writer.mu.Unlock()
	}
	return s.db.Close()
}

// SetResolver sets the name resolver used by filters and Actor look-ups, in
// addition to the names and aliases the store has seen.
func (s *Store) SetResolver(r Resolver) { s.resolver = r }

// SetChannels sets the channel definitions (from channels.dict), so that
// Channels lists every defined channel, even one with no session stored.
func (s *Store) SetChannels(defs []ChannelDef) { s.channels = defs }

// migration is one embedded SQL file, "NNNN_name.sql" for every engine or
// "NNNN_name.ENGINE.sql" for one.
type migration struct {
	version int
	name    string
}

func (s *Store) pending() ([]migration, error) {
	entries, err := fs.ReadDir(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		base := strings.TrimSuffix(e.Name(), ".sql")
		if i := strings.IndexByte(base, '.'); i >= 0 && base[i+1:] != s.dialect.String() {
			continue
		}
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a version number", e.Name())
		}
		ms = append(ms, migration{v, e.Name()})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// migrate applies the embedded migrations not yet recorded in
// schema_migrations, each in its own transaction.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
	version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return sukien.Errorf(sukien.EINTERNAL, "migrate: %v", err)
	}
	ms, err := s.pending()
	if err != nil {
		return sukien.Errorf(sukien.EINTERNAL, "migrate: %v", err)
	}
	applied := map[int]bool{}
	rows, err := s.db.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return sukien.Errorf(sukien.EINTERNAL, "migrate: %v", err)
	}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return sukien.Errorf(sukien.EINTERNAL, "migrate: %v", err)
		}
		applied[v] = true
	}
	rows.Close()
	for _, m := range ms {
		if applied[m.version] {
			continue
		}
		body, err := migrations.ReadFile("migrations/" + m.name)
		if err != nil {
			return sukien.Errorf(sukien.EINTERNAL, "migrate: %v", err)
		}
		err = s.inTx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, s.rebind(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
				m.version, m.name, now())
			return err
		})
		if err != nil {
			return sukien.Errorf(sukien.EINTERNAL, "migration %s: %v", m.name, err)
		}
	}
	return nil
}

// SchemaVersion reports the highest migration applied.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

// inTx runs fn in a transaction, committed when fn returns nil.
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// rebind turns the ? placeholders the queries are written with into
// PostgreSQL's $1, $2, ... The queries hold no ? inside literals.
func (s *Store) rebind(query string) string {
	if s.dialect != postgres || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// queryer is what *sql.DB and *sql.Tx have in common.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// placeholders returns "?, ?, ?" for n values.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

func now() string { return time.Now().UTC().Format(time.RFC3339) }

func internal(op string, err error) error {
	if err == nil {
		return nil
	}
	if sukien.ErrorCode(err) != sukien.EINTERNAL {
		return err
	}
	return sukien.Errorf(sukien.EINTERNAL, "%s: %v", op, err)
}
