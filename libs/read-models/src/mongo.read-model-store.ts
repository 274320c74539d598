import {
  AnyBulkWriteOperation,
  Collection,
  Db,
  Document,
  MongoBulkWriteError,
  MongoClient,
} from 'mongodb';
import {
  lastWritePerDocument,
  type AccessKeyDocument,
  type Checkpoint,
  type GroupDocument,
  type GroupMembersDocument,
  type ManagedPolicyDocument,
  type PrincipalDocument,
  type ReadModelDocuments,
  type ReadModelKind,
  type ReadModelStore,
  type ReadModelWrite,
} from './read-model-store.port';

interface AccountDoc {
  _id: string;
  sequence: number;
}
interface CheckpointDoc {
  _id: number;
  /** Zero-padded so that string order is numeric order (int64 exceeds a double's precision). */
  nextOffset: string;
}

const pad = (offset: string): string => offset.padStart(20, '0');
const unpad = (offset: string): string => BigInt(offset).toString();

/** Collection of each kind of document. */
export const READ_MODEL_COLLECTIONS: { readonly [K in ReadModelKind]: string } = {
  principal: 'principals',
  group: 'groups',
  groupMembers: 'groupMembers',
  policy: 'policies',
  accessKey: 'accessKeys',
};

const DUPLICATE_KEY = 11000;

/** Every read-model document: keyed by a string `_id`. */
type Keyed = Document & { _id: string };

/**
 * How the adapter batches writes. FerretDB 1.24 runs the statements of one `update` command one
 * by one, and each replace of an existing document keeps a PostgreSQL connection of its pool (50
 * by default) until the whole command ends (msg_update.go defers closing each statement's query
 * inside the loop): a bulk of ~50 replaces of existing documents starves the pool and hangs the
 * whole server, every client included. So on FerretDB replaces go in small commands, a couple at
 * a time; inserts and deletes release their connection per statement and may be large.
 */
interface WriteTuning {
  /** Replace statements per `update` command. */
  replaceChunk: number;
  /**
   * `update` commands in flight at once, for the whole store: every bulkWrite, collection and
   * caller (the projector writes its partitions concurrently) shares these slots, so the
   * connections FerretDB holds stay bounded however many writes run.
   */
  replaceParallelism: number;
  /** Statements per insert or delete command. */
  chunk: number;
  /** Concurrent `findOne`s of a plural get. */
  readParallelism: number;
}
const FERRETDB_TUNING: WriteTuning = {
  replaceChunk: 8,
  replaceParallelism: 2,
  chunk: 1000,
  readParallelism: 64,
};
const MONGODB_TUNING: WriteTuning = {
  replaceChunk: 1000,
  replaceParallelism: 2,
  chunk: 1000,
  readParallelism: 64,
};

/** Runs `task` over `items` with at most `parallelism` running at once; answers in order. */
async function mapLimited<T, R>(
  items: readonly T[],
  parallelism: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelism, items.length) }, worker));
  return results;
}

/** At most `slots` tasks running at once; the others wait their turn in order. */
class Slots {
  private readonly waiting: (() => void)[] = [];
  constructor(private free: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resume) => this.waiting.push(resume));
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter, or give it back.
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Read models in MongoDB, or FerretDB 1.x: only lookups by `_id` (a plural get is concurrent
 * `findOne`s, as FerretDB does not push `$in` down), replace/upsert and delete by `_id`,
 * insert, and single-document updates. No transactions, no sessions.
 */
export class MongoReadModelStore implements ReadModelStore {
  private readonly collections: { [K in ReadModelKind]: Collection<ReadModelDocuments[K]> };
  private readonly accounts: Collection<AccountDoc>;
  private readonly checkpoints: Collection<CheckpointDoc>;
  private readonly replaceSlots: Slots;

  private constructor(
    private readonly client: MongoClient,
    db: Db,
    private readonly tuning: WriteTuning,
  ) {
    this.collections = {
      principal: db.collection(READ_MODEL_COLLECTIONS.principal),
      group: db.collection(READ_MODEL_COLLECTIONS.group),
      groupMembers: db.collection(READ_MODEL_COLLECTIONS.groupMembers),
      policy: db.collection(READ_MODEL_COLLECTIONS.policy),
      accessKey: db.collection(READ_MODEL_COLLECTIONS.accessKey),
    };
    this.accounts = db.collection('accounts');
    this.checkpoints = db.collection('checkpoints');
    this.replaceSlots = new Slots(tuning.replaceParallelism);
  }

