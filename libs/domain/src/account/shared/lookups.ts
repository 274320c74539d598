import type { AwsManagedPolicyPayload } from '@portcullis/contracts';
import {
  noSuchEntity,
  policyNotAttachable,
  policyNotFound,
  unmodifiableAwsPolicy,
} from '../account.errors';
import type {
  AccountState,
  GroupState,
  ManagedPolicyState,
  RoleState,
  UserState,
} from '../account.state';
import { AWS_ACCOUNT, parsePolicyArn } from '../arns';
import type { AwsManagedPolicyCatalog } from '../aws-managed-policies';
import { requirePolicyArn } from '../validation';
import type { CommandContext } from './command-context';

export function requireUser(state: AccountState, userName: string): UserState {
  const user = state.users.find(userName);
  if (!user) throw noSuchEntity('User', userName);
  return user;
}

export function requireGroup(state: AccountState, groupName: string): GroupState {
  const group = state.groups.find(groupName);
  if (!group) throw noSuchEntity('Group', groupName);
  return group;
}

export function requireRole(state: AccountState, roleName: string): RoleState {
  const role = state.roles.find(roleName);
  if (!role) throw noSuchEntity('Role', roleName);
  return role;
}

/** A customer managed policy of this account by ARN (name case-insensitive, path exact). */
export function findCustomerPolicy(
  state: AccountState,
  arn: string,
): ManagedPolicyState | undefined {
  const parsed = parsePolicyArn(arn);
  if (!parsed || parsed.account !== state.accountId) return undefined;
  const policy = state.policies.get(parsed.name.toLowerCase());
  return policy && policy.path === parsed.path ? policy : undefined;
}

export const isAwsPolicyArn = (arn: string): boolean =>
  parsePolicyArn(arn)?.account === AWS_ACCOUNT;

/** A managed policy to attach or to set as a boundary: its canonical ARN and name. */
export interface AttachablePolicy {
  policyArn: string;
  policyName: string;
  /** Set for an AWS managed policy: what the event records of it. */
  awsManagedPolicy?: AwsManagedPolicyPayload;
}

export function awsPolicyPayload(
  catalog: AwsManagedPolicyCatalog,
  arn: string,
): AwsManagedPolicyPayload | undefined {
  const p = catalog.get(arn);
  return p
    ? {
        policyArn: p.arn,
        policyName: p.policyName,
        path: p.path,
        defaultVersionId: p.defaultVersionId,
        document: p.document,
      }
    : undefined;
}

/** Attach*Policy / Put*PermissionsBoundary: a customer policy of this account or an AWS one. */
export function requireAttachablePolicy(ctx: CommandContext, arn: string): AttachablePolicy {
  const parsed = requirePolicyArn(arn);
  if (parsed.account === AWS_ACCOUNT) {
    const aws = awsPolicyPayload(ctx.awsManagedPolicies, arn);
    if (!aws) throw policyNotAttachable(arn);
    return { policyArn: aws.policyArn, policyName: aws.policyName, awsManagedPolicy: aws };
  }
  const policy = findCustomerPolicy(ctx.state, arn);
  if (!policy) throw policyNotAttachable(arn);
  return { policyArn: policy.arn, policyName: policy.policyName };
}

/**
 * A customer managed policy about to change (versions, tags, deletion). An AWS managed policy is
 * UnmodifiableEntity; an unknown one NoSuchEntity.
 */
export function requireModifiablePolicy(ctx: CommandContext, arn: string): ManagedPolicyState {
  const parsed = requirePolicyArn(arn);
  if (parsed.account === AWS_ACCOUNT) {
    if (ctx.awsManagedPolicies.get(arn)) throw unmodifiableAwsPolicy(arn);
    throw policyNotFound(arn);
  }
  const policy = findCustomerPolicy(ctx.state, arn);
  if (!policy) throw policyNotFound(arn);
  return policy;
}
