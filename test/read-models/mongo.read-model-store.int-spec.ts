import { MongoClient } from 'mongodb';
import { MongoReadModelStore, type ReadModelWrite } from '@portcullis/read-models';
import {
  runReadModelStoreConformance,
  sampleGroup,
  samplePolicy,
  samplePrincipal,
} from '../../libs/read-models/src/read-model-store.conformance';
import { mongoUri, uniqueName } from '../setup/backends';

const databases: string[] = [];

afterAll(async () => {
  const client = await MongoClient.connect(mongoUri());
  for (const db of databases) await client.db(db).dropDatabase();
  await client.close();
});

runReadModelStoreConformance('MongoDB/FerretDB', async () => {
  const database = uniqueName('rm').replace(/-/g, '_');
  databases.push(database);
  return MongoReadModelStore.connect(mongoUri(), { database });
});

describe('MongoReadModelStore under concurrent writers', () => {
  // FerretDB 1.x holds a PostgreSQL connection per replace statement until its command ends; a
  // store must bound that across callers (the projector writes its partitions at once), or the
  // pool of 50 runs dry and the server stops answering every client.
  it('replaces hundreds of existing documents from 6 concurrent bulkWrites and stays responsive', async () => {
    const database = uniqueName('rm').replace(/-/g, '_');
    databases.push(database);
    const store = await MongoReadModelStore.connect(mongoUri(), { database });
    try {
      const callers = 6;
      const perKind = 60;
      const arn = (c: number, i: number, kind: string) =>
        `arn:aws:iam::123456789012:${kind}/c${c}-${i}`;
      const writes = (c: number, name: string): ReadModelWrite[] =>
        Array.from({ length: perKind }, (_, i) => [
          { put: 'principal' as const, doc: samplePrincipal({ _id: arn(c, i, 'user'), name }) },
          { put: 'group' as const, doc: sampleGroup({ _id: arn(c, i, 'group'), name }) },
          { put: 'policy' as const, doc: samplePolicy({ _id: arn(c, i, 'policy'), name }) },
        ]).flat();
      const all = (name: string) =>
        Promise.all(Array.from({ length: callers }, (_, c) => store.bulkWrite(writes(c, name))));
      await all('first');
      await all('second'); // every one of these is a replace of an existing document

      const principals = await store.getPrincipals(
        Array.from({ length: perKind }, (_, i) => arn(callers - 1, i, 'user')),
      );
      expect(principals.map((p) => p?.name)).toEqual(Array(perKind).fill('second'));
      await expect(store.ping()).resolves.toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
