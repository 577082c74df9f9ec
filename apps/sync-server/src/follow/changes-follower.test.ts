// The shared changes-following loop against an in-memory target: pages to the end, resumes from the
// saved checkpoint after a restart or a failed page (nothing lost, nothing counted twice), collects
// notifications, ignores databases it does not follow, and does nothing after stop.
import { describe, expect, it } from 'vitest';
import { ChangesFollower, type ChangesPage } from './changes-follower';

type Row = { id: string; value: number };

/** Database logs with a checkpoint per database and per-id state (so replays are idempotent). */
class MemoryDbs {
  readonly logs = new Map<string, Row[]>();
  readonly checkpoints = new Map<string, string>();
  readonly state = new Map<string, number>();
  readonly pagesRead: { db: string; since: string | undefined }[] = [];
  failOnId: string | undefined;

  write(db: string, ...rows: Row[]): void {
    this.logs.set(db, [...(this.logs.get(db) ?? []), ...rows]);
  }
  total(): number {
    return [...this.state.values()].reduce((a, b) => a + b, 0);
  }
}

class MemoryFollower extends ChangesFollower<Row> {
  constructor(
    private readonly dbs: MemoryDbs,
    onError: (error: unknown) => void = () => undefined,
  ) {
    super({ pageSize: 3, notifyDelayMs: 1 }, onError);
  }
  protected databases(): Promise<string[]> {
    return Promise.resolve([...this.dbs.logs.keys()].filter((db) => this.follows(db)));
  }
  protected follows(db: string): boolean {
    return db.startsWith('store-');
  }
  protected readCheckpoint(db: string): Promise<string | undefined> {
    return Promise.resolve(this.dbs.checkpoints.get(db));
  }
  protected changes(db: string, since: string | undefined, limit: number): Promise<ChangesPage<Row>> {
    this.dbs.pagesRead.push({ db, since });
    const from = Number(since ?? 0);
    const rows = (this.dbs.logs.get(db) ?? []).slice(from, from + limit);
    return Promise.resolve({ rows, lastSeq: String(from + rows.length) });
  }
  protected apply(db: string, page: ChangesPage<Row>): Promise<void> {
    for (const row of page.rows) {
      if (row.id === this.dbs.failOnId) return Promise.reject(new Error(`cannot apply ${row.id}`));
      this.dbs.state.set(`${db}/${row.id}`, row.value);
    }
    this.dbs.checkpoints.set(db, page.lastSeq);
    return Promise.resolve();
  }
}

const rows = (prefix: string, n: number): Row[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, value: 1 }));

describe('changes follower', () => {
  it('walks every followed database to its end, page by page, and saves each checkpoint', async () => {
    const target = new MemoryDbs();
    target.write('store-a', ...rows('a', 7));
    target.write('store-b', ...rows('b', 2));
    target.write('catalog', ...rows('c', 5));
    const follower = new MemoryFollower(target);
    await follower.catchUp();
    expect(target.total()).toBe(9);
    expect(follower.applied).toBe(9);
    expect(target.checkpoints).toEqual(
      new Map([
        ['store-a', '7'],
        ['store-b', '2'],
      ]),
    );
    // 7 rows in pages of 3: three pages, the last one short, so no extra empty read.
    expect(target.pagesRead.filter((p) => p.db === 'store-a').map((p) => p.since)).toEqual([
      undefined,
      '3',
      '6',
    ]);
  });

  it('resumes from the saved checkpoint after a restart and after a page that failed', async () => {
    const target = new MemoryDbs();
    target.write('store-a', ...rows('a', 5));
    target.failOnId = 'a4';
    const first = new MemoryFollower(target);
    await expect(first.catchUp()).rejects.toThrow('cannot apply a4');
    // The first page was applied and checkpointed; the failed one was not checkpointed.
    expect(target.checkpoints.get('store-a')).toBe('3');
    await first.stop();

    target.failOnId = undefined;
    target.write('store-a', ...rows('x', 1));
    target.pagesRead.length = 0;
    const second = new MemoryFollower(target);
    await second.catchUp();
    expect(target.pagesRead[0]).toEqual({ db: 'store-a', since: '3' });
    expect(target.checkpoints.get('store-a')).toBe('6');
    // a3 was applied by the failed page and again after the restart: counted once.
    expect(target.total()).toBe(6);
  });

  it('still follows notified writes after a catch-up failed (the failure is reported once)', async () => {
    const target = new MemoryDbs();
    const errors: unknown[] = [];
    const follower = new MemoryFollower(target, (e) => errors.push(e));
    target.write('store-a', ...rows('a', 2));
    target.failOnId = 'a1';
    await expect(follower.catchUp()).rejects.toThrow('cannot apply a1');

    target.failOnId = undefined;
    target.write('store-a', ...rows('n', 1));
    follower.notify('store-a');
    await follower.idle();
    expect(target.total()).toBe(3);
    expect(target.checkpoints.get('store-a')).toBe('3');
    // The catch-up's caller got its failure; onError is not told it again by the next walk.
    expect(errors).toEqual([]);
    await follower.stop();
  });

  it('collects notifications into one walk and ignores databases it does not follow', async () => {
    const target = new MemoryDbs();
    const errors: unknown[] = [];
    const follower = new MemoryFollower(target, (e) => errors.push(e));
    target.write('store-a', ...rows('a', 2));
    follower.notify('store-a');
    follower.notify('store-a');
    target.write('catalog', ...rows('c', 2));
    follower.notify('catalog');
    await follower.idle();
    expect(target.total()).toBe(2);
    expect(target.pagesRead).toEqual([{ db: 'store-a', since: undefined }]);

    target.write('store-a', ...rows('n', 1));
    follower.notify('store-a');
    await follower.idle();
    expect(target.total()).toBe(3);
    expect(errors).toEqual([]);
  });

  it('reports a failure of a notified walk to onError and follows nothing after stop', async () => {
    const target = new MemoryDbs();
    const errors: unknown[] = [];
    const follower = new MemoryFollower(target, (e) => errors.push(e));
    target.write('store-a', { id: 'bad', value: 1 });
    target.failOnId = 'bad';
    follower.notify('store-a');
    await follower.idle();
    expect(errors).toHaveLength(1);

    await follower.stop();
    target.failOnId = undefined;
    follower.notify('store-a');
    await follower.idle();
    expect(target.total()).toBe(0);
  });
});
