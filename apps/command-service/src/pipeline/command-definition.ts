import type { Type } from '@nestjs/common';
import type { Command, ICommandHandler } from '@nestjs/cqrs';
import type { AccountEvent } from '@portcullis/domain';

/** How one AWS action enters the write side: its request DTO, its command, its reply. */
export interface CommandDefinition {
  dto: new () => object;
  toCommand(accountId: string, dto: object): Command<unknown>;
  /**
   * The reply of a committed command, derived from its events, so that a retry (same command
   * id) gets the first reply even after a restart. Reads produce no events and answer with what
   * their handler returns.
   */
  resultFrom(events: readonly AccountEvent[]): unknown;
}

export const defineCommand = <D extends object>(def: {
  dto: new () => D;
  toCommand(accountId: string, dto: D): Command<unknown>;
  resultFrom(events: readonly AccountEvent[]): unknown;
}): CommandDefinition => def as CommandDefinition;

/** One area of the API (users, groups, ...): its actions and the handlers that serve them. */
export interface CommandArea {
  commands: Readonly<Record<string, CommandDefinition>>;
  handlers: Type<ICommandHandler>[];
}
