import { DeviceError } from '../model/device-error';

/** Polls `isOpen` until it says closed, bounded by `timeoutMs` (shared by both drawer kinds). */
export async function pollUntilClosed(
  device: string,
  isOpen: () => Promise<boolean>,
  timeoutMs: number,
  pollMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!(await isOpen())) return;
    if (Date.now() >= deadline) {
      throw new DeviceError(
        'drawer.close-timeout',
        device,
        `is still open after ${timeoutMs} ms; ask the cashier to close it.`,
        { timeoutMs },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, Math.max(1, deadline - Date.now()))));
  }
}
