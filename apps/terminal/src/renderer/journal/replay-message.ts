import type { ReplayProgress } from './replay-journal';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The replay while it runs, for the header: "120 of 500 sales restored, about 3 s left". Empty once done. */
export function replayRunningText(progress: ReplayProgress): string {
  if (progress.finished || progress.total === 0) return '';
  const left = progress.secondsLeft === undefined ? '' : `, about ${progress.secondsLeft} s left`;
  return `${progress.done} of ${plural(progress.total, 'sale')} restored${left}`;
}

/** What a finished replay did, in words, when it did anything the cashier should know; else empty. */
export function replayOutcomeText(progress: ReplayProgress): string {
  if (!progress.finished) return '';
  const { restored, damaged } = progress;
  const parts = [
    restored > 0 ? `Restored ${plural(restored, 'sale')} from the journal.` : '',
    damaged > 0
      ? `${damaged} journal line${damaged === 1 ? ' is' : 's are'} unreadable; tell the store manager.`
      : '',
    progress.error !== undefined
      ? `Restoring sales from the journal stopped: ${progress.error} Restart the terminal to try again.`
      : '',
  ];
  return parts.filter(Boolean).join(' ');
}
