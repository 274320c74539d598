import { MongoClient } from 'mongodb';
import { MongoReadModelStore } from '@portcullis/read-models';
import { runReadModelStoreConformance } from '../../libs/read-models/src/read-model-store.conformance';
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
