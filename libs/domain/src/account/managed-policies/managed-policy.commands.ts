import { IamEventType, type IamTag } from '@portcullis/contracts';
import {
  deleteConflict,
  limitExceeded,
  policyAlreadyExists,
  policyVersionNotFound,
} from '../account.errors';
import type { ManagedPolicyState } from '../account.state';
import { policyArn } from '../arns';
import { awsUniqueId, RandomSource } from '../ids';
import { checkManagedPolicyDocument } from '../policy-documents';
import type { CommandContext } from '../shared/command-context';
import { requireModifiablePolicy } from '../shared/lookups';
import { checkTagKeys, checkTags, copyTags, tagsAfterTagging, tagsAfterUntagging } from '../tags';
import { NAME_LIMITS, RequestValidation } from '../validation';

export interface CreatePolicyInput {
  policyName: string;
  /** Defaults to `/`. */
  path?: string;
  /** JSON text: the first version, `v1`, the default. */
  policyDocument: string;
  description?: string;
  tags?: IamTag[];
  now: Date;
  random: RandomSource;
}

export interface CreatePolicyVersionInput {
  policyArn: string;
  policyDocument: string;
  setAsDefault?: boolean;
  now: Date;
}

export interface PolicyVersionInput {
  policyArn: string;
  versionId: string;
}

export interface SetDefaultPolicyVersionInput extends PolicyVersionInput {
  now: Date;
}

export interface DeletePolicyInput {
  policyArn: string;
}

export interface TagPolicyInput {
  policyArn: string;
  tags: IamTag[];
}

export interface UntagPolicyInput {
  policyArn: string;
  tagKeys: string[];
}

export const policyRef = (p: ManagedPolicyState) => ({
  policyName: p.policyName,
  policyId: p.policyId,
  policyArn: p.arn,
});

/** CreatePolicy: `iam.policy-created.v1` (with `v1` as default), then `iam.policy-tagged.v1`. */
export function createPolicy(ctx: CommandContext, input: CreatePolicyInput): void {
  const path = input.path ?? '/';
  const v = new RequestValidation()
    .name('policyName', input.policyName, NAME_LIMITS.policy)
    .path('path', path)
    .document('policyDocument', input.policyDocument);
  if (input.description !== undefined) v.description('description', input.description, false);
  v.throwIfAny();
  const tags = input.tags ?? [];
  checkTags(tags, ctx.limits.tagsPerEntity);
  checkManagedPolicyDocument(input.policyDocument, ctx.limits.managedPolicySize);
  if (ctx.state.policies.has(input.policyName.toLowerCase())) {
    throw policyAlreadyExists(input.policyName);
  }
  const createDate = input.now.toISOString();
  const created = ctx.raise(IamEventType.PolicyCreated, {
    policyName: input.policyName,
    policyId: awsUniqueId('ANPA', input.random),
    path,
    arn: policyArn(ctx.state.accountId, path, input.policyName),
    ...(input.description !== undefined && { description: input.description }),
    createDate,
    version: {
      versionId: 'v1',
      document: input.policyDocument,
      isDefaultVersion: true,
      createDate,
    },
  });
  if (tags.length > 0) {
    ctx.raise(IamEventType.PolicyTagged, {
      policyName: created.payload.policyName,
      policyId: created.payload.policyId,
      policyArn: created.payload.arn,
      tags: copyTags(tags),
      resultingTags: tagsAfterTagging(new Map(), tags, ctx.limits.tagsPerEntity),
    });
  }
}

/** CreatePolicyVersion: the next version id (`v<n>`, never reused), optionally the default. */
export function createPolicyVersion(ctx: CommandContext, input: CreatePolicyVersionInput): void {
  new RequestValidation()
    .arn('policyArn', input.policyArn)
    .document('policyDocument', input.policyDocument)
    .throwIfAny();
  const policy = requireModifiablePolicy(ctx, input.policyArn);
  checkManagedPolicyDocument(input.policyDocument, ctx.limits.managedPolicySize);
  const max = ctx.limits.versionsPerPolicy;
  if (policy.versions.size >= max) {
    throw limitExceeded(
      `A managed policy can have up to ${max} versions. Before you create a new version, you must delete an existing version.`,
    );
  }
  const isDefaultVersion = input.setAsDefault === true;
  ctx.raise(IamEventType.PolicyVersionCreated, {
    ...policyRef(policy),
    version: {
      versionId: `v${policy.nextVersion}`,
      document: input.policyDocument,
      isDefaultVersion,
      createDate: input.now.toISOString(),
    },
    ...(isDefaultVersion && { previousDefaultVersionId: policy.defaultVersionId }),
  });
}

