import type { IamTag } from './common.events';

/** One version of a customer managed policy. */
export interface PolicyVersionPayload {
  /** `v1`, `v2`, …: never reused within a policy. */
  versionId: string;
  /** JSON text as the caller sent it. */
  document: string;
  isDefaultVersion: boolean;
  createDate: string;
}

/** `iam.policy-created.v1` (CreatePolicy): the policy with its first version, `v1`, as default. */
export interface PolicyCreatedPayload {
  policyName: string;
  policyId: string;
  path: string;
  arn: string;
  description?: string;
  createDate: string;
  version: PolicyVersionPayload;
}

/**
 * `iam.policy-version-created.v1` (CreatePolicyVersion). When it is created as the default,
 * `previousDefaultVersionId` names the version that stopped being the default.
 */
export interface PolicyVersionCreatedPayload {
  policyName: string;
  policyId: string;
  policyArn: string;
  version: PolicyVersionPayload;
  previousDefaultVersionId?: string;
}

/** `iam.policy-default-version-set.v1` (SetDefaultPolicyVersion), with the new default's document. */
export interface PolicyDefaultVersionSetPayload {
  policyName: string;
  policyId: string;
  policyArn: string;
  versionId: string;
  document: string;
  previousDefaultVersionId: string;
  updateDate: string;
}

/** `iam.policy-version-deleted.v1` (never the default version). */
export interface PolicyVersionDeletedPayload {
  policyName: string;
  policyId: string;
  policyArn: string;
  versionId: string;
}

/** `iam.policy-deleted.v1` (only an unattached policy with its default version left). */
export interface PolicyDeletedPayload {
  policyName: string;
  policyId: string;
  path: string;
  arn: string;
  versionIds: string[];
}

/** `iam.policy-tagged.v1` */
export interface PolicyTaggedPayload {
  policyName: string;
  policyId: string;
  policyArn: string;
  tags: IamTag[];
  resultingTags: IamTag[];
}

/** `iam.policy-untagged.v1` */
export interface PolicyUntaggedPayload {
  policyName: string;
  policyId: string;
  policyArn: string;
  tagKeys: string[];
  resultingTags: IamTag[];
}
