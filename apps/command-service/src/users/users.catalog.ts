import { defineCommand, type CommandArea } from '../pipeline/command-definition';
import { CreateUserCommand } from './create-user/create-user.command';
import { CreateUserHandler } from './create-user/create-user.handler';
import { CreateUserRequestDto } from './create-user/create-user.request.dto';
import { PutUserPolicyCommand } from './put-user-policy/put-user-policy.command';
import { PutUserPolicyHandler } from './put-user-policy/put-user-policy.handler';
import { PutUserPolicyRequestDto } from './put-user-policy/put-user-policy.request.dto';

export const USERS: CommandArea = {
  commands: {
    CreateUser: defineCommand({
      dto: CreateUserRequestDto,
      toCommand: (accountId, dto) => CreateUserCommand.fromRequest(accountId, dto),
      resultFrom: (events) => CreateUserCommand.resultFrom(events),
    }),
    PutUserPolicy: defineCommand({
      dto: PutUserPolicyRequestDto,
      toCommand: (accountId, dto) => PutUserPolicyCommand.fromRequest(accountId, dto),
      resultFrom: () => PutUserPolicyCommand.resultFrom(),
    }),
  },
  handlers: [CreateUserHandler, PutUserPolicyHandler],
};
