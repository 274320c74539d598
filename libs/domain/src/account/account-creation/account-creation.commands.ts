import { IamEventType } from '@portcullis/contracts';
import { IamError } from '../account.errors';
import { rootArn } from '../arns';
import type { CommandContext } from '../shared/command-context';
import { RequestValidation } from '../validation';

export interface CreateAccountInput {
  accountName: string;
  now: Date;
}

/**
 * CreateAccount: the account and its root user (`arn:aws:iam::<id>:root`). Only an account with
 * no history can be created; the id itself is chosen before (`generateAccountId`).
 */
export function createAccount(
  ctx: CommandContext,
  input: CreateAccountInput,
  sequence: number,
): void {
  new RequestValidation().accountName('accountName', input.accountName).throwIfAny();
  if (ctx.state.account !== undefined || sequence > 0) {
    throw new IamError('EntityAlreadyExists', `Account ${ctx.state.accountId} already exists.`);
  }
  ctx.raise(IamEventType.AccountCreated, {
    accountId: ctx.state.accountId,
    accountName: input.accountName,
    rootArn: rootArn(ctx.state.accountId),
    createDate: input.now.toISOString(),
  });
}
