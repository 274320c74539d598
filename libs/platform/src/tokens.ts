/** Injection tokens for the ports the apps share. */
export const EVENT_LOG = Symbol('EventLog');
export const READ_MODEL_STORE = Symbol('ReadModelStore');
export const KAFKA_CLIENT = Symbol('KafkaClient');
export const PORTCULLIS_CONFIG = Symbol('PortcullisConfig');
