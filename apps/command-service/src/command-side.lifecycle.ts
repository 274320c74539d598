import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { EventLog } from '@portcullis/event-log';
import {
  EVENT_LOG,
  KAFKA_CLIENT,
  PORTCULLIS_CONFIG,
  PortcullisConfig,
  Readiness,
} from '@portcullis/platform';
import { ManagementAccountBootstrap } from './accounts/bootstrap-management-account/management-account.bootstrap';
import { AccountRepository } from './pipeline/account.repository';
import { CommandGateway } from './pipeline/command-gateway.port';
import { CommandProcessor } from './pipeline/command-processor';
import { EmbeddedCommandGateway } from './pipeline/embedded.command-gateway';
import { ensureCommandTopics } from './pipeline/kafka/command-topics';
import { KafkaCommandConsumer } from './pipeline/kafka/kafka-command.consumer';
import { KafkaCommandGateway } from './pipeline/kafka/kafka.command-gateway';

/**
 * Starts the write side for the configured backend: the in-process writer over the embedded
 * log, or the Kafka partition owner plus the HTTP gateway that forwards onto `iam.commands`.
 */
@Injectable()
export class CommandSideLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CommandService');
  private consumer: KafkaCommandConsumer | null = null;
  private bootstrapping: Promise<void> = Promise.resolve();

  constructor(
    @Inject(PORTCULLIS_CONFIG) private readonly config: PortcullisConfig,
    @Inject(EVENT_LOG) private readonly log: EventLog,
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka | null,
    private readonly gateway: CommandGateway,
    private readonly processor: CommandProcessor,
    private readonly accounts: AccountRepository,
    private readonly readiness: Readiness,
    private readonly bootstrap: ManagementAccountBootstrap,
  ) {
    readiness.addRole('command-writer');
  }

  /** The Kafka partition owner, when Kafka runs (tests reach its hooks and events through it). */
  get kafkaConsumer(): KafkaCommandConsumer | null {
    return this.consumer;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.gateway instanceof EmbeddedCommandGateway) {
      await this.gateway.start();
      this.readiness.markReady('command-writer');
      this.logger.log('writing to the embedded event log');
      await this.bootstrap.run();
      return;
    }
    if (!(this.gateway instanceof KafkaCommandGateway) || !this.kafka) {
      throw new Error('Kafka gateway expected');
    }
    const k = this.config.kafka;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await ensureCommandTopics(
        admin,
        { commands: k.commandsTopic, commandResults: k.commandResultsTopic },
        this.log.partitionCount,
      );
    } finally {
      await admin.disconnect();
    }
    await this.gateway.start();
    this.consumer = new KafkaCommandConsumer(this.kafka, this.log, this.processor, this.accounts, {
      groupId: `${k.clientId}-command-service`,
      commandsTopic: k.commandsTopic,
      commandResultsTopic: k.commandResultsTopic,
      eventsTopic: k.eventsTopic,
      transactionalIdPrefix: `${k.clientId}-commands`,
    });
    await this.consumer.start(() => {
      this.readiness.markReady('command-writer');
      this.logger.log('consuming commands from Kafka');
    });
    // Through Kafka like any command: whichever instance owns the management account's
    // partition applies it, maybe only once a rebalance settles, so the start does not wait
    // for it; readiness does (role `management-account`).
    this.readiness.addRole('management-account');
    this.bootstrapping = this.bootstrap
      .runUntilDone()
      .then(() => this.readiness.markReady('management-account'));
  }

  /** Resolves once the management account bootstrap is done (at start, embedded). */
  bootstrapped(): Promise<void> {
    return this.bootstrapping;
  }

  async onApplicationShutdown(): Promise<void> {
    this.bootstrap.stop();
    await this.consumer?.stop();
    if (this.gateway instanceof KafkaCommandGateway) await this.gateway.stop();
  }
}
