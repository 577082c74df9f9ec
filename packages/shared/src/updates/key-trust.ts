import { keyListSigningText } from './canonical-json';
import type { SignedKeyList, TrustedKey, UpdateSignature } from './update-manifest';
import { UPDATE_REFUSALS, updateRefusal } from './update-refusals';

/** Checks an Ed25519 signature over the UTF-8 bytes of `text`; injected so this module stays pure. */
export type VerifySignature = (input: {
  text: string;
  signatureBase64: string;
  publicKeyBase64: string;
}) => boolean;

/** The keys a terminal trusts now: built-in keys until a signed key list replaces them. Persisted. */
export interface KeyTrust {
  keys: readonly TrustedKey[];
  /** Serial of the last key list applied; 0 while the built-in keys rule. */
  keyListSerial: number;
  /** Every key id ever retired: refused forever, even if an old build still carries it. */
  retired: readonly string[];
}

/** Trust as a freshly installed app has it: the keys built into the build. */
export function builtInTrust(keys: readonly TrustedKey[]): KeyTrust {
  return { keys, keyListSerial: 0, retired: [] };
}

/** Verifies `signature` over `text` against the trusted keys, or throws the matching refusal. */
export function checkSignature(
  trust: KeyTrust,
  text: string,
  signature: UpdateSignature,
  verifySignature: VerifySignature,
  what: string,
): void {
  if (trust.retired.includes(signature.keyId)) {
    throw updateRefusal(
      UPDATE_REFUSALS.retiredKey,
      `The ${what} is signed with retired key "${signature.keyId}"; re-sign it with a current key.`,
      { keyId: signature.keyId },
    );
  }
  const key = trust.keys.find((k) => k.keyId === signature.keyId);
  if (key === undefined) {
    throw updateRefusal(
      UPDATE_REFUSALS.unknownKey,
      `The ${what} is signed with key "${signature.keyId}", which this terminal does not trust; publish a key list signed by a trusted key first.`,
      { keyId: signature.keyId, trusted: trust.keys.map((k) => k.keyId) },
    );
  }
  const valid = verifySignature({
    text,
    signatureBase64: signature.value,
    publicKeyBase64: key.publicKey,
  });
  if (!valid) {
    throw updateRefusal(
      UPDATE_REFUSALS.badSignature,
      `The ${what} signature does not match its content under key "${key.keyId}": it was altered after signing or signed with another key.`,
      { keyId: key.keyId },
    );
  }
}

/**
 * Applies a signed key list: it must be signed by a key trusted now (so trust only ever passes from
 * a trusted key to its successors) and be newer than the list already applied; an older list is a
 * replay and refused, the same one again changes nothing.
 */
export function applyKeyList(
  trust: KeyTrust,
  signed: SignedKeyList,
  verifySignature: VerifySignature,
): KeyTrust {
  const { keyList } = signed;
  if (keyList.serial < trust.keyListSerial) {
    throw updateRefusal(
      UPDATE_REFUSALS.keyListRollback,
      `Key list serial ${keyList.serial} is older than the applied ${trust.keyListSerial}; publish the current key list.`,
      { serial: keyList.serial, applied: trust.keyListSerial },
    );
  }
  if (keyList.serial === trust.keyListSerial) return trust;
  checkSignature(trust, keyListSigningText(keyList), signed.signature, verifySignature, 'key list');
  const retired = [...new Set([...trust.retired, ...keyList.retired])];
  return {
    keys: keyList.keys.filter((k) => !retired.includes(k.keyId)),
    keyListSerial: keyList.serial,
    retired,
  };
}