function requireVersion(policy: ManagedPolicyState, versionId: string) {
  const version = policy.versions.get(versionId);
  if (!version) throw policyVersionNotFound(policy.arn, versionId);
  return version;
}

function checkVersionInput(input: PolicyVersionInput): void {
  new RequestValidation()
    .arn('policyArn', input.policyArn)
    .versionId('versionId', input.versionId)
    .throwIfAny();
}

/** SetDefaultPolicyVersion. Nothing is raised when the version already is the default. */
export function setDefaultPolicyVersion(
  ctx: CommandContext,
  input: SetDefaultPolicyVersionInput,
): void {
  checkVersionInput(input);
  const policy = requireModifiablePolicy(ctx, input.policyArn);
  const version = requireVersion(policy, input.versionId);
  if (policy.defaultVersionId === version.versionId) return;
  ctx.raise(IamEventType.PolicyDefaultVersionSet, {
    ...policyRef(policy),
    versionId: version.versionId,
    document: version.document,
    previousDefaultVersionId: policy.defaultVersionId,
    updateDate: input.now.toISOString(),
  });
}

export function deletePolicyVersion(ctx: CommandContext, input: PolicyVersionInput): void {
  checkVersionInput(input);
  const policy = requireModifiablePolicy(ctx, input.policyArn);
  const version = requireVersion(policy, input.versionId);
  if (policy.defaultVersionId === version.versionId) {
    throw deleteConflict('Cannot delete the default version of a policy.');
  }
  ctx.raise(IamEventType.PolicyVersionDeleted, {
    ...policyRef(policy),
    versionId: version.versionId,
  });
}

/**
 * DeletePolicy: only a policy attached to nothing (nor anyone's permissions boundary) whose only
 * version left is the default.
 */
export function deletePolicy(ctx: CommandContext, input: DeletePolicyInput): void {
  new RequestValidation().arn('policyArn', input.policyArn).throwIfAny();
  const policy = requireModifiablePolicy(ctx, input.policyArn);
  const usage = ctx.state.usage.get(policy.arn);
  if (usage && (usage.attached.size > 0 || usage.boundaryOf.size > 0)) {
    throw deleteConflict('Cannot delete a policy attached to entities.');
  }
  if (policy.versions.size > 1) {
    throw deleteConflict(
      "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
    );
  }
  ctx.raise(IamEventType.PolicyDeleted, {
    policyName: policy.policyName,
    policyId: policy.policyId,
    path: policy.path,
    arn: policy.arn,
    versionIds: [...policy.versions.keys()],
  });
}

export function tagPolicy(ctx: CommandContext, input: TagPolicyInput): void {
  new RequestValidation().arn('policyArn', input.policyArn).throwIfAny();
  checkTags(input.tags, ctx.limits.tagsPerEntity);
  const policy = requireModifiablePolicy(ctx, input.policyArn);
  ctx.raise(IamEventType.PolicyTagged, {
    ...policyRef(policy),
    tags: copyTags(input.tags),
    resultingTags: tagsAfterTagging(policy.tags, input.tags, ctx.limits.tagsPerEntity),
  });
}

export function untagPolicy(ctx: CommandContext, input: UntagPolicyInput): void {
  new RequestValidation().arn('policyArn', input.policyArn).throwIfAny();
  checkTagKeys(input.tagKeys, ctx.limits.tagsPerEntity);
  const policy = requireModifiablePolicy(ctx, input.policyArn);
  ctx.raise(IamEventType.PolicyUntagged, {
    ...policyRef(policy),
    tagKeys: [...input.tagKeys],
    resultingTags: tagsAfterUntagging(policy.tags, input.tagKeys),
  });
}
