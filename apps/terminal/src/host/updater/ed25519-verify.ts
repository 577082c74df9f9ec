import { createPublicKey, verify } from 'node:crypto';
import type { VerifySignature } from '@store-os/shared/updates';

/** Ed25519 check of a base64 signature over the UTF-8 bytes of `text`, against a raw base64 public key. */
export const verifyEd25519: VerifySignature = ({ text, signatureBase64, publicKeyBase64 }) => {
  const raw = Buffer.from(publicKeyBase64, 'base64');
  const signature = Buffer.from(signatureBase64, 'base64');
  if (raw.length !== 32 || signature.length !== 64) return false;
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
    format: 'jwk',
  });
  return verify(null, new TextEncoder().encode(text), key, new Uint8Array(signature));
};
