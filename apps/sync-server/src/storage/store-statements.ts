// Prepared statements of the embedded store, prepared once per connection.
import type Database from 'better-sqlite3';

/** A `docs` row. */
export interface DocRow {
  id: string;
  seq: number;
  winning_rev: string;
  deleted: number;
  leaves: string;
  rev_tree: string;
}

/** A `docs` row joined with the winning revision's body (null when it has none). */
export interface ChangeRow extends DocRow {
  body: string | null;
}

/** A `dbs` row. */
export interface DbRow {
  dbid: number;
  name: string;
  update_seq: number;
  doc_count: number;
  doc_del_count: number;
  instance_start_time: string;
  security: string;
}

export function prepareStatements(db: Database.Database) {
  return {
    dbByName: db.prepare<[string], DbRow>('SELECT * FROM dbs WHERE name = ?'),
    allDbs: db.prepare<[], { name: string }>('SELECT name FROM dbs ORDER BY name'),
    insertDb: db.prepare<[string, string]>('INSERT INTO dbs (name, instance_start_time) VALUES (?, ?)'),
    deleteDbRow: db.prepare<[number]>('DELETE FROM dbs WHERE dbid = ?'),
    deleteDbDocs: db.prepare<[number]>('DELETE FROM docs WHERE dbid = ?'),
    deleteDbRevs: db.prepare<[number]>('DELETE FROM revs WHERE dbid = ?'),
    deleteDbLocal: db.prepare<[number]>('DELETE FROM local_docs WHERE dbid = ?'),
    dbHead: db.prepare<[number], Pick<DbRow, 'update_seq' | 'doc_count' | 'doc_del_count'>>(
      'SELECT update_seq, doc_count, doc_del_count FROM dbs WHERE dbid = ?',
    ),
    setDbHead: db.prepare<[number, number, number, number]>(
      'UPDATE dbs SET update_seq = ?, doc_count = ?, doc_del_count = ? WHERE dbid = ?',
    ),
    setSecurity: db.prepare<[string, number]>('UPDATE dbs SET security = ? WHERE dbid = ?'),
    getDoc: db.prepare<[number, string], DocRow>(
      'SELECT id, seq, winning_rev, deleted, leaves, rev_tree FROM docs WHERE dbid = ? AND id = ?',
    ),
    getWinner: db.prepare<[number, string], ChangeRow>(
      `SELECT d.id, d.seq, d.winning_rev, d.deleted, d.leaves, d.rev_tree, r.body FROM docs d
       LEFT JOIN revs r ON r.dbid = d.dbid AND r.id = d.id AND r.rev = d.winning_rev
       WHERE d.dbid = ? AND d.id = ?`,
    ),
    putDoc: db.prepare<[number, string, number, string, number, string, string]>(
      'INSERT OR REPLACE INTO docs (dbid, id, seq, winning_rev, deleted, leaves, rev_tree) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    getRev: db.prepare<[number, string, string], { body: string }>(
      'SELECT body FROM revs WHERE dbid = ? AND id = ? AND rev = ?',
    ),
    putRev: db.prepare<[number, string, string, string]>(
      'INSERT OR REPLACE INTO revs (dbid, id, rev, body) VALUES (?, ?, ?, ?)',
    ),
    changes: db.prepare<[number, number, number], ChangeRow>(
      `SELECT d.id, d.seq, d.winning_rev, d.deleted, d.leaves, '' AS rev_tree, NULL AS body FROM docs d
       WHERE d.dbid = ? AND d.seq > ? ORDER BY d.seq LIMIT ?`,
    ),
    changesWithDocs: db.prepare<[number, number, number], ChangeRow>(
      `SELECT d.id, d.seq, d.winning_rev, d.deleted, d.leaves, '' AS rev_tree, r.body FROM docs d
       LEFT JOIN revs r ON r.dbid = d.dbid AND r.id = d.id AND r.rev = d.winning_rev
       WHERE d.dbid = ? AND d.seq > ? ORDER BY d.seq LIMIT ?`,
    ),
    getLocal: db.prepare<[number, string], { rev: string; body: string }>(
      'SELECT rev, body FROM local_docs WHERE dbid = ? AND id = ?',
    ),
    putLocal: db.prepare<[number, string, string, string]>(
      'INSERT OR REPLACE INTO local_docs (dbid, id, rev, body) VALUES (?, ?, ?, ?)',
    ),
    deleteLocal: db.prepare<[number, string]>('DELETE FROM local_docs WHERE dbid = ? AND id = ?'),
    getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
    putMeta: db.prepare<[string, string]>('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
  };
}

export type StoreStatements = ReturnType<typeof prepareStatements>;
