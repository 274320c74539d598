import { createHmac, timingSafeEqual } from 'node:crypto';
import type { KeyRing } from './key-ring';

const PURPOSE = 'command-signing';
const SHAPE = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/]{43}=)$/;

/**
 * Signatures by which Portcullis's own services vouch for a message (a command the HTTP edge
 * authenticated and forwards on Kafka): HMAC-SHA256 of the exact bytes, under a key derived from
 * a key-encryption key (HKDF, purpose `command-signing`), so every instance holding the ring can
 * sign and verify and nothing else needs configuring. Format: `<keyId>:<base64 MAC>`; a retired
 * key still verifies while it is in the ring.
 */
export class ServiceSignature {
  constructor(private readonly ring: KeyRing) {}

  sign(message: Buffer | string): string {
    const id = this.ring.current.id;
    return `${id}:${this.mac(this.ring.subkey(id, PURPOSE)!, message).toString('base64')}`;
  }

  verify(signature: string, message: Buffer | string): boolean {
    const m = SHAPE.exec(signature);
    if (!m) return false;
    const key = this.ring.subkey(m[1], PURPOSE);
    if (!key) return false;
    return timingSafeEqual(this.mac(key, message), Buffer.from(m[2], 'base64'));
  }

  private mac(key: Buffer, message: Buffer | string): Buffer {
    return createHmac('sha256', key).update(message).digest();
  }
}
