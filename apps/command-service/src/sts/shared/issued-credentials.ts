import type { TemporaryCredentials } from '@portcullis/credentials';
import { IamError, type Account } from '@portcullis/domain';
import {
  issuedCredentialBinding,
  type CredentialSecrets,
} from '../../credentials/credential-secrets.port';
import { checkCode } from '../../credentials/shared/mfa-code-checks';
import {
  openReplySecret,
  sealedReplySecret,
  type SealedReplySecret,
} from '../../credentials/shared/sealed-reply-secret';

/** STS's `Credentials`: the secret and the token sealed as the reply travels, opened for the HTTP caller. */
export interface IssuedCredentials<Secret = SealedReplySecret> {
  AccessKeyId: string;
  SecretAccessKey: Secret;
  SessionToken: Secret;
  Expiration: string;
}

/**
 * Temporary credentials for a reply: the secret and the session token (itself a bearer
 * credential for gRPC) sealed and bound to the command, since replies travel on Kafka.
 */
export function sealIssuedCredentials(
  credentials: TemporaryCredentials,
  commandId: string,
  secrets: CredentialSecrets,
): IssuedCredentials {
  const seal = (member: string, value: string) => {
    const binding = issuedCredentialBinding(commandId, member);
    return sealedReplySecret(secrets.seal(value, binding), binding);
  };
  return {
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: seal('SecretAccessKey', credentials.secretAccessKey),
    SessionToken: seal('SessionToken', credentials.sessionToken),
    Expiration: credentials.expiration.toISOString(),
  };
}

export function revealIssuedCredentials(
  issued: IssuedCredentials,
  secrets: CredentialSecrets,
): IssuedCredentials<string> {
  return {
    ...issued,
    SecretAccessKey: openReplySecret(issued.SecretAccessKey, secrets),
    SessionToken: openReplySecret(issued.SessionToken, secrets),
  };
}

/** STS's answer to a failed MFA check (AWS words it so for every cause). */
export const mfaFailed = (): IamError =>
  new IamError(
    'AccessDenied',
    'MultiFactorAuthentication failed with invalid MFA one time pass code.',
  );

/**
 * The caller proves MFA with a code of a device enabled for it (`iam.mfa-code-used.v1` spends
 * the step); any failure is STS's single AccessDenied. Answers when MFA was proved.
 */
export function proveMfa(
  account: Account,
  input: { userName: string; serialNumber: string; tokenCode: string; purpose: string; now: Date },
  secrets: CredentialSecrets,
): number {
  try {
    account.useMfaCode({
      userName: input.userName,
      serialNumber: input.serialNumber,
      purpose: input.purpose,
      verifyCode: checkCode(secrets, input.tokenCode, input.now),
    });
  } catch (error) {
    if (error instanceof IamError) throw mfaFailed();
    throw error;
  }
  return input.now.getTime();
}
