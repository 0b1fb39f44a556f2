// The ledger's one connection as the store's modules use it: each statement prepared once (on first
// use, so a ledger opened at an older schema in a migration test only prepares what it runs), and one
// unit of work. Only store/ imports this file; everything else goes through Ledger (ledger.ts).
import type Database from 'better-sqlite3';

export class Connection {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  /** The prepared statement for this SQL text, prepared the first time it is asked for. */
  statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Runs `work` in one write transaction (BEGIN IMMEDIATE: no other writer can slip in between its
   * reads and writes); inside one already, as a savepoint of it.
   */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }
}
