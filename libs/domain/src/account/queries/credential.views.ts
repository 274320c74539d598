import type { AccessKeyStatus, IamTag, PasswordPolicyPayload } from '@portcullis/contracts';

/** Credential views: what the read APIs answer. None carries a secret, sealed or hashed. */

export interface AccessKeyView {
  readonly userName: string;
  readonly accessKeyId: string;
  readonly status: AccessKeyStatus;
  readonly createDate: string;
}

/** GetAccessKeyLastUsed: an access key's owner and latest recorded use. */
export interface AccessKeyLastUsedView {
  /** The IAM user that owns the key; absent for a root access key. */
  readonly userName?: string;
  /** Absent: no use recorded (AWS's `N/A`). */
  readonly lastUsed?: {
    /** To the minute. */
    readonly lastUsedDate: string;
    readonly serviceName: string;
    readonly region: string;
  };
}

export interface LoginProfileView {
  readonly userName: string;
  readonly createDate: string;
  readonly passwordResetRequired: boolean;
}

export type PasswordPolicyView = Readonly<PasswordPolicyPayload>;

/** An MFA device enabled for a user (ListMFADevices). */
export interface MfaDeviceView {
  readonly userName: string;
  readonly serialNumber: string;
  readonly enableDate: string;
}

/** A virtual MFA device (ListVirtualMFADevices), with the user it is enabled for, if any. */
export interface VirtualMfaDeviceView {
  readonly serialNumber: string;
  readonly createDate: string;
  readonly tags: readonly IamTag[];
  readonly user?: {
    readonly userName: string;
    readonly userId: string;
    readonly path: string;
    readonly arn: string;
    readonly createDate: string;
  };
  readonly enableDate?: string;
}

export type MfaAssignmentStatus = 'Assigned' | 'Unassigned' | 'Any';
