import { defineCommand, type CommandArea } from '../pipeline/command-definition';
import { CreateAccountCommand } from './create-account/create-account.command';
import { CreateAccountHandler } from './create-account/create-account.handler';
import { CreateAccountRequestDto } from './create-account/create-account.request.dto';

/** The accounts area of the API: its AWS actions and their handlers. */
export const ACCOUNTS: CommandArea = {
  commands: {
    CreateAccount: defineCommand({
      dto: CreateAccountRequestDto,
      toCommand: (accountId, dto) => CreateAccountCommand.fromRequest(accountId, dto),
      resultFrom: (events) => CreateAccountCommand.resultFrom(events),
    }),
  },
  handlers: [CreateAccountHandler],
};