  static async connect(
    uri: string,
    options: { database?: string; serverSelectionTimeoutMS?: number } = {},
  ): Promise<MongoReadModelStore> {
    const client = new MongoClient(uri, {
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
    });
    await client.connect();
    try {
      const info = await client.db('admin').command({ buildInfo: 1 });
      const tuning = info.ferretdbVersion ? FERRETDB_TUNING : MONGODB_TUNING;
      return new MongoReadModelStore(client, client.db(options.database), tuning);
    } catch (error) {
      await client.close().catch(() => undefined);
      throw error;
    }
  }

  private collection<K extends ReadModelKind>(kind: K): Collection<Keyed> {
    return this.collections[kind] as unknown as Collection<Keyed>;
  }

  private async getOne<K extends ReadModelKind>(
    kind: K,
    id: string,
  ): Promise<ReadModelDocuments[K] | null> {
    return (await this.collection(kind).findOne({ _id: id })) as ReadModelDocuments[K] | null;
  }

  private async getMany<K extends ReadModelKind>(
    kind: K,
    ids: readonly string[],
  ): Promise<(ReadModelDocuments[K] | null)[]> {
    return mapLimited(ids, this.tuning.readParallelism, (id) => this.getOne(kind, id));
  }

  private async putOne<K extends ReadModelKind>(
    kind: K,
    doc: ReadModelDocuments[K],
  ): Promise<void> {
    await this.collection(kind).replaceOne({ _id: doc._id }, doc as Keyed, { upsert: true });
  }

  private async deleteOne(kind: ReadModelKind, id: string): Promise<void> {
    await this.collection(kind).deleteOne({ _id: id });
  }

  getPrincipal(arn: string): Promise<PrincipalDocument | null> {
    return this.getOne('principal', arn);
  }
  getPrincipals(arns: readonly string[]): Promise<(PrincipalDocument | null)[]> {
    return this.getMany('principal', arns);
  }
  putPrincipal(doc: PrincipalDocument): Promise<void> {
    return this.putOne('principal', doc);
  }
  deletePrincipal(arn: string): Promise<void> {
    return this.deleteOne('principal', arn);
  }

  getGroup(arn: string): Promise<GroupDocument | null> {
    return this.getOne('group', arn);
  }
  getGroups(arns: readonly string[]): Promise<(GroupDocument | null)[]> {
    return this.getMany('group', arns);
  }
  putGroup(doc: GroupDocument): Promise<void> {
    return this.putOne('group', doc);
  }
  deleteGroup(arn: string): Promise<void> {
    return this.deleteOne('group', arn);
  }

  getGroupMembers(groupArn: string): Promise<GroupMembersDocument | null> {
    return this.getOne('groupMembers', groupArn);
  }
  getGroupMembersMany(groupArns: readonly string[]): Promise<(GroupMembersDocument | null)[]> {
    return this.getMany('groupMembers', groupArns);
  }
  putGroupMembers(doc: GroupMembersDocument): Promise<void> {
    return this.putOne('groupMembers', doc);
  }
  deleteGroupMembers(groupArn: string): Promise<void> {
    return this.deleteOne('groupMembers', groupArn);
  }

  getPolicy(arn: string): Promise<ManagedPolicyDocument | null> {
    return this.getOne('policy', arn);
  }
  getPolicies(arns: readonly string[]): Promise<(ManagedPolicyDocument | null)[]> {
    return this.getMany('policy', arns);
  }
  putPolicy(doc: ManagedPolicyDocument): Promise<void> {
    return this.putOne('policy', doc);
  }
  deletePolicy(arn: string): Promise<void> {
    return this.deleteOne('policy', arn);
  }

