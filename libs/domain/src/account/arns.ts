/** ARNs as IAM shapes them. Paths are `/` or `/…/`, so `user${path}${name}` reads `user/eng/alice`. */

export type EntityType = 'user' | 'group' | 'role';

export const entityArn = (
  accountId: string,
  type: EntityType,
  path: string,
  name: string,
): string => `arn:aws:iam::${accountId}:${type}${path}${name}`;

export const policyArn = (accountId: string, path: string, name: string): string =>
  `arn:aws:iam::${accountId}:policy${path}${name}`;

/** A virtual MFA device's ARN, which is its serial number. */
export const mfaDeviceArn = (accountId: string, path: string, name: string): string =>
  `arn:aws:iam::${accountId}:mfa${path}${name}`;

export const rootArn = (accountId: string): string => `arn:aws:iam::${accountId}:root`;

/** The account part of AWS managed policy ARNs: `arn:aws:iam::aws:policy/…`. */
export const AWS_ACCOUNT = 'aws';

export interface ParsedPolicyArn {
  /** 12 digits, or `aws` for an AWS managed policy. */
  account: string;
  path: string;
  name: string;
}

const POLICY_ARN = /^arn:aws:iam::(\d{12}|aws):policy(\/(?:[\u0021-\u007E]*\/)?)([\w+=,.@-]+)$/;

export function parsePolicyArn(arn: string): ParsedPolicyArn | undefined {
  const m = POLICY_ARN.exec(arn);
  return m ? { account: m[1], path: m[2], name: m[3] } : undefined;
}

export type ParsedPrincipalArn =
  | { type: 'root'; account: string }
  | { type: 'user' | 'role'; account: string; path: string; name: string }
  | { type: 'assumed-role'; account: string; name: string; sessionName: string };

const IAM_PRINCIPAL = /^arn:aws:iam::(\d{12}):(user|role)(\/(?:[\u0021-\u007E]*\/)?)([\w+=,.@-]+)$/;
const ROOT = /^arn:aws:iam::(\d{12}):root$/;
const ASSUMED_ROLE = /^arn:aws:sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\/([\w+=,.@-]+)$/;

/** A principal's ARN: the account root, a user, a role, or an STS assumed-role session. */
export function parsePrincipalArn(arn: string): ParsedPrincipalArn | undefined {
  const root = ROOT.exec(arn);
  if (root) return { type: 'root', account: root[1] };
  const iam = IAM_PRINCIPAL.exec(arn);
  if (iam) {
    return { type: iam[2] as 'user' | 'role', account: iam[1], path: iam[3], name: iam[4] };
  }
  const assumed = ASSUMED_ROLE.exec(arn);
  if (assumed) {
    return { type: 'assumed-role', account: assumed[1], name: assumed[2], sessionName: assumed[3] };
  }
  return undefined;
}

/** The id of an inline policy in a principal's policy set: `<entity ARN>#inline/<name>`. */
export const inlinePolicyId = (entityArn: string, policyName: string): string =>
  `${entityArn}#inline/${policyName}`;
