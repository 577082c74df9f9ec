import { ContractError, serveHostCall, type HostHandlers, type HostResult } from '@store-os/shared';
import { isAppUrl } from './app-origin';

/** The parts of Electron's IpcMainInvokeEvent the guard reads (kept structural so tests need no Electron). */
export interface IpcSender {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/**
 * Builds the one IPC handler main registers: the call must come from the app window's own top frame
 * (not a subframe, not another webContents, not a page that navigated away), then the contract validates
 * method and payload before the host sees them.
 */
export function createIpcGuard(
  handlers: HostHandlers,
  trustedWebContentsId: () => number | undefined,
): (event: IpcSender, method: unknown, payload: unknown) => Promise<HostResult<unknown>> {
  return (event, method, payload) => {
    const frame = event.senderFrame;
    const trusted =
      event.sender.id === trustedWebContentsId() &&
      frame !== null &&
      frame.parent === null &&
      isAppUrl(frame.url);
    if (!trusted) {
      const error = new ContractError(
        'contract.forbidden-sender',
        `Refused ${typeof method === 'string' ? method : 'a call'} from ${frame?.url ?? 'a destroyed frame'}: only the terminal window may call the host.`,
      );
      return Promise.resolve({ ok: false, error: { code: error.code, message: error.message } });
    }
    return serveHostCall(handlers, method, payload);
  };
}
