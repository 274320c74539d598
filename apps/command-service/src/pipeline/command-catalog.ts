import type { Command } from '@nestjs/cqrs';
import type { AccountEvent } from '@portcullis/domain';
import { CreateUserCommand } from '../users/create-user/create-user.command';
import { CreateUserRequestDto } from '../users/create-user/create-user.request.dto';
import { PutUserPolicyCommand } from '../users/put-user-policy/put-user-policy.command';
import { PutUserPolicyRequestDto } from '../users/put-user-policy/put-user-policy.request.dto';

/** How one AWS action enters the write side: its request DTO, its command, its reply. */
export interface CommandDefinition {
  dto: new () => object;
  toCommand(accountId: string, dto: object): Command<unknown>;
  resultFrom(events: readonly AccountEvent[]): unknown;
}

const define = <D extends object>(def: {
  dto: new () => D;
  toCommand(accountId: string, dto: D): Command<unknown>;
  resultFrom(events: readonly AccountEvent[]): unknown;
}): CommandDefinition => def as CommandDefinition;

/** Every action the command side accepts, by its AWS name. */
export const COMMAND_CATALOG: Readonly<Record<string, CommandDefinition>> = {
  CreateUser: define({
    dto: CreateUserRequestDto,
    toCommand: (accountId, dto) => CreateUserCommand.fromRequest(accountId, dto),
    resultFrom: (events) => CreateUserCommand.resultFrom(events),
  }),
  PutUserPolicy: define({
    dto: PutUserPolicyRequestDto,
    toCommand: (accountId, dto) => PutUserPolicyCommand.fromRequest(accountId, dto),
    resultFrom: () => PutUserPolicyCommand.resultFrom(),
  }),
};
