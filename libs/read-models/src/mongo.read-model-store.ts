import { Collection, Db, MongoClient } from 'mongodb';
import type { Checkpoint, PrincipalDocument, ReadModelStore } from './read-model-store.port';

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

/**
 * Read models in MongoDB (or FerretDB 1.x: only `_id` lookups, replace/upsert by `_id` and
 * conditional single-document updates are used).
 */
export class MongoReadModelStore implements ReadModelStore {
  private readonly principals: Collection<PrincipalDocument>;
  private readonly accounts: Collection<AccountDoc>;
  private readonly checkpoints: Collection<CheckpointDoc>;

  private constructor(
    private readonly client: MongoClient,
    db: Db,
  ) {
    this.principals = db.collection('principals');
    this.accounts = db.collection('accounts');
    this.checkpoints = db.collection('checkpoints');
  }

  static async connect(
    uri: string,
    options: { database?: string; serverSelectionTimeoutMS?: number } = {},
  ): Promise<MongoReadModelStore> {
    const client = new MongoClient(uri, {
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
    });
    await client.connect();
    const store = new MongoReadModelStore(client, client.db(options.database));
    await store.ping();
    return store;
  }

  async getPrincipal(arn: string): Promise<PrincipalDocument | null> {
    return this.principals.findOne({ _id: arn });
  }

  async putPrincipal(doc: PrincipalDocument): Promise<void> {
    await this.principals.replaceOne({ _id: doc._id }, doc, { upsert: true });
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
