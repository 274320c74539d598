import { randomBytes } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { KeyRing, SessionTokenSealer } from '@portcullis/credentials';
import { ConfigError, loadConfig, loadKeyRing } from '@portcullis/platform';
import { bearerAuthenticatorFor } from './bearer-authenticator.provider';
import type { Caller } from './caller';

const quiet = () => undefined;
const ROOT = 'arn:aws:iam::123456789012:root';
const tokenFor = (ring: KeyRing) =>
  new SessionTokenSealer(ring).issue(
    { kind: 'session', accountId: '123456789012', principalArn: ROOT },
    { now: Date.now(), durationSeconds: 900 },
  ).credentials.sessionToken;

describe('the query service’s key ring', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'portcullis-query-keys-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to start with Kafka and no IAM_KEY_ENCRYPTION_KEYS, saying why', () => {
    const config = loadConfig({ IAM_KAFKA_BROKERS: '127.0.0.1:9092', IAM_DATA_DIR: dir });
    expect(() => bearerAuthenticatorFor(config, quiet)).toThrow(ConfigError);
    expect(() => bearerAuthenticatorFor(config, quiet)).toThrow(
      /^IAM_KEY_ENCRYPTION_KEYS is not set: with Kafka, the query service authenticates its callers by the session tokens the command service issues/,
    );
  });

  it('opens the tokens sealed with the configured keys', () => {
    const keys = `k1:${randomBytes(32).toString('base64')}`;
    const config = loadConfig({
      IAM_KAFKA_BROKERS: '127.0.0.1:9092',
      IAM_KEY_ENCRYPTION_KEYS: keys,
      IAM_DATA_DIR: dir,
    });
    const caller = bearerAuthenticatorFor(config, quiet).authenticate([
      `Bearer ${tokenFor(KeyRing.parse(keys))}`,
    ]) as Caller;
    expect(caller).toMatchObject({ arn: ROOT, root: true });
  });

  it('embedded without keys: shares the key file of the data dir with the command role', () => {
    const config = loadConfig({ IAM_DATA_DIR: dir });
    const authenticator = bearerAuthenticatorFor(config, quiet); // generates the key file
    const commandSide = loadKeyRing(config, quiet); // what the command service loads
    expect(authenticator.authenticate([`Bearer ${tokenFor(commandSide)}`])).toMatchObject({
      arn: ROOT,
    });
  });
});
