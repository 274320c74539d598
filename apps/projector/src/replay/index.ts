// Audit-log replay: the event log → a fresh database of read models, and a diff with the live one.
export * from './replay';
export * from './replay-bound';
export * from './replay-fold';
export * from './replay-reader';
export * from './kafka-replay-reader';
export * from './replay-writer';
export * from './read-model-snapshot';
export * from './replay-databases';
export * from './verify-read-models';
