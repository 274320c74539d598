import type {
  Checkpoint,
  GroupDocument,
  ManagedPolicyDocument,
  PrincipalDocument,
} from '@portcullis/read-models';
import { MemoryReadModelStore } from '@portcullis/read-models';

/**
 * The in-memory read-model adapter, for the query service's specs: counts reads, and can hold
 * document reads back (`gate`) so a spec can interleave a load with an invalidation.
 */
export class FakeReadModelStore extends MemoryReadModelStore {
  readonly reads = { principal: 0, groups: 0, policies: 0, checkpoints: 0 };
  /** When set, every document read waits for it before answering (what it read before waiting). */
  gate: Promise<void> | null = null;

  private async held<T>(read: Promise<T>): Promise<T> {
    const value = await read;
    if (this.gate) await this.gate;
    return value;
  }

  override getPrincipal(arn: string): Promise<PrincipalDocument | null> {
    this.reads.principal++;
    return this.held(super.getPrincipal(arn));
  }
  override getPrincipals(arns: readonly string[]): Promise<(PrincipalDocument | null)[]> {
    this.reads.principal++;
    return this.held(super.getPrincipals(arns));
  }
  override getGroup(arn: string): Promise<GroupDocument | null> {
    this.reads.groups++;
    return this.held(super.getGroup(arn));
  }
  override getGroups(arns: readonly string[]): Promise<(GroupDocument | null)[]> {
    this.reads.groups++;
    return this.held(super.getGroups(arns));
  }
  override getPolicy(arn: string): Promise<ManagedPolicyDocument | null> {
    this.reads.policies++;
    return this.held(super.getPolicy(arn));
  }
  override getPolicies(arns: readonly string[]): Promise<(ManagedPolicyDocument | null)[]> {
    this.reads.policies++;
    return this.held(super.getPolicies(arns));
  }
  override getCheckpoints(): Promise<Checkpoint[]> {
    this.reads.checkpoints++;
    return super.getCheckpoints();
  }
}

export const ACCOUNT = '123456789012';
export const arn = (kind: 'user' | 'role' | 'group' | 'policy', name: string) =>
  `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
export const doc = (...statements: object[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });
export const allow = (Action: string | string[], Resource: string | string[] = '*') =>
  doc({ Effect: 'Allow', Action, Resource });
export const deny = (Action: string | string[], Resource: string | string[] = '*') =>
  doc({ Effect: 'Deny', Action, Resource });

export function user(name: string, over: Partial<PrincipalDocument> = {}): PrincipalDocument {
  return {
    _id: arn('user', name),
    accountId: ACCOUNT,
    principalType: 'user',
    name,
    principalId: `AIDA${name.toUpperCase().padEnd(17, 'X')}`,
    path: '/',
    createDate: '2026-01-01T00:00:00.000Z',
    tags: [],
    inlinePolicies: [],
    attachedPolicyArns: [],
    groupArns: [],
    sequence: 1,
    ...over,
  };
}

export function role(name: string, over: Partial<PrincipalDocument> = {}): PrincipalDocument {
  return {
    ...user(name),
    _id: arn('role', name),
    principalType: 'role',
    principalId: `AROA${name.toUpperCase().padEnd(17, 'X')}`,
    ...over,
  };
}

export function group(name: string, over: Partial<GroupDocument> = {}): GroupDocument {
  return {
    _id: arn('group', name),
    accountId: ACCOUNT,
    name,
    groupId: `AGPA${name.toUpperCase().padEnd(17, 'X')}`,
    path: '/',
    createDate: '2026-01-01T00:00:00.000Z',
    inlinePolicies: [],
    attachedPolicyArns: [],
    sequence: 1,
    ...over,
  };
}

export function policy(
  name: string,
  versions: string[],
  defaultVersion = versions.length,
): ManagedPolicyDocument {
  return {
    _id: arn('policy', name),
    accountId: ACCOUNT,
    name,
    policyId: `ANPA${name.toUpperCase().padEnd(17, 'X')}`,
    path: '/',
    defaultVersionId: `v${defaultVersion}`,
    versions: versions.map((document, i) => ({
      versionId: `v${i + 1}`,
      document,
      createDate: '2026-01-01T00:00:00.000Z',
    })),
    sequence: 1,
  };
}
