import { sealTo } from '@portcullis/credentials';
import type { CredentialSecrets, SecretBinding } from '../credential-secrets.port';

/**
 * A secret in a command's reply, as the reply is stored and published: sealed, with what it is
 * bound to. Replies travel on Kafka (`iam.command-results`) and are rebuilt from the log for
 * retries, so the secret must not be in them in clear. The HTTP edge opens it for its caller
 * (`revealSecrets` of the action); a Kafka request/reply caller receives this form, or, when its
 * command names a `replyKey`, the secret encrypted to that key (`EncryptedReplySecret`).
 */
export interface SealedReplySecret {
  readonly Sealed: string;
  readonly BoundTo: SecretBinding;
}

export const sealedReplySecret = (sealed: string, binding: SecretBinding): SealedReplySecret => ({
  Sealed: sealed,
  BoundTo: binding,
});

/** Opens a reply secret; anything but the sealed form is a bug upstream, not user input. */
export function openReplySecret(value: unknown, secrets: CredentialSecrets): string {
  const sealed = value as Partial<SealedReplySecret> | null;
  if (typeof sealed?.Sealed !== 'string' || typeof sealed.BoundTo !== 'object') {
    throw new Error('reply secret is not in its sealed form');
  }
  return secrets.open(sealed.Sealed, sealed.BoundTo as SecretBinding);
}

/**
 * A secret in a reply to a Kafka caller that named its public key (`replyKey` of the envelope):
 * a sealed box (`psb1.…`) that only the caller's private key opens, with the binding as its
 * associated data (`JSON.stringify(BoundTo)`, exactly as the reply carries it).
 */
export interface EncryptedReplySecret {
  readonly Encrypted: string;
  readonly BoundTo: SecretBinding;
}

const isSealedReplySecret = (value: unknown): value is SealedReplySecret =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as SealedReplySecret).Sealed === 'string' &&
  typeof (value as SealedReplySecret).BoundTo === 'object' &&
  (value as SealedReplySecret).BoundTo !== null &&
  Object.keys(value).length === 2;

/**
 * The reply with every sealed secret in it (at any depth) opened and encrypted to `replyKey`,
 * the caller's X25519 public key. Everything else is copied as it is. Throws when a sealed secret
 * does not open (a bug or a wrong key ring, not user input).
 */
export function encryptReplySecrets(
  output: unknown,
  secrets: CredentialSecrets,
  replyKey: string,
): unknown {
  if (isSealedReplySecret(output)) {
    const plaintext = secrets.open(output.Sealed, output.BoundTo);
    return {
      Encrypted: sealTo(replyKey, plaintext, JSON.stringify(output.BoundTo)),
      BoundTo: output.BoundTo,
    } satisfies EncryptedReplySecret;
  }
  if (Array.isArray(output)) return output.map((v) => encryptReplySecrets(v, secrets, replyKey));
  if (typeof output === 'object' && output !== null) {
    return Object.fromEntries(
      Object.entries(output).map(([k, v]) => [k, encryptReplySecrets(v, secrets, replyKey)]),
    );
  }
  return output;
}
