import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type Provider,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CommandEnvelope } from '@portcullis/contracts';
import { accessKeyKindOf } from '@portcullis/credentials';
import type { AuthenticatedCaller } from '../authentication/authenticated-caller';
import type { SigningScope } from '../authentication/request-authenticator';
import { CommandGateway } from '../pipeline/command-gateway.port';
import { MAX_USAGE_PER_COMMAND } from './record-access-key-usage/record-access-key-usage.request.dto';

/** How often the edge sends what it saw (seconds); at shutdown too. */
export const ACCESS_KEY_USAGE_FLUSH_ENV = 'IAM_ACCESS_KEY_USAGE_FLUSH_SECONDS';
export const DEFAULT_ACCESS_KEY_USAGE_FLUSH_SECONDS = 60;

/** IAM_ACCESS_KEY_USAGE_FLUSH_SECONDS in ms: a positive integer; unset, 60 s. */
export function accessKeyUsageFlushMsFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env[ACCESS_KEY_USAGE_FLUSH_ENV]?.trim();
  if (!raw) return DEFAULT_ACCESS_KEY_USAGE_FLUSH_SECONDS * 1000;
  const seconds = Number(raw);
  if (!/^\d+$/.test(raw) || seconds < 1 || !Number.isSafeInteger(seconds)) {
    throw new Error(`${ACCESS_KEY_USAGE_FLUSH_ENV} must be a positive integer (seconds)`);
  }
  return seconds * 1000;
}

export interface AccessKeyUsageRecorderOptions {
  readonly flushIntervalMs: number;
  /** ms since the epoch (default Date.now). */
  readonly now?: () => number;
}

/** What the edge keeps per key between two flushes: its latest use. */
interface SeenUse {
  readonly accountId: string;
  /** ms since the epoch. */
  readonly at: number;
  readonly service: string;
  readonly region: string;
}

/**
 * The HTTP edge's memory of access key use (GetAccessKeyLastUsed's data), kept cheap: a request
 * authenticated by a long-term key (`AKIA…`; temporary credentials are not recorded, as in AWS)
 * updates an in-memory entry for that key, its latest use only, so memory is bounded by the number
 * of keys used since the last flush. Every IAM_ACCESS_KEY_USAGE_FLUSH_SECONDS (default 60) and at
 * shutdown it submits one internal RecordAccessKeyUsage per account (split by
 * MAX_USAGE_PER_COMMAND keys) as the service; nothing when no key was used. A failed submission
 * (unreachable, ServiceUnavailable) is kept for the next flush; uses seen after the last flush of
 * a stopping instance are lost (best effort: last use is eventual, as in AWS).
 */
@Injectable()
export class AccessKeyUsageRecorder implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AccessKeyUsage');
  private readonly now: () => number;
  private pending = new Map<string, SeenUse>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly gateway: CommandGateway,
    private readonly options: AccessKeyUsageRecorderOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Notes a successful authentication; only a long-term access key's is kept. */
  record(caller: AuthenticatedCaller, scope: SigningScope): void {
    const { authenticatedBy, accessKeyId } = caller.context;
    if (authenticatedBy !== 'access-key' || accessKeyId === undefined) return;
    if (accessKeyKindOf(accessKeyId) !== 'long-term') return;
    this.keep(accessKeyId, {
      accountId: caller.accountId,
      at: this.now(),
      service: scope.service,
      region: scope.region,
    });
  }

  /** Keys used since the last flush (not yet submitted). */
  get pendingCount(): number {
    return this.pending.size;
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Flushes every interval from now on. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      // A flush still running (a slow gateway) is not queued behind: the next tick catches up.
      if (!this.flushing) void this.flush();
    }, this.options.flushIntervalMs);
    this.timer.unref();
  }

  /** No more periodic flushes; submits what is pending. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  /** Submits what is pending, after any flush already running. Never throws. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    this.flushing = this.submitPending().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private keep(accessKeyId: string, use: SeenUse): void {
    const seen = this.pending.get(accessKeyId);
    if (seen === undefined || seen.at <= use.at) this.pending.set(accessKeyId, use);
  }

  private async submitPending(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const byAccount = new Map<string, [string, SeenUse][]>();
    for (const entry of batch) {
      const uses = byAccount.get(entry[1].accountId) ?? [];
      uses.push(entry);
      byAccount.set(entry[1].accountId, uses);
    }
    for (const [accountId, uses] of byAccount) {
      for (let i = 0; i < uses.length; i += MAX_USAGE_PER_COMMAND) {
        const chunk = uses.slice(i, i + MAX_USAGE_PER_COMMAND);
        if (!(await this.submit(accountId, chunk))) {
          for (const [id, use] of chunk) this.keep(id, use);
        }
      }
    }
  }

  /** Whether the uses are done with: recorded, or refused for good (logged). */
  private async submit(accountId: string, uses: [string, SeenUse][]): Promise<boolean> {
    const envelope: CommandEnvelope = {
      commandId: `access-key-usage-${randomUUID()}`,
      accountId,
      actor: `arn:aws:iam::${accountId}:root`,
      action: 'RecordAccessKeyUsage',
      input: {
        Usage: uses.map(([accessKeyId, use]) => ({
          AccessKeyId: accessKeyId,
          LastUsedDate: toMinute(use.at),
          ServiceName: use.service,
          Region: use.region,
        })),
      },
      caller: { authenticatedBy: 'service' },
    };
    try {
      const reply = await this.gateway.submit(envelope);
      if (reply.ok) return true;
      const retry = reply.error.Code === 'ServiceUnavailable';
      this.logger.warn(
        `access key use in account ${accountId} not recorded: ${reply.error.Code}: ${reply.error.Message}${retry ? '; retrying at the next flush' : ''}`,
      );
      return !retry;
    } catch (error) {
      this.logger.warn(
        `access key use in account ${accountId} not recorded: ${error instanceof Error ? error.message : String(error)}; retrying at the next flush`,
      );
      return false;
    }
  }
}

/** AWS's granularity: `2026-03-04T05:06:07.890Z` → `2026-03-04T05:06:00.000Z`. */
function toMinute(ms: number): string {
  return new Date(Math.floor(ms / 60_000) * 60_000).toISOString();
}

/** The recorder of the HTTP edge, its interval from the process environment. */
export const ACCESS_KEY_USAGE_RECORDER_PROVIDER: Provider = {
  provide: AccessKeyUsageRecorder,
  inject: [CommandGateway],
  useFactory: (gateway: CommandGateway) =>
    new AccessKeyUsageRecorder(gateway, {
      flushIntervalMs: accessKeyUsageFlushMsFromEnv(process.env),
    }),
};
