import { hkdfSync, randomBytes } from 'node:crypto';

/**
 * Key-encryption keys (KEKs) from configuration. The secrets we must be able to read back (access
 * key secrets for SigV4, MFA seeds, session tokens) are sealed under these keys, never stored in
 * plaintext; the keys themselves live only in configuration, never in Kafka or MongoDB.
 *
 * Configuration: `IAM_KEY_ENCRYPTION_KEYS="k2:<base64 32 bytes>,k1:<base64 32 bytes>"`. The first
 * entry is the current key (new seals use it); the others still open what they sealed, so rotation
 * is: prepend a new key, re-wrap (see `EnvelopeCipher.needsRewrap`), then drop the old one.
 */
export interface KeyEncryptionKey {
  readonly id: string;
  readonly key: Buffer;
}

export const KEY_ENCRYPTION_KEY_BYTES = 32;
export const KEY_RING_ENV_VAR = 'IAM_KEY_ENCRYPTION_KEYS';

// The id ends up inside every sealed string, whose fields are separated by '.'.
const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
// Standard or URL-safe base64; Buffer.from(…, 'base64') decodes both.
const BASE64_PATTERN = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** A configuration mistake. The message names the entry and the problem, never key material. */
export class KeyRingConfigError extends Error {
  readonly code = 'KeyRingConfigError';
  constructor(message: string) {
    super(message);
    this.name = 'KeyRingConfigError';
  }
}

export class KeyRing {
  private readonly byId: ReadonlyMap<string, KeyEncryptionKey>;
  private readonly subkeys = new Map<string, Buffer>();

  constructor(keys: readonly KeyEncryptionKey[]) {
    if (keys.length === 0) throw new KeyRingConfigError('the key ring needs at least one key');
    const byId = new Map<string, KeyEncryptionKey>();
    for (const { id, key } of keys) {
      if (!KEY_ID_PATTERN.test(id)) {
        throw new KeyRingConfigError(
          `key id ${JSON.stringify(id)} must be 1-32 characters of A-Z a-z 0-9 _ -`,
        );
      }
      if (key.length !== KEY_ENCRYPTION_KEY_BYTES) {
        throw new KeyRingConfigError(
          `key ${id} must be ${KEY_ENCRYPTION_KEY_BYTES} bytes, got ${key.length}`,
        );
      }
      if (byId.has(id)) throw new KeyRingConfigError(`key id ${id} appears twice`);
      byId.set(id, { id, key: Buffer.from(key) });
    }
    this.byId = byId;
  }

  /** The key new seals use: the first one configured. */
  get current(): KeyEncryptionKey {
    return this.byId.values().next().value as KeyEncryptionKey;
  }

  get ids(): readonly string[] {
    return [...this.byId.keys()];
  }

  find(id: string): KeyEncryptionKey | undefined {
    return this.byId.get(id);
  }

  /**
   * A 32-byte key derived (HKDF-SHA256) from KEK `id` for one purpose, so the same configured key
   * never directly encrypts two kinds of data (domain separation), and each purpose's random-IV
   * budget is its own. Cached: derivation happens once per (key, purpose).
   */
  subkey(id: string, purpose: string): Buffer | undefined {
    const cacheKey = `${id}\u0000${purpose}`;
    const cached = this.subkeys.get(cacheKey);
    if (cached) return cached;
    const kek = this.byId.get(id);
    if (!kek) return undefined;
    const derived = Buffer.from(
      hkdfSync(
        'sha256',
        kek.key,
        Buffer.alloc(0),
        `portcullis/${purpose}`,
        KEY_ENCRYPTION_KEY_BYTES,
      ),
    );
    this.subkeys.set(cacheKey, derived);
    return derived;
  }

  /** Parses `id:base64,id:base64` (whitespace and newlines around entries are ignored). */
  static parse(config: string, source = KEY_RING_ENV_VAR): KeyRing {
    const entries = config
      .split(/[,\n]/)
      .map((entry) => entry.trim())
      .filter((entry) => entry.length > 0);
    if (entries.length === 0) throw new KeyRingConfigError(`${source} is empty`);
    const keys = entries.map((entry, index) => {
      const position = `${source} entry ${index + 1}`;
      const colon = entry.indexOf(':');
      if (colon <= 0) throw new KeyRingConfigError(`${position} must look like <keyId>:<base64>`);
      const id = entry.slice(0, colon).trim();
      const encoded = entry.slice(colon + 1).trim();
      if (!KEY_ID_PATTERN.test(id)) {
        throw new KeyRingConfigError(
          `${position}: key id must be 1-32 characters of A-Z a-z 0-9 _ -`,
        );
      }
      if (!BASE64_PATTERN.test(encoded)) {
        throw new KeyRingConfigError(`${position} (${id}): key is not base64`);
      }
      const key = Buffer.from(encoded, 'base64');
      if (key.length !== KEY_ENCRYPTION_KEY_BYTES) {
        throw new KeyRingConfigError(
          `${position} (${id}): key must be ${KEY_ENCRYPTION_KEY_BYTES} bytes (base64 of 32 random bytes), got ${key.length}`,
        );
      }
      return { id, key };
    });
    return new KeyRing(keys);
  }
}

/**
 * A fresh random key-encryption key and its configuration entry. For the embedded mode's dev
 * default (no key configured: generate one and keep it in the data dir) and for rotation
 * (`portcullis keys generate`-style tooling). The caller decides where the entry is stored.
 */
export function generateKeyEncryptionKey(
  id: string = `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}${randomBytes(2).toString('hex')}`,
): KeyEncryptionKey & { configEntry: string } {
  const key = randomBytes(KEY_ENCRYPTION_KEY_BYTES);
  new KeyRing([{ id, key }]); // validates the id
  return { id, key, configEntry: `${id}:${key.toString('base64')}` };
}

/** The configuration string for a ring (current key first), e.g. to persist a generated ring. */
export function formatKeyRingConfig(keys: readonly KeyEncryptionKey[]): string {
  return keys.map(({ id, key }) => `${id}:${key.toString('base64')}`).join(',');
}
