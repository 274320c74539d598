import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { join } from 'path';
import { generateKeyEncryptionKey, KEY_RING_ENV_VAR, KeyRing } from '@portcullis/credentials';
import type { PortcullisConfig } from './config';

/** The file in the data dir that keeps the embedded deployment's generated key. */
export const KEY_FILE_NAME = 'key-encryption-keys';

/** No key ring can be had (Kafka configured, no keys given): credential commands cannot run. */
export class KeyRingUnavailableError extends Error {
  override readonly name = 'KeyRingUnavailableError';
}

/**
 * The key-encryption keys that seal access-key secrets and MFA seeds:
 * - `IAM_KEY_ENCRYPTION_KEYS` when set (a malformed value is a KeyRingConfigError: fix it);
 * - otherwise, embedded only, the key file in the data dir, generated at first start (mode
 *   0600) with a log line saying so: `npm start` needs no configuration, and a restart opens
 *   what the last run sealed;
 * - with Kafka and no keys: KeyRingUnavailableError. Every command-service instance must seal
 *   and open with the same keys, so a key made up per instance would be worse than none.
 * `log` receives one line about where the keys came from (never key material).
 */
export function loadKeyRing(config: PortcullisConfig, log: (line: string) => void): KeyRing {
  if (config.keyEncryptionKeys !== null) {
    const ring = KeyRing.parse(config.keyEncryptionKeys);
    log(`${KEY_RING_ENV_VAR}: ${ring.ids.length} key(s), current ${ring.current.id}`);
    return ring;
  }
  if (config.kafka.brokers !== null) {
    throw new KeyRingUnavailableError(
      `${KEY_RING_ENV_VAR} is not set: with Kafka, every instance must use the same keys to seal and open credential secrets, so access keys, passwords and MFA devices cannot be managed until it is`,
    );
  }
  const path = join(config.dataDir, KEY_FILE_NAME);
  const existing = readKeyFile(path);
  if (existing !== undefined) {
    const ring = KeyRing.parse(existing, path);
    if ((statSync(path).mode & 0o077) !== 0) {
      log(`${path} is readable by other users: chmod 600 it`);
    }
    log(`key-encryption keys from ${path} (current ${ring.current.id})`);
    return ring;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const generated = generateKeyEncryptionKey();
  // 'wx': never overwrite a key another process wrote meanwhile (its seals would be lost).
  writeFileSync(path, `${generated.configEntry}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  log(
    `generated key-encryption key ${generated.id} in ${path} (mode 0600; no ${KEY_RING_ENV_VAR} set): keep the file with the data, or set ${KEY_RING_ENV_VAR}`,
  );
  return KeyRing.parse(generated.configEntry, path);
}

function readKeyFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
