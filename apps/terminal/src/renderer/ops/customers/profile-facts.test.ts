import type { CustomerDoc } from '@store-os/shared';
import { validateDocument } from '@store-os/shared/schemas';
import { describe, expect, it } from 'vitest';
import { profileFacts } from './profile-facts';

const ada: CustomerDoc = {
  id: 'customer:c-77',
  type: 'customer',
  schemaVersion: 1,
  storeId: 's001',
  givenName: 'Ada',
  familyName: 'Lovelace',
  email: 'ada@example.org',
  phone: '+41 79 123 45 67',
  loyaltyAccountId: 'L77',
  customerGroupIds: ['staff', 'vip'],
  marketingConsent: true,
  createdAt: '2026-11-23T09:00:00.000Z',
  updatedAt: '2026-11-23T09:00:00.000Z',
};

describe('profileFacts', () => {
  it('shows contact details, loyalty card, the consent flag and groups of the profile', () => {
    expect(validateDocument(ada).ok).toBe(true);
    expect(profileFacts(ada)).toEqual([
      { label: 'E-mail', value: 'ada@example.org' },
      { label: 'Phone', value: '+41 79 123 45 67' },
      { label: 'Loyalty card', value: 'L77' },
      { label: 'Marketing consent', value: 'yes' },
      { label: 'Groups', value: 'staff, vip' },
    ]);
  });

  it('tells a refused consent from one never asked, and shows missing details as a dash', () => {
    const refused = profileFacts({ ...ada, marketingConsent: false });
    expect(refused.find((f) => f.label === 'Marketing consent')?.value).toBe('no');
    const bare: CustomerDoc = { ...ada };
    for (const key of ['email', 'phone', 'loyaltyAccountId', 'customerGroupIds', 'marketingConsent'] as const)
      delete bare[key];
    expect(profileFacts(bare).map((f) => f.value)).toEqual(['—', '—', '—', 'not asked', '—']);
  });
});
