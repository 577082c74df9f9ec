// Opens the cash drawer for a fact already written (a refund, a cash sale, a cash-in or -out). A drawer
// that does not open never undoes the fact, but the cashier must hear of it: they open it by key.
import type { OpsDeps } from './ops-deps';

/** Opens the drawer; answers '' when it opened, else a sentence for the cashier (leading space). */
export async function openDrawerFor(deps: Pick<OpsDeps, 'host'>, reason: string): Promise<string> {
  try {
    await deps.host.invoke('drawer.open', { reason });
    return '';
  } catch (error) {
    return ` Drawer did not open: ${error instanceof Error ? error.message : String(error)}; open it by key.`;
  }
}
