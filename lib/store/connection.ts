// Apart from db.ts so that migrate.ts and the backends, which db.ts imports, name it without an import cycle.
/**
 * The little SQL surface the store needs. Both backends speak PostgreSQL: one dialect, `$1`
 * placeholders, and the same SQL text everywhere.
 */
export interface Db {
  /** Which backend answers: embedded PGlite or a PostgreSQL server. */
  readonly backend: 'pglite' | 'postgres';
  /** Runs one statement with `$n` parameters and returns its rows. */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs one or more statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` in a transaction: COMMIT when it resolves, ROLLBACK when it throws. It resolves
   * only after the commit is durable. Inside `fn`, `tx.transaction` joins the same transaction.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /** Releases the connection(s); further calls fail. */
  close(): Promise<void>;
}
