// A full card number must never be stored: only the payment terminal's token, masked PAN and auth
// code. These helpers find one anywhere in a value, so a mistake in a till cannot leak PAN data.

import type { RuleViolation } from './document-rules';

/** True when the digits pass the Luhn check that every payment card number passes. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Finds a string that looks like a full card number (13–19 digits, spaces/dashes allowed, Luhn-valid). */
export function findCardNumber(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') {
    // Runs of digit groups separated by single spaces or dashes; a card number is any stretch of
    // whole consecutive groups of 13–19 digits (so "4111 1111 1111 1111 12/28" is still caught).
    for (const match of value.matchAll(/[0-9]+(?:[ -][0-9]+)*/g)) {
      const groups = match[0].split(/[ -]/);
      for (let i = 0; i < groups.length; i += 1) {
        let digits = '';
        for (let j = i; j < groups.length && digits.length < 19; j += 1) {
          digits += groups[j];
          if (digits.length >= 13 && digits.length <= 19 && passesLuhn(digits)) return path || '/';
        }
      }
    }
    return undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findCardNumber(value[i], `${path}/${i}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'amount' || k === 'tendered' || k === 'change') continue;
      const found = findCardNumber(v, `${path}/${k}`);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

export function panViolation(where: string): RuleViolation {
  return {
    code: 'pan.detected',
    reason: `${where} contains what looks like a full card number; only the masked PAN, token and auth code from the payment terminal may be stored.`,
  };
}
