import type { TotpCheck } from '@portcullis/domain';

/**
 * What a sealed secret is bound to: its purpose and its owner. A sealed value opens only with
 * the same binding, so a sealed secret copied into another user's record (or used for another
 * purpose) does not open.
 */
export type SecretBinding =
  | { readonly purpose: 'access-key-secret'; readonly userId: string; readonly accessKeyId: string }
  | { readonly purpose: 'mfa-seed'; readonly serialNumber: string }
  | { readonly purpose: 'command-input'; readonly commandId: string; readonly member: string }
  | { readonly purpose: 'issued-credential'; readonly commandId: string; readonly member: string };

export const accessKeySecretBinding = (userId: string, accessKeyId: string): SecretBinding => ({
  purpose: 'access-key-secret',
  userId,
  accessKeyId,
});

export const mfaSeedBinding = (serialNumber: string): SecretBinding => ({
  purpose: 'mfa-seed',
  serialNumber,
});

/** A secret member of a command's input (a password), sealed for the trip through Kafka. */
export const commandInputBinding = (commandId: string, member: string): SecretBinding => ({
  purpose: 'command-input',
  commandId,
  member,
});

/** A secret of temporary credentials in a reply (STS, sign-in): they travel on Kafka sealed. */
export const issuedCredentialBinding = (commandId: string, member: string): SecretBinding => ({
  purpose: 'issued-credential',
  commandId,
  member,
});

export interface NewAccessKey {
  /** `AKIA…`. */
  readonly accessKeyId: string;
  /** 40 characters: returned once to the HTTP caller, otherwise only ever sealed. */
  readonly secretAccessKey: string;
}

export interface TotpWindow {
  readonly now: Date;
  /** Codes at or before this step were used already. */
  readonly lastUsedStep?: number;
  /** Steps of clock drift tolerated either side of now. */
  readonly window?: number;
}

/**
 * Every piece of credential cryptography the command side needs, behind one port: the handlers
 * generate, seal, hash and verify through it and hand the domain only ids, sealed values and
 * hashes. The adapter (`key-ring.credential-secrets.ts`) is @portcullis/credentials.
 */
export abstract class CredentialSecrets {
  /** A new long-term access key id and its secret. */
  abstract generateAccessKey(): NewAccessKey;

  /** Seals a secret under the current key-encryption key, bound to `binding`. */
  abstract seal(plaintext: string, binding: SecretBinding): string;

  /** Opens a sealed secret; throws when it was sealed for another binding or tampered with. */
  abstract open(sealed: string, binding: SecretBinding): string;

  /** A memory-hard (scrypt) hash of a password, as a PHC string. */
  abstract hashPassword(password: string): Promise<string>;

  /** Whether `password` is the one `hash` was made from (timing-safe). */
  abstract verifyPassword(password: string, hash: string): Promise<boolean>;

  /** A fresh base32 TOTP seed (160 bits). */
  abstract generateTotpSeed(): string;

  /** The `otpauth://totp/…` enrolment URI of a seed (it contains the seed: show once). */
  abstract totpUri(seed: string, label: { issuer: string; accountName: string }): string;

  /**
   * EnableMFADevice / ResyncMFADevice: two consecutive codes of the sealed seed, the second within
   * the window, none at or before `lastUsedStep`. Answers the second code's step.
   */
  abstract verifyConsecutiveCodes(
    sealedSeed: string,
    binding: SecretBinding,
    codes: readonly [string, string],
    window: TotpWindow,
  ): TotpCheck;

  /** One code (sign-in, later), refused at or before `lastUsedStep` (replay). */
  abstract verifyCode(
    sealedSeed: string,
    binding: SecretBinding,
    code: string,
    window: TotpWindow,
  ): TotpCheck;
}
