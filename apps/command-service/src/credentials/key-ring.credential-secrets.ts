import {
  associatedData,
  EnvelopeCipher,
  generateAccessKeyId,
  generateSecretAccessKey,
  generateTotpSeed,
  KeyRing,
  PasswordHasher,
  totpUri,
  verifyConsecutiveTotp,
  verifyTotp,
  type ScryptParameters,
  type TotpVerification,
} from '@portcullis/credentials';
import type { TotpCheck } from '@portcullis/domain';
import {
  CredentialSecrets,
  type NewAccessKey,
  type SecretBinding,
  type TotpWindow,
} from './credential-secrets.port';

export interface KeyRingCredentialSecretsOptions {
  /** scrypt cost; the library's default (~100 ms) unless a test asks for cheaper hashes. */
  readonly scrypt?: ScryptParameters;
}

/**
 * The CredentialSecrets port on @portcullis/credentials: AES-256-GCM sealing under the
 * configured key ring (associated data = purpose + owner), scrypt password hashes, AWS-shaped
 * key ids and secrets, RFC 6238 TOTP. Thin glue: no cryptography of its own.
 *
 * The ring is resolved on first use, so a deployment without keys (Kafka, no
 * IAM_KEY_ENCRYPTION_KEYS) runs every other command and fails only credential commands, loudly.
 */
export class KeyRingCredentialSecrets extends CredentialSecrets {
  private cipher?: EnvelopeCipher;
  private readonly hasher: PasswordHasher;

  constructor(
    private readonly ring: () => KeyRing,
    options: KeyRingCredentialSecretsOptions = {},
  ) {
    super();
    this.hasher = new PasswordHasher(options.scrypt);
  }

  generateAccessKey(): NewAccessKey {
    return {
      accessKeyId: generateAccessKeyId('long-term'),
      secretAccessKey: generateSecretAccessKey(),
    };
  }

  seal(plaintext: string, binding: SecretBinding): string {
    return this.envelope().seal(plaintext, bindingData(binding));
  }

  open(sealed: string, binding: SecretBinding): string {
    return this.envelope().openString(sealed, bindingData(binding));
  }

  hashPassword(password: string): Promise<string> {
    return this.hasher.hash(password);
  }

  verifyPassword(password: string, hash: string): Promise<boolean> {
    return this.hasher.verify(password, hash);
  }

  generateTotpSeed(): string {
    return generateTotpSeed();
  }

  totpUri(seed: string, label: { issuer: string; accountName: string }): string {
    return totpUri(seed, label);
  }

  verifyConsecutiveCodes(
    sealedSeed: string,
    binding: SecretBinding,
    [code1, code2]: readonly [string, string],
    window: TotpWindow,
  ): TotpCheck {
    const seed = this.open(sealedSeed, binding);
    return toCheck(verifyConsecutiveTotp(seed, code1, code2, totpOptions(window)));
  }

  verifyCode(
    sealedSeed: string,
    binding: SecretBinding,
    code: string,
    window: TotpWindow,
  ): TotpCheck {
    const seed = this.open(sealedSeed, binding);
    return toCheck(verifyTotp(seed, code, totpOptions(window)));
  }

  private envelope(): EnvelopeCipher {
    this.cipher ??= new EnvelopeCipher(this.ring(), { purpose: 'secret-at-rest' });
    return this.cipher;
  }
}

/** Associated data: purpose first, then the owner's ids, length-prefixed (unambiguous). */
function bindingData(binding: SecretBinding): Buffer {
  switch (binding.purpose) {
    case 'access-key-secret':
      return associatedData(binding.purpose, binding.userId, binding.accessKeyId);
    case 'mfa-seed':
      return associatedData(binding.purpose, binding.serialNumber);
    case 'command-input':
    case 'issued-credential':
      return associatedData(binding.purpose, binding.commandId, binding.member);
  }
}

function totpOptions(window: TotpWindow) {
  return {
    now: window.now.getTime(),
    ...(window.lastUsedStep !== undefined && { lastUsedStep: window.lastUsedStep }),
    ...(window.window !== undefined && { window: window.window }),
  };
}

/** Wrong and replayed codes are one answer to the caller (InvalidAuthenticationCode). */
const toCheck = (v: TotpVerification): TotpCheck =>
  v.ok ? { ok: true, step: v.step } : { ok: false };
