import { SIZE_LIMITS, SizeLimitName } from './types';

/**
 * The MalformedPolicyDocument / LimitExceeded messages IAM returns, verbatim.
 *
 * Sources (the full table is in this folder's README.md):
 * - getmoto/moto tests/test_iam/test_iam_policies.py: a case list recorded against real IAM
 *   CreatePolicy (syntax, version, legacy parsing, SID, actions, resources, ARN messages);
 * - error messages quoted from real AWS responses in public issues and CloudTrail logs
 *   (SID characters, IAM resource path with "root", size quotas, trust-policy messages).
 */
export const MESSAGES = {
  syntax: 'Syntax errors in policy.',
  /** CreateRole / UpdateAssumeRolePolicy answer unparsable JSON with this instead of `syntax`. */
  trustInvalidJson: 'This policy contains invalid Json',
  version: 'Policy document must be version 2012-10-17 or greater.',
  legacyParsing: 'The policy failed legacy parsing',
  sidUnique: 'Statement IDs (SID) in a single policy must be unique.',
  sidCharacters:
    'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
  principalNotAllowed: 'Policy document should not specify a principal.',
  /** AWS Organizations' answer to a policy element SCPs do not support. */
  scpNotSupported:
    'The provided policy document does not meet the requirements of the specified policy type.',
  principalMissing: 'Missing required field Principal',
  principalEmpty: 'Missing required field Principal cannot be empty!',
  invalidPrincipal: (key: string, value: string): string =>
    `Invalid principal in policy: "${key}":"${value}"`,
  invalidConditionType: (operator: string): string => `Invalid Condition type : ${operator}`,
  actionsMissing: 'Policy statement must contain actions.',
  resourcesMissing: 'Policy statement must contain resources.',
  vendorMissing: 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
  oneColon: 'Actions/Condition can contain only one colon.',
  vendorInvalid: (vendor: string): string => `Vendor ${vendor} is not valid`,
  resourceNotArn: (resource: string): string =>
    `Resource ${resource} must be in ARN format or "*".`,
  partitionInvalid: (partition: string, shown: string): string =>
    `Partition "${partition}" is not valid for resource "${shown}".`,
  resourceVendor: 'Resource vendor must be fully qualified and cannot contain regexes.',
  iamRegion: (resource: string): string =>
    `IAM resource ${resource} cannot contain region information.`,
  s3Region: (resource: string): string =>
    `Resource ${resource} can not contain region information.`,
  iamPath: (prefixes: readonly string[]): string =>
    `IAM resource path must either be "*", root, or start with ${prefixes.join(', ')}.`,
  trustActions: 'AssumeRole policy may only specify STS AssumeRole actions.',
  trustResource: (element: string): string => `Has prohibited field ${element}`,
} as const;

/**
 * LimitExceeded messages. CreatePolicy/CreatePolicyVersion and CreateRole/UpdateAssumeRolePolicy
 * say "Cannot exceed quota for <quota>: <n>"; PutUser/Group/RolePolicy say "Maximum policy size of
 * <n> bytes exceeded for <entity> <name>" (the validator does not know the name, so it stops at the
 * entity type; the caller may append it).
 */
export function sizeLimitMessage(limit: SizeLimitName | number): string {
  switch (limit) {
    case 'managed':
      return `Cannot exceed quota for PolicySize: ${SIZE_LIMITS.managed}`;
    case 'trust':
      return `Cannot exceed quota for ACLSizePerRole: ${SIZE_LIMITS.trust}`;
    case 'user-inline':
      return `Maximum policy size of ${SIZE_LIMITS['user-inline']} bytes exceeded for user`;
    case 'group-inline':
      return `Maximum policy size of ${SIZE_LIMITS['group-inline']} bytes exceeded for group`;
    case 'role-inline':
      return `Maximum policy size of ${SIZE_LIMITS['role-inline']} bytes exceeded for role`;
    default:
      return `Cannot exceed quota for PolicySize: ${limit}`;
  }
}
