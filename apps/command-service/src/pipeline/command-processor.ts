import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'crypto';
import type { CommandEnvelope, CommandError, EventEnvelope } from '@portcullis/contracts';
import { AccountEvent, IamError } from '@portcullis/domain';
import type { LogPosition } from '@portcullis/event-log';
import { AccountRepository } from './account.repository';
import { COMMAND_CATALOG } from './command-catalog';
import { CommandEnvelopeDto } from './command-envelope.dto';
import { validateDto } from './validate-dto';

/** What the write side decided for one command, before anything is appended. */
export type CommandDecision =
  | { kind: 'rejected'; error: CommandError }
  | { kind: 'duplicate'; result: unknown; positions: LogPosition[] }
  | { kind: 'accepted'; result: unknown; events: EventEnvelope[]; domainEvents: AccountEvent[] };

/**
 * Validates a command and runs its handler against the live aggregate. Appending is the
 * caller's job (embedded log, or a Kafka transaction with the reply and the consumed offset),
 * so this is the same for every transport.
 */
@Injectable()
export class CommandProcessor {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly accounts: AccountRepository,
  ) {}

  /** Checks the envelope of a command that came from outside (Kafka). */
  validateEnvelope(
    raw: unknown,
  ): { ok: true; value: CommandEnvelope } | { ok: false; error: CommandError } {
    const checked = validateDto(CommandEnvelopeDto, raw);
    return checked.ok ? { ok: true, value: checked.value as CommandEnvelope } : checked;
  }

  async decide(envelope: CommandEnvelope): Promise<CommandDecision> {
    const definition = Object.hasOwn(COMMAND_CATALOG, envelope.action)
      ? COMMAND_CATALOG[envelope.action]
      : undefined;
    if (!definition) {
      return {
        kind: 'rejected',
        error: {
          Code: 'InvalidAction',
          Message: `The action ${envelope.action} is not valid for this web service.`,
        },
      };
    }
    const checked = validateDto(definition.dto, envelope.input);
    if (!checked.ok) return { kind: 'rejected', error: checked.error };

    const previous = this.accounts.committedCommand(envelope.accountId, envelope.commandId);
    if (previous) {
      return {
        kind: 'duplicate',
        result: definition.resultFrom(previous.events),
        positions: previous.positions,
      };
    }

    const account = this.accounts.get(envelope.accountId);
    account.takePending(); // nothing may leak from an earlier, failed command
    let result: unknown;
    try {
      result = await this.commandBus.execute(
        definition.toCommand(envelope.accountId, checked.value),
      );
    } catch (error) {
      account.takePending();
      if (error instanceof IamError) {
        return { kind: 'rejected', error: { Code: error.code, Message: error.message } };
      }
      throw error;
    }
    const domainEvents = account.takePending();
    const occurredAt = new Date().toISOString();
    const events = domainEvents.map((e): EventEnvelope => ({
      eventId: randomUUID(),
      type: e.type,
      accountId: envelope.accountId,
      sequence: e.sequence,
      occurredAt,
      actor: envelope.actor,
      commandId: envelope.commandId,
      correlationId: envelope.correlationId ?? envelope.commandId,
      payload: e.payload,
    }));
    return { kind: 'accepted', result, events, domainEvents };
  }
}
