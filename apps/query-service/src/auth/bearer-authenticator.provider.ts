import { Logger, type Provider } from '@nestjs/common';
import { KEY_RING_ENV_VAR, SessionTokenSealer } from '@portcullis/credentials';
import {
  ConfigError,
  loadKeyRing,
  PORTCULLIS_CONFIG,
  type PortcullisConfig,
} from '@portcullis/platform';
import { BearerAuthenticator } from './bearer-authenticator';
import { useBearerAuthenticator } from './grpc-authentication';

/**
 * The authenticator of a query-service process: session tokens opened with the key ring the
 * command service seals them with (IAM_KEY_ENCRYPTION_KEYS; embedded, the key file in the data
 * dir, which the all-in-one process shares with its command role). With Kafka and no keys the
 * service refuses to start: every instance must open the tokens any instance of the command
 * service issued, so no key can be made up here.
 */
export function bearerAuthenticatorFor(
  config: PortcullisConfig,
  log: (line: string) => void = (line) => new Logger('BearerAuthentication').log(line),
): BearerAuthenticator {
  if (config.keyEncryptionKeys === null && config.kafka.brokers !== null) {
    throw new ConfigError(
      `${KEY_RING_ENV_VAR} is not set: with Kafka, the query service authenticates its callers by the session tokens the command service issues, so every instance needs the command service's key-encryption keys; set ${KEY_RING_ENV_VAR} to the same value`,
    );
  }
  const ring = loadKeyRing(config, log);
  return new BearerAuthenticator(new SessionTokenSealer(ring));
}

export const BEARER_AUTHENTICATOR_PROVIDER: Provider = {
  provide: BearerAuthenticator,
  inject: [PORTCULLIS_CONFIG],
  useFactory: (config: PortcullisConfig) => {
    const authenticator = bearerAuthenticatorFor(config);
    useBearerAuthenticator(authenticator);
    return authenticator;
  },
};
