import type { CredentialSecrets, SecretBinding } from '../credential-secrets.port';

/**
 * A secret in a command's reply, as the reply is stored and published: sealed, with what it is
 * bound to. Replies travel on Kafka (`iam.command-results`) and are rebuilt from the log for
 * retries, so the secret must not be in them in clear. The HTTP edge opens it for its caller
 * (`revealSecrets` of the action); a Kafka request/reply caller receives this form.
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
