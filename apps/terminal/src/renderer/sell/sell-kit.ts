// The environment and helpers shared by the sell screen's action flows (line-actions, counter-actions).
import type { CartItem, CartLine, OrderDoc } from '@store-os/shared';
import type { TerminalContext } from '../app/start-terminal';
import type { AuditInput } from '../sale/audit-events';
import { HoldStore, type HoldStorage } from '../sale/hold-store';
import type { StorePolicy } from '../sale/store-policy';
import type { Session } from '../session/session-context';
import type { PromptSpec } from './Prompt';
import type { useSale } from './use-sale';

type Sale = ReturnType<typeof useSale>;

/** What the sell screen's actions work with. */
export interface SellEnv {
  readonly context: TerminalContext;
  readonly policy: StorePolicy;
  readonly sale: Sale;
  readonly session: Session;
  readonly selected: string | undefined;
  readonly say: (message: string) => void;
  readonly reprint: (order: OrderDoc) => Promise<void>;
}

/** The hold store of this terminal, kept by the host outside the browser profile. */
export function holdStoreFor(context: TerminalContext): HoldStore {
  return new HoldStore(hostHoldStorage(context));
}

/**
 * Held sales through the host (`holds.load`/`holds.save`). Sales held by an earlier version in the
 * browser's localStorage are taken over the first time the host has none, and removed from the browser
 * only once the host has them on disk.
 */
function hostHoldStorage(context: TerminalContext): HoldStorage {
  const legacyKey = `store-os.held-sales.${context.info.storeId}.${context.info.terminalId}`;
  const legacy = (): string | null => globalThis.localStorage?.getItem(legacyKey) ?? null;
  return {
    load: async () => (await context.host.invoke('holds.load', {})).value ?? legacy(),
    save: async (value) => {
      await context.host.invoke('holds.save', { value });
      if (legacy() !== null) globalThis.localStorage.removeItem(legacyKey);
    },
    keepAside: async (value) => {
      await context.host.invoke('holds.save', { value, aside: true });
    },
  };
}

/** What every action flow uses: the screen's environment and the helpers built once per render. */
export interface SellKit {
  readonly env: SellEnv;
  readonly setPrompt: (spec: PromptSpec | undefined) => void;
  readonly fmt: (amount: number) => string;
  /** The selected line, or the last one. */
  readonly selectedLine: () => CartLine | undefined;
  /** Writes an audit event of this terminal and cashier (awaited). */
  readonly audit: (
    input: Omit<AuditInput, 'newId' | 'storeId' | 'terminalId' | 'at' | 'userId'>,
  ) => Promise<void>;
  /** Asks for the reason, then runs `apply` (which asks a manager) with the reason code. */
  readonly approved: (
    title: string,
    reasons: readonly { id: string; label: string }[],
    apply: (reasonCode: string) => Promise<string | undefined>,
  ) => void;
  /** Adds an item; a weighed item without a label weight is weighed on the scale first. */
  readonly addFound: (item: CartItem, grams?: number) => Promise<string | undefined>;
}
