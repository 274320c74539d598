import type {
  Checkpoint,
  GroupDocument,
  GroupMembersDocument,
  ManagedPolicyDocument,
  PrincipalDocument,
  ReadModelStore,
  ReadModelWrite,
} from '@portcullis/read-models';

/**
 * The read-model port in memory, for the query service's specs: counts reads, and can hold reads
 * back (`gate`) so a spec can interleave a load with an invalidation.
 */
export class FakeReadModelStore implements ReadModelStore {
  readonly principals = new Map<string, PrincipalDocument>();
  readonly groups = new Map<string, GroupDocument>();
  readonly policies = new Map<string, ManagedPolicyDocument>();
  readonly members = new Map<string, GroupMembersDocument>();
  readonly checkpoints = new Map<number, bigint>();
  readonly reads = { principal: 0, groups: 0, policies: 0, checkpoints: 0 };
  /** When set, every document read waits for it before answering (what it read before waiting). */
  gate: Promise<void> | null = null;

  private async held<T>(value: T): Promise<T> {
    const copy = structuredClone(value);
    if (this.gate) await this.gate;
    return copy;
  }

  getPrincipal(arn: string): Promise<PrincipalDocument | null> {
    this.reads.principal++;
    return this.held(this.principals.get(arn) ?? null);
  }
  getPrincipals(arns: readonly string[]): Promise<(PrincipalDocument | null)[]> {
    this.reads.principal++;
    return this.held(arns.map((a) => this.principals.get(a) ?? null));
  }
  async putPrincipal(doc: PrincipalDocument): Promise<void> {
    this.principals.set(doc._id, structuredClone(doc));
  }
  async deletePrincipal(arn: string): Promise<void> {
    this.principals.delete(arn);
  }
  getGroup(arn: string): Promise<GroupDocument | null> {
    this.reads.groups++;
    return this.held(this.groups.get(arn) ?? null);
  }
  getGroups(arns: readonly string[]): Promise<(GroupDocument | null)[]> {
    this.reads.groups++;
    return this.held(arns.map((a) => this.groups.get(a) ?? null));
  }
  async putGroup(doc: GroupDocument): Promise<void> {
    this.groups.set(doc._id, structuredClone(doc));
  }
  async deleteGroup(arn: string): Promise<void> {
    this.groups.delete(arn);
  }
  async getGroupMembers(arn: string): Promise<GroupMembersDocument | null> {
    return structuredClone(this.members.get(arn) ?? null);
  }
  async getGroupMembersMany(arns: readonly string[]): Promise<(GroupMembersDocument | null)[]> {
    return structuredClone(arns.map((a) => this.members.get(a) ?? null));
  }
  async putGroupMembers(doc: GroupMembersDocument): Promise<void> {
    this.members.set(doc._id, structuredClone(doc));
  }
  async deleteGroupMembers(arn: string): Promise<void> {
    this.members.delete(arn);
  }
  getPolicy(arn: string): Promise<ManagedPolicyDocument | null> {
    this.reads.policies++;
    return this.held(this.policies.get(arn) ?? null);
  }
  getPolicies(arns: readonly string[]): Promise<(ManagedPolicyDocument | null)[]> {
    this.reads.policies++;
    return this.held(arns.map((a) => this.policies.get(a) ?? null));
  }
  async putPolicy(doc: ManagedPolicyDocument): Promise<void> {
    this.policies.set(doc._id, structuredClone(doc));
  }
  async deletePolicy(arn: string): Promise<void> {
    this.policies.delete(arn);
  }
  async bulkWrite(ops: readonly ReadModelWrite[]): Promise<void> {
    for (const op of ops) {
      if ('put' in op) {
        if (op.put === 'principal') await this.putPrincipal(op.doc);
        else if (op.put === 'group') await this.putGroup(op.doc);
        else if (op.put === 'groupMembers') await this.putGroupMembers(op.doc);
        else await this.putPolicy(op.doc);
      } else if (op.delete === 'principal') this.principals.delete(op.id);
      else if (op.delete === 'group') this.groups.delete(op.id);
      else if (op.delete === 'groupMembers') this.members.delete(op.id);
      else this.policies.delete(op.id);
    }
  }
  async getAccountSequence(): Promise<number> {
    return 0;
  }
  async advanceAccountSequence(): Promise<void> {}
  async getCheckpoints(): Promise<Checkpoint[]> {
    this.reads.checkpoints++;
    return [...this.checkpoints.entries()].map(([partition, next]) => ({
      partition,
      nextOffset: next.toString(),
    }));
  }
  async advanceCheckpoint({ partition, nextOffset }: Checkpoint): Promise<void> {
    const next = BigInt(nextOffset);
    if (next > (this.checkpoints.get(partition) ?? 0n)) this.checkpoints.set(partition, next);
  }
  async ping(): Promise<void> {}
  async close(): Promise<void> {}
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
