import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to embedded backends on the documented ports', () => {
    const c = loadConfig({});
    expect(c.kafka.brokers).toBeNull();
    expect(c.mongo.uri).toBeNull();
    expect([c.httpPort, c.grpcPort, c.dataDir, c.kafka.partitions]).toEqual([
      8080,
      50051,
      'data',
      6,
    ]);
    expect(c.kafka.eventsTopic).toBe('iam.events');
  });

  it('reads brokers as a trimmed list', () => {
    expect(loadConfig({ IAM_KAFKA_BROKERS: ' a:9092, b:9092 ,' }).kafka.brokers).toEqual([
      'a:9092',
      'b:9092',
    ]);
  });

  it('refuses a port that is not a number', () => {
    expect(() => loadConfig({ IAM_HTTP_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ IAM_HTTP_PORT: 'eighty' })).toThrow(
      'IAM_HTTP_PORT must be a non-negative integer, got "eighty"',
    );
  });
});
