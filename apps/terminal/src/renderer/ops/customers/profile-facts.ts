import type { CustomerDoc } from '@store-os/shared';

/** One labelled fact of the customer profile, as the screen shows it. */
export interface ProfileFact {
  readonly label: string;
  readonly value: string;
}

/**
 * The contact details, loyalty card, consent flag and groups of a customer, in the profile's order.
 * Consent is shown as asked and answered ("yes" / "no") or "not asked": a missing flag is never "no".
 */
export function profileFacts(doc: CustomerDoc): ProfileFact[] {
  const consent = doc.marketingConsent === undefined ? 'not asked' : doc.marketingConsent ? 'yes' : 'no';
  return [
    { label: 'E-mail', value: doc.email ?? '—' },
    { label: 'Phone', value: doc.phone ?? '—' },
    { label: 'Loyalty card', value: doc.loyaltyAccountId ?? '—' },
    { label: 'Marketing consent', value: consent },
    { label: 'Groups', value: (doc.customerGroupIds ?? []).join(', ') || '—' },
  ];
}
