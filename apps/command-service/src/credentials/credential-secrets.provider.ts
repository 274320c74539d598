import { Logger, type Provider } from '@nestjs/common';
import { loadKeyRing, PORTCULLIS_CONFIG, type PortcullisConfig } from '@portcullis/platform';
import { CredentialSecrets } from './credential-secrets.port';
import { KeyRingCredentialSecrets } from './key-ring.credential-secrets';

/**
 * The CredentialSecrets of a command-service process. Keys configured, or the embedded
 * deployment (whose key lives in the data dir, generated at first start): the ring is loaded now,
 * so a malformed IAM_KEY_ENCRYPTION_KEYS stops the start and a generated key is logged at once.
 * Kafka without keys: the service starts with a warning and only credential commands fail.
 */
export function credentialSecretsFor(config: PortcullisConfig): CredentialSecrets {
  const logger = new Logger('CredentialSecrets');
  const load = () => loadKeyRing(config, (line) => logger.log(line));
  if (config.keyEncryptionKeys !== null || config.kafka.brokers === null) {
    const ring = load();
    return new KeyRingCredentialSecrets(() => ring);
  }
  logger.warn(
    'IAM_KEY_ENCRYPTION_KEYS is not set: access keys, passwords and MFA devices cannot be managed until every command-service instance is given the same keys',
  );
  return new KeyRingCredentialSecrets(load);
}

export const CREDENTIAL_SECRETS_PROVIDER: Provider = {
  provide: CredentialSecrets,
  inject: [PORTCULLIS_CONFIG],
  useFactory: credentialSecretsFor,
};
