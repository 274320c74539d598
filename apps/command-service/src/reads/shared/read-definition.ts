import type { Command } from '@nestjs/cqrs';
import {
  defineCommand,
  type CommandCaller,
  type CommandDefinition,
} from '../../pipeline/command-definition';

/**
 * A read API (GetUser, ListUsers, …) in the command catalog. It travels the command path (HTTP or
 * `iam.commands` → the single writer of the account's partition) so it is answered from the
 * owner's live aggregate, strongly consistent, and it appends nothing. Its reply is what its
 * handler returns; there are no events to rebuild it from.
 */
export interface ReadDefinition extends CommandDefinition {
  readonly read: true;
}

/** Reads are answered afresh every time; a reply is never rebuilt from (their absent) events. */
function noReplay(): never {
  throw new Error('a read appends no events: its reply cannot be rebuilt from events');
}

export const defineRead = <D extends object>(def: {
  dto: new () => D;
  toCommand(accountId: string, dto: D, caller: CommandCaller): Command<unknown>;
}): ReadDefinition => ({
  ...defineCommand({ dto: def.dto, toCommand: def.toCommand, resultFrom: noReplay }),
  read: true,
});

/** Whether a catalog entry is a read (no events, reply from the handler). */
export const isRead = (definition: CommandDefinition): definition is ReadDefinition =>
  (definition as Partial<ReadDefinition>).read === true;
