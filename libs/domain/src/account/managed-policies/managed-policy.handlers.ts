import { IamEventType } from '@portcullis/contracts';
import type { AccountState, SomeEventHandlers } from '../account.state';
import { replaceTags } from '../tags';

type PolicyEvents =
  | typeof IamEventType.PolicyCreated
  | typeof IamEventType.PolicyVersionCreated
  | typeof IamEventType.PolicyDefaultVersionSet
  | typeof IamEventType.PolicyVersionDeleted
  | typeof IamEventType.PolicyDeleted
  | typeof IamEventType.PolicyTagged
  | typeof IamEventType.PolicyUntagged;

const policy = (state: AccountState, name: string) => {
  const found = state.policies.get(name.toLowerCase());
  if (!found) throw new Error(`event names unknown policy ${name}`);
  return found;
};

const versionNumber = (versionId: string): number => Number.parseInt(versionId.slice(1), 10);

export const managedPolicyHandlers: SomeEventHandlers<PolicyEvents> = {
  [IamEventType.PolicyCreated]: (state, p) => {
    const v = p.version;
    state.policies.set(p.policyName.toLowerCase(), {
      policyName: p.policyName,
      policyId: p.policyId,
      path: p.path,
      arn: p.arn,
      ...(p.description !== undefined && { description: p.description }),
      createDate: p.createDate,
      updateDate: p.createDate,
      defaultVersionId: v.versionId,
      versions: new Map([
        [v.versionId, { versionId: v.versionId, document: v.document, createDate: v.createDate }],
      ]),
      nextVersion: versionNumber(v.versionId) + 1,
      tags: new Map(),
    });
  },
  [IamEventType.PolicyVersionCreated]: (state, p) => {
    const pol = policy(state, p.policyName);
    const v = p.version;
    pol.versions.set(v.versionId, {
      versionId: v.versionId,
      document: v.document,
      createDate: v.createDate,
    });
    pol.nextVersion = Math.max(pol.nextVersion, versionNumber(v.versionId) + 1);
    if (v.isDefaultVersion) {
      pol.defaultVersionId = v.versionId;
      pol.updateDate = v.createDate;
    }
  },
  [IamEventType.PolicyDefaultVersionSet]: (state, p) => {
    const pol = policy(state, p.policyName);
    pol.defaultVersionId = p.versionId;
    pol.updateDate = p.updateDate;
  },
  [IamEventType.PolicyVersionDeleted]: (state, p) => {
    policy(state, p.policyName).versions.delete(p.versionId);
  },
  [IamEventType.PolicyDeleted]: (state, p) => {
    state.policies.delete(p.policyName.toLowerCase());
    state.usage.delete(p.arn);
  },
  [IamEventType.PolicyTagged]: (state, p) => {
    replaceTags(policy(state, p.policyName).tags, p.resultingTags);
  },
  [IamEventType.PolicyUntagged]: (state, p) => {
    replaceTags(policy(state, p.policyName).tags, p.resultingTags);
  },
};