  getAccessKey(accessKeyId: string): Promise<AccessKeyDocument | null> {
    return this.getOne('accessKey', accessKeyId);
  }
  getAccessKeys(accessKeyIds: readonly string[]): Promise<(AccessKeyDocument | null)[]> {
    return this.getMany('accessKey', accessKeyIds);
  }
  putAccessKey(doc: AccessKeyDocument): Promise<void> {
    return this.putOne('accessKey', doc);
  }
  deleteAccessKey(accessKeyId: string): Promise<void> {
    return this.deleteOne('accessKey', accessKeyId);
  }

  /**
   * One document per (kind, `_id`) after `lastWritePerDocument`, so every write can go
   * unordered: per collection, inserts for puts marked `created` (a duplicate falls back to a
   * replace), replaces in small commands (see WriteTuning), deletes; collections in parallel.
   */
  async bulkWrite(ops: readonly ReadModelWrite[]): Promise<void> {
    const byKind = new Map<ReadModelKind, ReadModelWrite[]>();
    for (const op of lastWritePerDocument(ops)) {
      const kind = 'put' in op ? op.put : op.delete;
      const list = byKind.get(kind) ?? [];
      list.push(op);
      byKind.set(kind, list);
    }
    await Promise.all([...byKind].map(([kind, list]) => this.writeKind(kind, list)));
  }

  private async writeKind(kind: ReadModelKind, ops: readonly ReadModelWrite[]): Promise<void> {
    const collection = this.collection(kind);
    const inserts: Keyed[] = [];
    const replaces: Keyed[] = [];
    const deletes: string[] = [];
    for (const op of ops) {
      if ('put' in op) (op.created ? inserts : replaces).push(op.doc as Keyed);
      else deletes.push(op.id);
    }
    for (const chunk of chunks(inserts, this.tuning.chunk)) {
      replaces.push(...(await this.insertOrCollectExisting(collection, chunk)));
    }
    await Promise.all(
      chunks(replaces, this.tuning.replaceChunk).map((chunk) =>
        this.replaceSlots.run(() =>
          collection.bulkWrite(
            chunk.map((doc): AnyBulkWriteOperation<Keyed> => ({
              replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true },
            })),
            { ordered: false },
          ),
        ),
      ),
    );
    for (const chunk of chunks(deletes, this.tuning.chunk)) {
      await collection.bulkWrite(
        chunk.map((id): AnyBulkWriteOperation<Keyed> => ({ deleteOne: { filter: { _id: id } } })),
        { ordered: false },
      );
    }
  }

  /** Inserts unordered; answers the documents that already existed (duplicate `_id`). */
  private async insertOrCollectExisting(
    collection: Collection<Keyed>,
    docs: Keyed[],
  ): Promise<Keyed[]> {
    try {
      await collection.bulkWrite(
        docs.map((document): AnyBulkWriteOperation<Keyed> => ({ insertOne: { document } })),
        { ordered: false },
      );
      return [];
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError)) throw error;
      const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
      if (errors.length === 0 || errors.some((e) => e.code !== DUPLICATE_KEY)) throw error;
      return errors.map((e) => docs[e.index]);
    }
  }

  async getAccountSequence(accountId: string): Promise<number> {
    return (await this.accounts.findOne({ _id: accountId }))?.sequence ?? 0;
  }

  async advanceAccountSequence(accountId: string, sequence: number): Promise<void> {
    // One projector instance owns an account's partition, so read-then-write cannot race.
    const current = await this.getAccountSequence(accountId);
    if (sequence > current) {
      await this.accounts.updateOne({ _id: accountId }, { $set: { sequence } }, { upsert: true });
    }
  }

  async getCheckpoints(): Promise<Checkpoint[]> {
    const docs = await this.checkpoints.find({}).toArray();
    return docs
      .map((d) => ({ partition: d._id, nextOffset: unpad(d.nextOffset) }))
      .sort((a, b) => a.partition - b.partition);
  }

  async advanceCheckpoint({ partition, nextOffset }: Checkpoint): Promise<void> {
    const current = await this.checkpoints.findOne({ _id: partition });
    if (current && BigInt(current.nextOffset) >= BigInt(nextOffset)) return;
    await this.checkpoints.updateOne(
      { _id: partition },
      { $set: { nextOffset: pad(nextOffset) } },
      { upsert: true },
    );
  }

  async ping(): Promise<void> {
    await this.client.db('admin').command({ ping: 1 });
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
