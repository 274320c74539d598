import { checkPassword, passwordPolicyViolationMessage } from '@portcullis/credentials';
import { IamError, type PasswordChangeContext } from '@portcullis/domain';
import type { CredentialSecrets } from '../credential-secrets.port';

/**
 * The account password policy applied to a new password (the policy check needs the plaintext,
 * so it runs here, before the domain, which only ever receives the hash): length, character
 * classes, and reuse of the last `PasswordReusePrevention` passwords (compared against their
 * hashes). Without a custom policy, AWS's default rules (which also refuse the account name).
 * Throws PasswordPolicyViolation with the reasons; the message never contains the password.
 */
export async function checkNewPassword(
  secrets: CredentialSecrets,
  context: PasswordChangeContext,
  password: string,
  accountName: string | undefined,
): Promise<void> {
  const violations = await checkPassword(context.policy ?? null, password, {
    ...(accountName !== undefined && { accountName }),
    previousHashes: context.previousHashes,
    verify: (candidate, hash) => secrets.verifyPassword(candidate, hash),
  });
  if (violations.length > 0) {
    throw new IamError('PasswordPolicyViolation', passwordPolicyViolationMessage(violations));
  }
}
