/** Kafka topic names (overridable by configuration, these are the defaults). */
export const Topics = {
  commands: 'iam.commands',
  commandResults: 'iam.command-results',
  events: 'iam.events',
  eventsDlq: 'iam.events.dlq',
} as const;
