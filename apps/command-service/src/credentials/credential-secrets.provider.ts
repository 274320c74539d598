import type { Provider } from '@nestjs/common';
import { KeyRing } from '@portcullis/credentials';
import { CredentialSecrets } from './credential-secrets.port';
import { KeyRingCredentialSecrets } from './key-ring.credential-secrets';

/** The CredentialSecrets of a command-service process, on its key ring (KEY_RING_PROVIDER). */
export const CREDENTIAL_SECRETS_PROVIDER: Provider = {
  provide: CredentialSecrets,
  inject: [KeyRing],
  useFactory: (ring: KeyRing) => new KeyRingCredentialSecrets(() => ring),
};
