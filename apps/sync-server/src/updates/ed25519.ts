// Ed25519 through node:crypto. Public keys travel as the raw 32 bytes in base64 (what TrustedKey holds
// and what a terminal builds in); private keys stay in PKCS#8 PEM on the release machine only.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { TrustedKey } from '@store-os/shared/updates';

/** A signing key as the release CLI stores it (mode 0600, never on a server or terminal). */
export interface SigningKey {
  keyId: string;
  /** PKCS#8 PEM. */
  privateKey: string;
}

/** A fresh Ed25519 key pair: the private part for IT, the public part to build into the terminal. */
export function generateSigningKey(keyId: string): { signing: SigningKey; trusted: TrustedKey } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    signing: { keyId, privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() },
    trusted: { keyId, publicKey: rawPublicKey(publicKey.export({ format: 'jwk' }).x) },
  };
}

/** The public half of a signing key, as terminals trust it. */
export function trustedKeyOf(signing: SigningKey): TrustedKey {
  const jwk = createPublicKey(createPrivateKey(signing.privateKey)).export({ format: 'jwk' });
  return { keyId: signing.keyId, publicKey: rawPublicKey(jwk.x) };
}

function rawPublicKey(x: string | undefined): string {
  if (x === undefined) throw new Error('node:crypto exported an Ed25519 JWK without "x".');
  return Buffer.from(x, 'base64url').toString('base64');
}

/** Base64 Ed25519 signature of the UTF-8 bytes of `text`. */
export function signText(signing: SigningKey, text: string): string {
  return sign(null, utf8(text), createPrivateKey(signing.privateKey)).toString('base64');
}

/** True when `signatureBase64` is a valid Ed25519 signature of `text` by the raw public key. */
export function verifyText(input: {
  text: string;
  signatureBase64: string;
  publicKeyBase64: string;
}): boolean {
  const raw = Buffer.from(input.publicKeyBase64, 'base64');
  if (raw.length !== 32) return false;
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
    format: 'jwk',
  });
  return verify(null, utf8(input.text), key, new Uint8Array(Buffer.from(input.signatureBase64, 'base64')));
}

// node:crypto's typings here want a plain ArrayBufferView, not a Buffer.
function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
