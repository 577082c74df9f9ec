import { useObservable } from '../app/use-observable';
import type { JournalReplay } from './journal-replay';
import { replayRunningText } from './replay-message';

/** While journaled sales are being put back: how many of how many, and about how long is left. */
export function ReplayStatus({ replay }: { replay: JournalReplay }) {
  const progress = useObservable(replay.progress$, replay.progress);
  const text = replayRunningText(progress);
  if (text === '') return null;
  return (
    <p className="replay-status" role="status" aria-label="Journal replay" data-testid="journal-replay">
      <progress max={progress.total} value={progress.done} aria-hidden="true" />
      <span>{text}</span>
    </p>
  );
}
