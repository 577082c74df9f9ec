import { describe, expect, it } from 'vitest';
import type { ReplayProgress } from './replay-journal';
import { replayOutcomeText, replayRunningText } from './replay-message';

const running: ReplayProgress = {
  entries: 120,
  restored: 118,
  damaged: 0,
  done: 120,
  total: 500,
  secondsLeft: 3,
  finished: false,
};

describe('what the cashier reads about the journal replay', () => {
  it('says how many of how many sales are back and about how long is left while it runs', () => {
    expect(replayRunningText(running)).toBe('120 of 500 sales restored, about 3 s left');
    expect(replayRunningText({ ...running, done: 0, secondsLeft: undefined })).toBe(
      '0 of 500 sales restored',
    );
    expect(replayRunningText({ ...running, total: 0 })).toBe('');
    expect(replayOutcomeText(running)).toBe('');
  });

  it('says what a finished replay restored, what it could not read, and why it stopped', () => {
    const done = { ...running, done: 500, restored: 1, damaged: 2, finished: true };
    expect(replayRunningText(done)).toBe('');
    expect(replayOutcomeText(done)).toBe(
      'Restored 1 sale from the journal. 2 journal lines are unreadable; tell the store manager.',
    );
    expect(replayOutcomeText({ ...done, restored: 0, damaged: 0, error: 'host gone.' })).toBe(
      'Restoring sales from the journal stopped: host gone. Restart the terminal to try again.',
    );
  });
});
