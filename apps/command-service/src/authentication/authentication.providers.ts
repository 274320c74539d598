import { Logger, type Provider } from '@nestjs/common';
import { KeyRing, ServiceSignature, SessionTokenSealer } from '@portcullis/credentials';
import {
  loadKeyRing,
  PORTCULLIS_CONFIG,
  READ_MODEL_STORE,
  type PortcullisConfig,
} from '@portcullis/platform';
import type { ReadModelStore } from '@portcullis/read-models';
import { AccessKeyDirectory } from './access-key-directory.port';
import { ReadModelAccessKeyDirectory } from './read-model.access-key-directory';
import { RequestAuthenticator } from './request-authenticator';
import { SignedCommandAuthenticator } from './signed-command.authenticator';

/**
 * The key-encryption keys, loaded at start: a malformed IAM_KEY_ENCRYPTION_KEYS, or Kafka without
 * keys (every instance must share them to open secrets, verify session tokens and service
 * signatures), stops the start with the reason; embedded, a key is generated in the data dir.
 */
export const KEY_RING_PROVIDER: Provider = {
  provide: KeyRing,
  inject: [PORTCULLIS_CONFIG],
  useFactory: (config: PortcullisConfig) =>
    loadKeyRing(config, (line) => new Logger('KeyRing').log(line)),
};

export const AUTHENTICATION_PROVIDERS: Provider[] = [
  KEY_RING_PROVIDER,
  {
    provide: SessionTokenSealer,
    inject: [KeyRing],
    useFactory: (ring: KeyRing) => new SessionTokenSealer(ring),
  },
  {
    provide: ServiceSignature,
    inject: [KeyRing],
    useFactory: (ring: KeyRing) => new ServiceSignature(ring),
  },
  {
    provide: AccessKeyDirectory,
    inject: [READ_MODEL_STORE],
    useFactory: (store: ReadModelStore) => new ReadModelAccessKeyDirectory(store),
  },
  RequestAuthenticator,
  SignedCommandAuthenticator,
];
