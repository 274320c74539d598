export * from './events/event-envelope';
export * from './events/iam-event-types';
export * from './commands/command-envelope';
export * from './commands/command-authentication';
export * from './consistency-token';
export * from './grpc/proto-path';
export * from './topics';
