import { BootstrapManagementAccountCommand } from './bootstrap-management-account/bootstrap-management-account.command';
import { BootstrapManagementAccountHandler } from './bootstrap-management-account/bootstrap-management-account.handler';
import { BootstrapManagementAccountRequestDto } from './bootstrap-management-account/bootstrap-management-account.request.dto';
import { withCallerAllowance } from '../authorization/caller-allowance';
import { newAccountIdFor, requestedAccountId } from './create-account/create-account.routing';
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
      // The new account's writer decides; the id is chosen before routing.
      accountFor: (input, caller, idempotencyKey) =>
        requestedAccountId(input) ?? newAccountIdFor({ actor: caller.actor, idempotencyKey }),
      // A management-account principal: its own account says whether its policies allow it.
      callerContextFor: (gateway, caller, _input, correlationId) =>
        caller.actor === `arn:aws:iam::${caller.accountId}:root`
          ? Promise.resolve(caller.context)
          : withCallerAllowance(gateway, caller, 'organizations:CreateAccount', '*', correlationId),
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
