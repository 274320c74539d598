import { Inject, Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import type { CommandReply } from '@portcullis/contracts';
import { PORTCULLIS_CONFIG, type PortcullisConfig } from '@portcullis/platform';
import { CredentialSecrets } from '../../credentials/credential-secrets.port';
import { sealCommandInputs } from '../../credentials/sealed-command-inputs';
import { openReplySecret } from '../../credentials/shared/sealed-reply-secret';
import { COMMAND_CATALOG } from '../../pipeline/command-catalog';
import { CommandGateway } from '../../pipeline/command-gateway.port';
import type { BootstrapManagementAccountResult } from './bootstrap-management-account.command';

/** Where the one-time root credentials go (stdout unless a test looks). */
export type CredentialsPrinter = (text: string) => void;
export const CREDENTIALS_PRINTER = Symbol('CredentialsPrinter');

/**
 * Runs BootstrapManagementAccount at every start of a command service, once the command side
 * accepts commands: the management account exists and the operator's root key is active when
 * the start completes. Root credentials generated on the first start are printed once, to stdout
 * (not the log), and can never be shown again: the reply that carried them is sealed.
 */
@Injectable()
export class ManagementAccountBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    @Inject(PORTCULLIS_CONFIG) private readonly config: PortcullisConfig,
    private readonly gateway: CommandGateway,
    private readonly secrets: CredentialSecrets,
    @Inject(CREDENTIALS_PRINTER) private readonly print: CredentialsPrinter,
  ) {}

  private stopped = false;

  stop(): void {
    this.stopped = true;
  }

  /**
   * `run` again and again (Kafka: the partition's owner may take a while to settle) until it
   * succeeds or the service stops; failures are logged.
   */
  async runUntilDone(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.run();
        return;
      } catch (error) {
        if (this.stopped) return;
        this.logger.error(String(error instanceof Error ? error.message : error));
        await sleep(1000);
      }
    }
  }

  async run(): Promise<void> {
    const accountId = this.config.managementAccountId;
    const key = this.config.bootstrapAccessKey;
    const deadline = Date.now() + this.config.startupTimeoutMs;
    const commandId = `bootstrap-${randomUUID()}`;
    const envelope = sealCommandInputs(
      COMMAND_CATALOG.BootstrapManagementAccount,
      {
        commandId,
        accountId,
        actor: `arn:aws:iam::${accountId}:root`,
        action: 'BootstrapManagementAccount',
        input: {
          AccountName: 'management',
          ...(key ? { AccessKeyId: key.accessKeyId, SecretAccessKey: key.secretAccessKey } : {}),
        },
        caller: { authenticatedBy: 'service' },
      },
      this.secrets,
    );
    let reply: CommandReply;
    for (;;) {
      try {
        // The same command id on a retry: a retry after a lost reply answers the first result.
        reply = await this.gateway.submit(envelope);
        if (reply.ok || reply.error.Code !== 'ServiceUnavailable') break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        this.logger.warn(`management account bootstrap: ${String(error)}; retrying`);
      }
      if (Date.now() > deadline) break;
      await sleep(500);
    }
    if (!reply!.ok) {
      throw new Error(
        `management account bootstrap failed: ${reply!.error.Code}: ${reply!.error.Message}`,
      );
    }
    const result = reply!.output as BootstrapManagementAccountResult;
    if (result.AccountCreated) this.logger.log(`created the management account ${accountId}`);
    if (result.AccessKey && !key) {
      const secret = openReplySecret(result.AccessKey.SecretAccessKey, this.secrets);
      this.print(
        [
          '',
          `Root credentials of the management account ${accountId} (shown once, never again):`,
          `  AWS_ACCESS_KEY_ID=${result.AccessKey.AccessKeyId}`,
          `  AWS_SECRET_ACCESS_KEY=${secret}`,
          '',
        ].join('\n'),
      );
    }
  }
}
