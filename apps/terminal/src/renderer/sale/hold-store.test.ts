import { isDomainError } from '@store-os/shared';
import { describe, expect, it } from 'vitest';
import { HoldStore, type HeldSale, type HoldStorage } from './hold-store';
import { addGiftCardLoad, emptyDraft } from './sale-operations';

function memory(): HoldStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    load: () => Promise.resolve(data.get('k') ?? null),
    save: (v) => Promise.resolve(void data.set('k', v)),
    keepAside: (v) => Promise.resolve(void data.set('k.unreadable', v)),
  };
}

const draft = addGiftCardLoad(emptyDraft({ id: 'cart-1', storeId: 's001', currency: 'EUR' }), {
  load: { accountId: 'GC1', entryKind: 'activate' },
  amount: 2000,
  newLineId: () => 'l1',
});
const held = (id: string): HeldSale => ({
  id,
  heldAt: '2026-11-23T15:00:00.000Z',
  label: '1 line',
  total: { amount: 2000, currency: 'EUR' },
  draft: { ...draft, cart: { ...draft.cart, id } },
});

describe('HoldStore', () => {
  it('keeps held sales across instances (a restart) and gives each back once, with its gift-card load', async () => {
    const storage = memory();
    await new HoldStore(storage).hold(held('a'));
    await new HoldStore(storage).hold(held('b'));
    const after = new HoldStore(storage);
    expect((await after.list()).map((h) => h.id)).toEqual(['a', 'b']);
    const back = await after.recall('a');
    expect(back.draft.giftCards).toEqual({ l1: { accountId: 'GC1', entryKind: 'activate' } });
    expect((await after.list()).map((h) => h.id)).toEqual(['b']);
    await expect(after.recall('a')).rejects.toSatisfy((e) => isDomainError(e, 'hold.not-found'));
  });

  it('holds the same sale once and refuses an empty one', async () => {
    const store = new HoldStore(memory());
    await store.hold(held('a'));
    await store.hold(held('a'));
    expect(await store.list()).toHaveLength(1);
    const empty = { ...held('e'), draft: emptyDraft({ id: 'e', storeId: 's001', currency: 'EUR' }) };
    await expect(store.hold(empty)).rejects.toSatisfy((e) => isDomainError(e, 'hold.empty'));
  });

  it('moves unreadable content aside instead of dropping it', async () => {
    const storage = memory();
    storage.data.set('k', '{"not":"a list"');
    const store = new HoldStore(storage);
    await expect(store.list()).rejects.toSatisfy((e) => isDomainError(e, 'hold.unreadable'));
    expect(storage.data.get('k.unreadable')).toBe('{"not":"a list"');
    expect(await store.list()).toEqual([]);
  });
});
