export * from './read-model-store.port';
export * from './memory.read-model-store';
export * from './mongo.read-model-store';
