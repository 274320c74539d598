/**
 * IAM quotas an account is held to. The defaults are AWS's; a deployment may choose others
 * (AWS itself lets some be raised, e.g. managed policies per role up to 20).
 */
export interface AccountLimits {
  /** Managed policies (customer and AWS) attached to one user: AWS `PoliciesPerUser`. */
  managedPoliciesPerUser: number;
  /** AWS `PoliciesPerGroup`. */
  managedPoliciesPerGroup: number;
  /** AWS `PoliciesPerRole`. */
  managedPoliciesPerRole: number;
  /** Groups one user may be in: AWS `GroupsPerUser`. */
  groupsPerUser: number;
  /** Versions one managed policy may keep: AWS `PolicyVersionsPerPolicy`. */
  versionsPerPolicy: number;
  /** Tags on one user, role or policy (and in one request). */
  tagsPerEntity: number;
  /**
   * Characters (white space not counted) of all inline policies of one entity together:
   * AWS `UserPolicySize`, `GroupPolicySize`, `RolePolicySize`.
   */
  inlinePolicySize: { user: number; group: number; role: number };
  /** Characters of one managed policy version: AWS `PolicySize`. */
  managedPolicySize: number;
  /** Characters of a role's trust policy: AWS `ACLSizePerRole`. */
  trustPolicySize: number;
  /** Access keys (active or inactive) of one user: AWS `AccessKeysPerUser`. */
  accessKeysPerUser: number;
  /** MFA devices enabled for one user: AWS `MFADevicesPerUser` (8 since 2022). */
  mfaDevicesPerUser: number;
}

export const DEFAULT_ACCOUNT_LIMITS: Readonly<AccountLimits> = Object.freeze({
  managedPoliciesPerUser: 10,
  managedPoliciesPerGroup: 10,
  managedPoliciesPerRole: 10,
  groupsPerUser: 10,
  versionsPerPolicy: 5,
  tagsPerEntity: 50,
  inlinePolicySize: Object.freeze({ user: 2048, group: 5120, role: 10240 }),
  managedPolicySize: 6144,
  trustPolicySize: 2048,
  accessKeysPerUser: 2,
  mfaDevicesPerUser: 8,
});

/** The defaults with some limits replaced. */
export function accountLimits(
  overrides: Partial<Omit<AccountLimits, 'inlinePolicySize'>> & {
    inlinePolicySize?: Partial<AccountLimits['inlinePolicySize']>;
  } = {},
): AccountLimits {
  return {
    ...DEFAULT_ACCOUNT_LIMITS,
    ...overrides,
    inlinePolicySize: { ...DEFAULT_ACCOUNT_LIMITS.inlinePolicySize, ...overrides.inlinePolicySize },
  };
}
