import { KeyboardWedgeDetector } from '@store-os/drivers/keyboard-wedge';
import { useEffect, useRef } from 'react';

/**
 * Recognises keyboard-wedge scanners anywhere on the screen: a fast burst ending in Enter is a scan
 * (its keys reach no field and fire no shortcut); anything else is typing, released in order into the
 * focused field. A single typed key is held at most ~31 ms.
 */
export function useKeyboardWedge(onScan: (code: string) => void): void {
  const handler = useRef(onScan);
  handler.current = onScan;
  useEffect(() => {
    const detector = new KeyboardWedgeDetector();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const release = (text: string) => {
      // insertText goes through the browser's editing path, so React's onChange and the caret behave.
      if (text && document.activeElement instanceof HTMLInputElement)
        document.execCommand('insertText', false, text);
    };
    const schedule = () => {
      if (timer !== undefined) clearTimeout(timer);
      const deadline = detector.deadlineMs;
      if (deadline === undefined) return;
      timer = setTimeout(
        () => release(detector.flush(performance.now()).release),
        Math.max(0, deadline - performance.now()),
      );
    };
    const onKey = (e: KeyboardEvent) => {
      const result = detector.onKey({
        key: e.key,
        timeMs: e.timeStamp,
        ctrlKey: e.ctrlKey,
        altKey: e.altKey,
        metaKey: e.metaKey,
      });
      if (result.consume) {
        e.preventDefault();
        e.stopImmediatePropagation();
      }
      release(result.release);
      if (result.scan !== undefined) handler.current(result.scan);
      schedule();
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, []);
}
