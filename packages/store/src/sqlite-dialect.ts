import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';

/** Booleans are not SQLite values; everything else Kysely sends is (numbers, strings, null, bytes). */
function toSqlite(parameters: ReadonlyArray<unknown>): SQLInputValue[] {
  return parameters.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : (p as SQLInputValue)));
}

/**
 * Adapts Node's built-in `node:sqlite` to the database interface Kysely's SqliteDialect drives.
 * better-sqlite3 would need a native build that Node 24 cannot get here; node:sqlite needs none.
 * Prepared statements are cached: the same few queries run thousands of times.
 */
class NodeSqliteDatabase implements SqliteDatabase {
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, SqliteStatement>();

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  close(): void {
    this.#statements.clear();
    this.#db.close();
  }

  prepare(sql: string): SqliteStatement {
    const cached = this.#statements.get(sql);
    if (cached) return cached;
    const stmt: StatementSync = this.#db.prepare(sql);
    const statement: SqliteStatement = {
      reader: stmt.columns().length > 0,
      all: (parameters) => stmt.all(...toSqlite(parameters)),
      run: (parameters) => stmt.run(...toSqlite(parameters)),
      iterate: (parameters) => stmt.iterate(...toSqlite(parameters)),
    };
    // Ad-hoc statements (migrations, PRAGMAs) are few; cap the cache so it cannot grow without bound.
    if (this.#statements.size < 500) this.#statements.set(sql, statement);
    return statement;
  }
}

export interface SqliteOptions {
  /** A file path, or ':memory:'. */
  path: string;
}

/**
 * Opens the SQLite file for unknot: WAL so readers never block the writer, synchronous=FULL so a
 * commit is on disk (WAL fsync'd) before it returns — a write is acknowledged only once it would survive
 * a crash or power loss. Foreign keys on, so deleting an episode deletes what hangs under it.
 * secure_delete on, so deleted records are overwritten with zeros rather than left readable in free pages.
 */
export function createSqliteDialect({ path }: SqliteOptions): SqliteDialect {
  return new SqliteDialect({
    database: () => {
      const db = new DatabaseSync(path);
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = FULL');
      db.exec('PRAGMA foreign_keys = ON');
      db.exec('PRAGMA secure_delete = ON');
      db.exec('PRAGMA busy_timeout = 5000');
      return Promise.resolve(new NodeSqliteDatabase(db));
    },
  });
}
