import { type Db, MongoClient } from 'mongodb';
import { MongoReadModelStore } from '@portcullis/read-models';
import { MongoReadModelSnapshot } from './read-model-snapshot';
import { ReplayTargetNotEmptyError } from './replay';

/** A database name the replay cannot use (the live one, an invalid name, one that is missing). */
export class ReplayDatabaseError extends Error {
  override readonly name = 'ReplayDatabaseError';
}

// What MongoDB and FerretDB 1.x both accept as a database name.
const DATABASE_NAME = /^[A-Za-z0-9_-]{1,63}$/;

export interface ReplayDatabaseOptions {
  /** MongoDB connection string (IAM_MONGODB_URI). */
  uri: string;
  /** The database of the live read models (IAM_MONGODB_DATABASE): never written by a replay. */
  liveDatabase: string;
  serverSelectionTimeoutMS?: number;
}

/** Checks a database name given on the command line, before anything connects. */
export function checkReplayDatabaseName(database: string, liveDatabase: string): void {
  if (!DATABASE_NAME.test(database)) {
    throw new ReplayDatabaseError(
      `"${database}" is not a usable database name (letters, digits, "_" and "-", at most 63)`,
    );
  }
  if (database === liveDatabase) {
    throw new ReplayDatabaseError(
      `"${database}" is the live read models' database (IAM_MONGODB_DATABASE): a replay builds a separate one`,
    );
  }
}

/** Collections of `db` that hold at least one document. */
async function nonEmptyCollections(db: Db): Promise<string[]> {
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((n) => !n.startsWith('system.'));
  const counts = await Promise.all(
    names.map(async (n) => [n, await db.collection(n).countDocuments({}, { limit: 1 })] as const),
  );
  return counts.filter(([, c]) => c > 0).map(([n]) => n);
}

/**
 * Opens the database a replay writes into, refusing the live one and any database that already
 * holds documents (a replay inserts; it does not merge into what is there).
 */
export async function openReplayTarget(
  database: string,
  options: ReplayDatabaseOptions,
): Promise<MongoReadModelStore> {
  checkReplayDatabaseName(database, options.liveDatabase);
  const client = new MongoClient(options.uri, {
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
  });
  try {
    await client.connect();
    const used = await nonEmptyCollections(client.db(database));
    if (used.length) {
      throw new ReplayTargetNotEmptyError(
        `database "${database}" is not empty (${used.join(', ')}): replay into a fresh database, ` +
          `or drop this one first`,
      );
    }
  } finally {
    await client.close();
  }
  return MongoReadModelStore.connect(options.uri, {
    database,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS,
  });
}

export interface OpenedSnapshots {
  live: MongoReadModelSnapshot;
  replayed: MongoReadModelSnapshot;
  close(): Promise<void>;
}

/** The live database and a replayed one, for `verify`. The replayed one must hold read models. */
export async function openSnapshots(
  database: string,
  options: ReplayDatabaseOptions,
): Promise<OpenedSnapshots> {
  checkReplayDatabaseName(database, options.liveDatabase);
  const client = new MongoClient(options.uri, {
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
  });
  const stores: MongoReadModelStore[] = [];
  const close = async () => {
    await Promise.all(stores.map((s) => s.close().catch(() => undefined)));
    await client.close().catch(() => undefined);
  };
  try {
    await client.connect();
    if ((await nonEmptyCollections(client.db(database))).length === 0) {
      throw new ReplayDatabaseError(
        `database "${database}" holds no read models: run "replay --into ${database}" first`,
      );
    }
    const open = async (name: string) => {
      const store = await MongoReadModelStore.connect(options.uri, {
        database: name,
        serverSelectionTimeoutMS: options.serverSelectionTimeoutMS,
      });
      stores.push(store);
      return store;
    };
    return {
      live: new MongoReadModelSnapshot(
        'live',
        client.db(options.liveDatabase),
        await open(options.liveDatabase),
      ),
      replayed: new MongoReadModelSnapshot('replay', client.db(database), await open(database)),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
