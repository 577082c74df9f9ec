// Wakes longpoll and continuous `_changes` waiters when a commit touched their database, so a live feed
// costs nothing while idle and answers as soon as the write is durable (not merely committed).

type Waiter = () => void;

/** In-memory fan-out of "database X changed" after each commit. */
export class ChangeNotifier {
  private readonly waiters = new Map<string, Set<Waiter>>();
  private pending = new Set<string>();
  private sealed = new Set<string>();

  /** Records that `db` changed in the transaction being built; announced by `announce()`. */
  touch(db: string): void {
    this.pending.add(db);
  }

  /** Called after the commit: the databases it touched, to be announced once it is durable. */
  seal(): ReadonlySet<string> {
    for (const db of this.pending) this.sealed.add(db);
    this.pending = new Set();
    return this.sealed;
  }

  /** Called once the sealed commit is durable: wakes everyone waiting on a database it touched. */
  announce(): void {
    const dbs = this.sealed;
    this.sealed = new Set();
    for (const db of dbs) {
      const set = this.waiters.get(db);
      if (!set) continue;
      this.waiters.delete(db);
      for (const wake of set) wake();
    }
  }

  /** Wakes every waiter (shutdown: live feeds answer and end). */
  wakeAll(): void {
    const all = [...this.waiters.values()];
    this.waiters.clear();
    for (const set of all) for (const wake of set) wake();
  }

  /** Calls `wake` once, on the next change of `db`; returns a function that cancels the wait. */
  once(db: string, wake: Waiter): () => void {
    let set = this.waiters.get(db);
    if (!set) {
      set = new Set();
      this.waiters.set(db, set);
    }
    set.add(wake);
    return () => {
      set.delete(wake);
    };
  }
}
