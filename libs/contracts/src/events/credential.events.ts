import type { IamTag } from './common.events';

/**
 * Credentials of IAM users: access keys, login profiles (passwords), the account password policy
 * and virtual MFA devices. These events live on Kafka forever, so **no secret is ever in them in
 * plaintext**: an access key's secret and an MFA seed are sealed (AES-256-GCM under a
 * key-encryption key from configuration, never in the log; an opaque `v1.<keyId>.<iv>.<ct>`
 * string made by the application layer), a password is its scrypt hash (PHC string).
 */

/** The user a credential event is about (its id is stable across renames). */
export interface CredentialOwnerPayload {
  userName: string;
  userId: string;
  userArn: string;
}

export type AccessKeyStatus = 'Active' | 'Inactive';

/** `iam.access-key-created.v1` (CreateAccessKey). */
export interface AccessKeyCreatedPayload extends CredentialOwnerPayload {
  accessKeyId: string;
  status: AccessKeyStatus;
  /** The 40-character secret, sealed and bound to (userId, accessKeyId). */
  sealedSecretAccessKey: string;
  createDate: string;
}

/** `iam.access-key-updated.v1` (UpdateAccessKey): a new status. */
export interface AccessKeyUpdatedPayload extends CredentialOwnerPayload {
  accessKeyId: string;
  status: AccessKeyStatus;
}

/** `iam.access-key-deleted.v1`. */
export interface AccessKeyDeletedPayload extends CredentialOwnerPayload {
  accessKeyId: string;
}

/**
 * `iam.root-access-key-created.v1`: an access key of the account's root user (CreateAccount's
 * first key, the operator's bootstrap key, or CreateAccessKey by the root for itself). The root
 * has no user id: the secret is sealed and bound to (account id, access key id).
 */
export interface RootAccessKeyCreatedPayload {
  accountId: string;
  accessKeyId: string;
  status: AccessKeyStatus;
  sealedSecretAccessKey: string;
  createDate: string;
}

/** `iam.root-access-key-updated.v1`: a new status for a root access key. */
export interface RootAccessKeyUpdatedPayload {
  accountId: string;
  accessKeyId: string;
  status: AccessKeyStatus;
}

/** `iam.root-access-key-deleted.v1`. */
export interface RootAccessKeyDeletedPayload {
  accountId: string;
  accessKeyId: string;
}

/**
 * `iam.access-key-used.v1` (RecordAccessKeyUsage, sent by the HTTP edge in batches): an access key
 * (a user's or the root's) authenticated a request at `lastUsedDate` (to the minute), signed for
 * `serviceName` (`iam`, `sts`) in `region`. Raised only when the date is later than the one
 * recorded: GetAccessKeyLastUsed's answer.
 */
export interface AccessKeyUsedPayload {
  accountId: string;
  accessKeyId: string;
  /** The IAM user that owns the key; absent for a root access key. */
  userName?: string;
  lastUsedDate: string;
  serviceName: string;
  region: string;
}

/** `iam.login-profile-created.v1` (CreateLoginProfile): the user gets a console password. */
export interface LoginProfileCreatedPayload extends CredentialOwnerPayload {
  /** scrypt PHC string of the password. */
  passwordHash: string;
  passwordResetRequired: boolean;
  createDate: string;
}

/**
 * `iam.login-profile-updated.v1` (UpdateLoginProfile, by an administrator): a new password and/or
 * a new reset-required flag; absent members are unchanged.
 */
export interface LoginProfileUpdatedPayload extends CredentialOwnerPayload {
  passwordHash?: string;
  passwordResetRequired?: boolean;
  /** When the password changed (present with `passwordHash`). */
  passwordChangedAt?: string;
}

/** `iam.login-profile-deleted.v1`. */
export type LoginProfileDeletedPayload = CredentialOwnerPayload;

/** `iam.user-password-changed.v1` (ChangePassword, by the user: the reset requirement is met). */
export interface UserPasswordChangedPayload extends CredentialOwnerPayload {
  passwordHash: string;
  changedAt: string;
}

/** The account password policy (UpdateAccountPasswordPolicy), AWS's parameters in camelCase. */
export interface PasswordPolicyPayload {
  minimumPasswordLength: number;
  requireSymbols: boolean;
  requireNumbers: boolean;
  requireUppercaseCharacters: boolean;
  requireLowercaseCharacters: boolean;
  allowUsersToChangePassword: boolean;
  /** Days; absent = passwords never expire. */
  maxPasswordAge?: number;
  /** Previous passwords that may not be reused; absent = reuse allowed. */
  passwordReusePrevention?: number;
  hardExpiry: boolean;
}

/** `iam.account-password-policy-updated.v1`: the whole policy as it now is. */
export interface AccountPasswordPolicyUpdatedPayload {
  policy: PasswordPolicyPayload;
}

/** `iam.account-password-policy-deleted.v1`: back to AWS's default rules. */
export type AccountPasswordPolicyDeletedPayload = Record<string, never>;

/** `iam.virtual-mfa-device-created.v1` (CreateVirtualMFADevice). */
export interface VirtualMfaDeviceCreatedPayload {
  /** `arn:aws:iam::<acct>:mfa<path><name>`. */
  serialNumber: string;
  virtualMfaDeviceName: string;
  path: string;
  /** The base32 TOTP seed, sealed and bound to the serial number. */
  sealedSeed: string;
  createDate: string;
  tags: IamTag[];
}

/** `iam.mfa-device-enabled.v1` (EnableMFADevice with two consecutive codes). */
export interface MfaDeviceEnabledPayload extends CredentialOwnerPayload {
  serialNumber: string;
  enableDate: string;
  /** TOTP time step of the second code: codes at or before it are refused from now on. */
  lastUsedStep: number;
}

/** `iam.mfa-device-resynced.v1` (ResyncMFADevice). */
export interface MfaDeviceResyncedPayload extends CredentialOwnerPayload {
  serialNumber: string;
  lastUsedStep: number;
}

/** `iam.mfa-device-deactivated.v1`: the device is unassigned (and may be enabled again). */
export interface MfaDeviceDeactivatedPayload extends CredentialOwnerPayload {
  serialNumber: string;
}

/**
 * `iam.mfa-code-used.v1`: a user proved MFA with a code of an enabled device (GetSessionToken,
 * AssumeRole, console sign-in). Its step is spent: codes at or before it are refused from now on.
 */
export interface MfaCodeUsedPayload extends CredentialOwnerPayload {
  serialNumber: string;
  step: number;
  /** What the code was for: `GetSessionToken`, `AssumeRole`, `SignIn`. */
  purpose: string;
}

/**
 * `iam.sign-in-locked-out.v1`: console sign-in for the user is refused until `until` after
 * repeated failures (the audit record of a lockout; the count itself is kept by the edge).
 */
export interface SignInLockedOutPayload extends CredentialOwnerPayload {
  failures: number;
  until: string;
  sourceIp?: string;
}

/** `iam.virtual-mfa-device-deleted.v1`. */
export interface VirtualMfaDeviceDeletedPayload {
  serialNumber: string;
}
