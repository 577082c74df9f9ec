import type { HostBridge } from '@store-os/shared';
import { BehaviorSubject, type Observable } from 'rxjs';
import type { SyncLedger } from '../db/sync-ledger';
import type { TerminalDatabase } from '../db/terminal-database';
import { replayJournal, type ReplayOutcome, type ReplayProgress } from './replay-journal';

/** A journal replay running beside the screens: its progress and its end. */
export interface JournalReplay {
  readonly progress$: Observable<ReplayProgress>;
  readonly progress: ReplayProgress;
  /** Resolves when the replay ends; never rejects (a failure is in `progress.error`). */
  readonly done: Promise<ReplayOutcome>;
}

const START: ReplayProgress = {
  entries: 0,
  restored: 0,
  damaged: 0,
  done: 0,
  total: 0,
  secondsLeft: undefined,
  finished: false,
};

/**
 * Starts the replay without waiting for it: the cashier can sell from what is already local while older
 * sales are put back (a sale made meanwhile is saved and journaled like any other; the replay then finds
 * it present and leaves it).
 */
export function startJournalReplay(
  host: HostBridge,
  db: TerminalDatabase,
  ledger: SyncLedger,
): JournalReplay {
  const subject = new BehaviorSubject<ReplayProgress>(START);
  const done = replayJournal(host, db, ledger, { onProgress: (p) => subject.next(p) }).catch(
    (error: unknown): ReplayOutcome => {
      const last = subject.value;
      subject.next({
        ...last,
        finished: true,
        error: error instanceof Error ? error.message : String(error),
      });
      return { entries: last.entries, restored: last.restored, damaged: last.damaged };
    },
  );
  return {
    progress$: subject.asObservable(),
    get progress() {
      return subject.value;
    },
    done,
  };
}

/** A replay that has already finished with this outcome (tests, screens rendered without a host). */
export function finishedReplay(outcome: ReplayOutcome): JournalReplay {
  const progress: ReplayProgress = {
    ...outcome,
    done: outcome.entries,
    total: outcome.entries,
    secondsLeft: 0,
    finished: true,
  };
  return {
    progress$: new BehaviorSubject(progress).asObservable(),
    progress,
    done: Promise.resolve(outcome),
  };
}
