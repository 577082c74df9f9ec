/** The parts of Electron's app the single-instance lock uses (structural, so tests need no Electron). */
export interface InstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: () => void): unknown;
}

/** The parts of a BrowserWindow a second start brings forward. */
export interface FocusableWindow {
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
}

/**
 * Takes the single-instance lock: a second terminal process would fight the first over the journal and
 * the devices, so it quits at once and the first one's window comes forward. Returns whether this
 * process holds the lock.
 */
export function claimSingleInstance(app: InstanceApp, window: () => FocusableWindow | undefined): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const shown = window();
    if (shown?.isMinimized()) shown.restore();
    shown?.focus();
  });
  return true;
}
