export * from './event-log.port';
export * from './event-log.errors';
export { partitionFor } from './partition-for-key';
export { EmbeddedEventLog, DEFAULT_PARTITION_COUNT } from './embedded.event-log';
export type { EmbeddedEventLogOptions, RecoveryReport } from './embedded.event-log';
export { KafkaEventLog } from './kafka.event-log';
export type { KafkaEventLogConfig } from './kafka-event-log.config';
// For code that writes or reads `iam.events` in its own Kafka transactions (the command side's
// events + reply + offsets): the same record layout and the same fencing test as the adapter.
export { encodeEvent, decodeRecord } from './kafka-event-codec';
export { isFencingError } from './kafka-errors';
// event-log.conformance.ts is not exported here: it needs jest's globals. Import it by path.
