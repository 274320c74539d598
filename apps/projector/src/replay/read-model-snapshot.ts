import type { Db } from 'mongodb';
import {
  type AccessKeyDocument,
  type Checkpoint,
  type GroupDocument,
  type GroupMembersDocument,
  type ManagedPolicyDocument,
  MemoryReadModelStore,
  type PrincipalDocument,
  READ_MODEL_COLLECTIONS,
  type ReadModelDocuments,
  type ReadModelKind,
  type ReadModelStore,
  type ReadModelWrite,
} from '@portcullis/read-models';

/**
 * Everything a read-model store holds, listed (the store port only looks documents up by `_id`):
 * what `verify` compares. Lists are read whole; a replay's database fits in memory by design
 * (the replay folds it there).
 */
export interface ReadModelSnapshot {
  /** For messages: "live (portcullis)", "replay (portcullis_replay)". */
  readonly label: string;
  documents<K extends ReadModelKind>(kind: K): Promise<ReadModelDocuments[K][]>;
  accountSequences(): Promise<Map<string, number>>;
  checkpoints(): Promise<Checkpoint[]>;
}

/**
 * A MongoDB/FerretDB database of read models. Documents and account sequences are listed from
 * the collections MongoReadModelStore writes (`READ_MODEL_COLLECTIONS`, `accounts`), with no
 * sort (FerretDB sorts large results in memory); checkpoints come through the store, which owns
 * their encoding.
 */
export class MongoReadModelSnapshot implements ReadModelSnapshot {
  constructor(
    readonly label: string,
    private readonly db: Db,
    private readonly store: ReadModelStore,
  ) {}

  async documents<K extends ReadModelKind>(kind: K): Promise<ReadModelDocuments[K][]> {
    const docs = await this.db
      .collection(READ_MODEL_COLLECTIONS[kind])
      .find({}, { batchSize: 5000 })
      .toArray();
    return docs as unknown as ReadModelDocuments[K][];
  }

  async accountSequences(): Promise<Map<string, number>> {
    const docs = await this.db
      .collection<{ _id: string; sequence: number }>('accounts')
      .find({})
      .toArray();
    return new Map(docs.map((d) => [d._id, d.sequence]));
  }

  checkpoints(): Promise<Checkpoint[]> {
    return this.store.getCheckpoints();
  }
}

/**
 * The in-memory store, listable: it remembers every `_id` and account written to it (the
 * in-memory store itself has no listing). For specs, and a replay kept in memory.
 */
export class ListedMemoryReadModelStore extends MemoryReadModelStore {
  private readonly listedIds: { [K in ReadModelKind]: Set<string> } = {
    principal: new Set(),
    group: new Set(),
    groupMembers: new Set(),
    policy: new Set(),
    accessKey: new Set(),
  };
  private readonly listedAccounts = new Set<string>();

  override async bulkWrite(ops: readonly ReadModelWrite[]): Promise<void> {
    for (const op of ops) if ('put' in op) this.listedIds[op.put].add(op.doc._id);
    await super.bulkWrite(ops);
  }
  override async putPrincipal(doc: PrincipalDocument): Promise<void> {
    this.listedIds.principal.add(doc._id);
    await super.putPrincipal(doc);
  }
  override async putGroup(doc: GroupDocument): Promise<void> {
    this.listedIds.group.add(doc._id);
    await super.putGroup(doc);
  }
  override async putGroupMembers(doc: GroupMembersDocument): Promise<void> {
    this.listedIds.groupMembers.add(doc._id);
    await super.putGroupMembers(doc);
  }
  override async putPolicy(doc: ManagedPolicyDocument): Promise<void> {
    this.listedIds.policy.add(doc._id);
    await super.putPolicy(doc);
  }
  override async putAccessKey(doc: AccessKeyDocument): Promise<void> {
    this.listedIds.accessKey.add(doc._id);
    await super.putAccessKey(doc);
  }
  override async advanceAccountSequence(accountId: string, sequence: number): Promise<void> {
    this.listedAccounts.add(accountId);
    await super.advanceAccountSequence(accountId, sequence);
  }

  /** What the store holds now, listed. */
  snapshot(label: string): ReadModelSnapshot {
    return {
      label,
      documents: async <K extends ReadModelKind>(kind: K) => {
        const docs = await GETS[kind](this, [...this.listedIds[kind]]);
        return docs.filter((d): d is ReadModelDocuments[K] => d !== null);
      },
      accountSequences: async () => {
        const out = new Map<string, number>();
        for (const account of this.listedAccounts)
          out.set(account, await this.getAccountSequence(account));
        return out;
      },
      checkpoints: () => this.getCheckpoints(),
    };
  }
}

const GETS: {
  [K in ReadModelKind]: (
    s: ReadModelStore,
    ids: string[],
  ) => Promise<(ReadModelDocuments[K] | null)[]>;
} = {
  principal: (s, ids) => s.getPrincipals(ids),
  group: (s, ids) => s.getGroups(ids),
  groupMembers: (s, ids) => s.getGroupMembersMany(ids),
  policy: (s, ids) => s.getPolicies(ids),
  accessKey: (s, ids) => s.getAccessKeys(ids),
};
