import { KeyRing } from '@portcullis/credentials';
import { KeyRingCredentialSecrets } from '../key-ring.credential-secrets';

/** A fixed, test-only key-encryption key (never a real deployment's). */
export const TEST_KEY_RING = new KeyRing([{ id: 'test', key: Buffer.alloc(32, 7) }]);

/**
 * The real adapter with a test key and the cheapest scrypt cost the hasher accepts, so specs that
 * hash many passwords stay fast on 2 cores. Nothing is faked: seals open, hashes verify, codes
 * are checked.
 */
export function testCredentialSecrets(): KeyRingCredentialSecrets {
  return new KeyRingCredentialSecrets(() => TEST_KEY_RING, { scrypt: { ln: 10, r: 8, p: 1 } });
}
