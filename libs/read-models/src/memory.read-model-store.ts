import type {
  AccessKeyDocument,
  Checkpoint,
  GroupDocument,
  GroupMembersDocument,
  ManagedPolicyDocument,
  PrincipalDocument,
  ReadModelDocuments,
  ReadModelKind,
  ReadModelStore,
  ReadModelWrite,
} from './read-model-store.port';

type Collections = { [K in ReadModelKind]: Map<string, ReadModelDocuments[K]> };

/**
 * In-process read models for the embedded deployment and for fast tests. Documents are copied
 * on the way in and out, as a database would: a caller never shares an object with the store.
 */
export class MemoryReadModelStore implements ReadModelStore {
  private readonly docs: Collections = {
    principal: new Map(),
    group: new Map(),
    groupMembers: new Map(),
    policy: new Map(),
    accessKey: new Map(),
  };
  private readonly accounts = new Map<string, number>();
  private readonly checkpoints = new Map<number, bigint>();

  private get<K extends ReadModelKind>(kind: K, id: string): ReadModelDocuments[K] | null {
    const doc = (this.docs[kind] as Map<string, ReadModelDocuments[K]>).get(id);
    return doc ? structuredClone(doc) : null;
  }

  private put<K extends ReadModelKind>(kind: K, doc: ReadModelDocuments[K]): void {
    (this.docs[kind] as Map<string, ReadModelDocuments[K]>).set(doc._id, structuredClone(doc));
  }

  async getPrincipal(arn: string): Promise<PrincipalDocument | null> {
    return this.get('principal', arn);
  }
  async getPrincipals(arns: readonly string[]): Promise<(PrincipalDocument | null)[]> {
    return arns.map((arn) => this.get('principal', arn));
  }
  async putPrincipal(doc: PrincipalDocument): Promise<void> {
    this.put('principal', doc);
  }
  async deletePrincipal(arn: string): Promise<void> {
    this.docs.principal.delete(arn);
  }

  async getGroup(arn: string): Promise<GroupDocument | null> {
    return this.get('group', arn);
  }
  async getGroups(arns: readonly string[]): Promise<(GroupDocument | null)[]> {
    return arns.map((arn) => this.get('group', arn));
  }
  async putGroup(doc: GroupDocument): Promise<void> {
    this.put('group', doc);
  }
  async deleteGroup(arn: string): Promise<void> {
    this.docs.group.delete(arn);
  }

  async getGroupMembers(groupArn: string): Promise<GroupMembersDocument | null> {
    return this.get('groupMembers', groupArn);
  }
  async getGroupMembersMany(
    groupArns: readonly string[],
  ): Promise<(GroupMembersDocument | null)[]> {
    return groupArns.map((arn) => this.get('groupMembers', arn));
  }
  async putGroupMembers(doc: GroupMembersDocument): Promise<void> {
    this.put('groupMembers', doc);
  }
  async deleteGroupMembers(groupArn: string): Promise<void> {
    this.docs.groupMembers.delete(groupArn);
  }

  async getPolicy(arn: string): Promise<ManagedPolicyDocument | null> {
    return this.get('policy', arn);
  }
  async getPolicies(arns: readonly string[]): Promise<(ManagedPolicyDocument | null)[]> {
    return arns.map((arn) => this.get('policy', arn));
  }
  async putPolicy(doc: ManagedPolicyDocument): Promise<void> {
    this.put('policy', doc);
  }
  async deletePolicy(arn: string): Promise<void> {
    this.docs.policy.delete(arn);
  }

  async getAccessKey(accessKeyId: string): Promise<AccessKeyDocument | null> {
    return this.get('accessKey', accessKeyId);
  }
  async getAccessKeys(accessKeyIds: readonly string[]): Promise<(AccessKeyDocument | null)[]> {
    return accessKeyIds.map((id) => this.get('accessKey', id));
  }
  async putAccessKey(doc: AccessKeyDocument): Promise<void> {
    this.put('accessKey', doc);
  }
  async deleteAccessKey(accessKeyId: string): Promise<void> {
    this.docs.accessKey.delete(accessKeyId);
  }

  async bulkWrite(ops: readonly ReadModelWrite[]): Promise<void> {
    for (const op of ops) {
      if ('put' in op) this.put(op.put, op.doc);
      else this.docs[op.delete].delete(op.id);
    }
  }

  async getAccountSequence(accountId: string): Promise<number> {
    return this.accounts.get(accountId) ?? 0;
  }

  async advanceAccountSequence(accountId: string, sequence: number): Promise<void> {
    if (sequence > (this.accounts.get(accountId) ?? 0)) this.accounts.set(accountId, sequence);
  }

  async getCheckpoints(): Promise<Checkpoint[]> {
    return [...this.checkpoints.entries()]
      .sort(([a], [b]) => a - b)
      .map(([partition, o]) => ({ partition, nextOffset: o.toString() }));
  }

  async advanceCheckpoint({ partition, nextOffset }: Checkpoint): Promise<void> {
    const next = BigInt(nextOffset);
    const seen = this.checkpoints.get(partition);
    if (seen === undefined || next > seen) this.checkpoints.set(partition, next);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}
