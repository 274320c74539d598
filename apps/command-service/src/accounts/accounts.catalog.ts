import { BootstrapManagementAccountCommand } from './bootstrap-management-account/bootstrap-management-account.command';
import { BootstrapManagementAccountHandler } from './bootstrap-management-account/bootstrap-management-account.handler';
import { BootstrapManagementAccountRequestDto } from './bootstrap-management-account/bootstrap-management-account.request.dto';
import { defineCommand, type CommandArea } from '../pipeline/command-definition';
import {
  CreateAccountCommand,
  type CreateAccountResult,
} from './create-account/create-account.command';
import { CreateAccountHandler } from './create-account/create-account.handler';
import { CreateAccountRequestDto } from './create-account/create-account.request.dto';

/** The accounts area of the API: its AWS actions and their handlers. */
export const ACCOUNTS: CommandArea = {
  commands: {
    CreateAccount: defineCommand({
      dto: CreateAccountRequestDto,
      toCommand: (accountId, dto) => CreateAccountCommand.fromRequest(accountId, dto),
      resultFrom: (events) => CreateAccountCommand.resultFrom(events),
      revealSecrets: (output, secrets) =>
        CreateAccountCommand.revealSecrets(output as CreateAccountResult, secrets),
    }),
    BootstrapManagementAccount: defineCommand({
      dto: BootstrapManagementAccountRequestDto,
      toCommand: (accountId, dto) => BootstrapManagementAccountCommand.fromRequest(accountId, dto),
      resultFrom: (events) => BootstrapManagementAccountCommand.resultFrom(events),
      sealedInputs: ['SecretAccessKey'],
      internal: true,
    }),
  },
  handlers: [CreateAccountHandler, BootstrapManagementAccountHandler],
};
