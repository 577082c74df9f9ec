import { describe, expect, it } from 'vitest';
import { claimSingleInstance, type FocusableWindow, type InstanceApp } from './single-instance';

function fakeApp(gotLock: boolean) {
  const state = { quit: 0, secondInstance: undefined as (() => void) | undefined };
  const app: InstanceApp = {
    requestSingleInstanceLock: () => gotLock,
    quit: () => void (state.quit += 1),
    on: (_event, listener) => (state.secondInstance = listener),
  };
  return { app, state };
}

describe('claimSingleInstance', () => {
  it('quits a second terminal process at once, before it touches the journal or devices', () => {
    const { app, state } = fakeApp(false);
    expect(claimSingleInstance(app, () => undefined)).toBe(false);
    expect(state.quit).toBe(1);
    expect(state.secondInstance).toBeUndefined();
  });

  it('keeps the first process and brings its window forward when a second one starts', () => {
    const { app, state } = fakeApp(true);
    const seen: string[] = [];
    const window: FocusableWindow = {
      isMinimized: () => true,
      restore: () => void seen.push('restore'),
      focus: () => void seen.push('focus'),
    };
    expect(claimSingleInstance(app, () => window)).toBe(true);
    expect(state.quit).toBe(0);
    state.secondInstance?.();
    expect(seen).toEqual(['restore', 'focus']);
  });
});
