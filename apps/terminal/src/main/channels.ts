/** The IPC channel of contract calls (renderer → main); the only one main handles. */
export const INVOKE_CHANNEL = 'pos:invoke';
/** The IPC channel of host events (main → renderer); the only one the preload listens on. */
export const EVENT_CHANNEL = 'pos:event';
