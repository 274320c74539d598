import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EventEnvelope } from '@portcullis/contracts';
import {
  Account,
  AccountEvent,
  AwsManagedPolicyCatalog,
  NO_AWS_MANAGED_POLICIES,
} from '@portcullis/domain';
import type { EventLog, LogPosition } from '@portcullis/event-log';
import { AWS_MANAGED_POLICIES } from './aws-managed-policies.token';

/** What a committed command left behind: enough to answer a retry with its first result. */
export interface CommittedCommand {
  events: AccountEvent[];
  positions: LogPosition[];
}

const toAccountEvent = (e: EventEnvelope): AccountEvent =>
  ({ type: e.type, sequence: e.sequence, payload: e.payload }) as AccountEvent;

/**
 * The account aggregates of the partitions this instance writes, held in memory and rebuilt
 * from the event log. Only the single writer of a partition touches its accounts, one command at
 * a time, so no locking is needed here.
 */
@Injectable()
export class AccountRepository {
  private readonly accounts = new Map<string, Account>();
  /** accountId → commandId → committed command (idempotency). */
  private readonly committed = new Map<string, Map<string, CommittedCommand>>();
  /** accountId → position of its last committed event (what a no-event decision was based on). */
  private readonly positions = new Map<string, LogPosition>();

  constructor(
    @Optional()
    @Inject(AWS_MANAGED_POLICIES)
    private readonly awsManagedPolicies: AwsManagedPolicyCatalog = NO_AWS_MANAGED_POLICIES,
  ) {}

  /** The live aggregate; an account with no history starts empty. */
  get(accountId: string): Account {
    let account = this.accounts.get(accountId);
    if (!account) {
      account = Account.create(accountId, { awsManagedPolicies: this.awsManagedPolicies });
      this.accounts.set(accountId, account);
    }
    return account;
  }

  committedCommand(accountId: string, commandId: string): CommittedCommand | undefined {
    return this.committed.get(accountId)?.get(commandId);
  }

  /** Position of the account's last committed event, as replayed or recorded; none: no history. */
  positionOf(accountId: string): LogPosition | undefined {
    return this.positions.get(accountId);
  }

  /** An account's events come in log order (replay, then its single writer's commits). */
  private notePosition(accountId: string, position: LogPosition | undefined): void {
    if (position) this.positions.set(accountId, position);
  }

  recordCommitted(accountId: string, commandId: string, command: CommittedCommand): void {
    let byId = this.committed.get(accountId);
    if (!byId) {
      byId = new Map();
      this.committed.set(accountId, byId);
    }
    const seen = byId.get(commandId);
    if (seen) {
      seen.events.push(...command.events);
      seen.positions.push(...command.positions);
    } else {
      byId.set(commandId, { events: [...command.events], positions: [...command.positions] });
    }
    this.notePosition(accountId, command.positions[command.positions.length - 1]);
  }

  /**
   * Rebuilds the accounts of one partition from the log (up to its end at call time).
   * `accept` narrows it to some accounts (after a failed append, only the one affected).
   */
  async loadPartition(
    log: EventLog,
    partition: number,
    accept: (accountId: string) => boolean = () => true,
  ): Promise<number> {
    this.forget((id) => log.partitionFor(id) === partition && accept(id));
    let count = 0;
    for await (const { event, position } of log.readPartition(partition)) {
      if (!accept(event.accountId)) continue;
      this.applyFromLog(event, position);
      count++;
    }
    return count;
  }

  /**
   * Replays one committed event read back from the log: the aggregate applies it, and its command
   * becomes known to the idempotency record (the envelope carries `commandId`), so a retry of that
   * command after an ownership change still gets its first reply.
   */
  applyFromLog(event: EventEnvelope, position: LogPosition): void {
    const accountEvent = toAccountEvent(event);
    this.get(event.accountId).apply(accountEvent);
    let byId = this.committed.get(event.accountId);
    if (!byId) {
      byId = new Map();
      this.committed.set(event.accountId, byId);
    }
    const seen = byId.get(event.commandId);
    if (seen) {
      seen.events.push(accountEvent);
      seen.positions.push(position);
    } else {
      byId.set(event.commandId, { events: [accountEvent], positions: [position] });
    }
    this.notePosition(event.accountId, position);
  }

  /** Drops an account's state, e.g. after an append whose outcome is unknown. */
  async reloadAccount(log: EventLog, accountId: string): Promise<void> {
    await this.loadPartition(log, log.partitionFor(accountId), (id) => id === accountId);
  }

  /** Drops the accounts `which` selects (a partition given away). */
  forget(which: (accountId: string) => boolean): void {
    for (const id of [...this.accounts.keys()]) {
      if (which(id)) this.accounts.delete(id);
    }
    for (const id of [...this.committed.keys()]) {
      if (which(id)) this.committed.delete(id);
    }
    for (const id of [...this.positions.keys()]) {
      if (which(id)) this.positions.delete(id);
    }
  }
}
