import { Command } from '@nestjs/cqrs';
import { IamEventType } from '@portcullis/contracts';
import type { AccountEvent, CreateAccountInput } from '@portcullis/domain';
import { requiredEventOf } from '../../shared/iam-response';
import type { CreateAccountRequestDto } from './create-account.request.dto';

/** The account as CreateAccount answers it; `Arn` is its root user's. */
export interface CreateAccountResult {
  Account: { AccountId: string; AccountName: string; Arn: string; CreateDate: string };
}

/**
 * CreateAccount: the account named by the command's account id (chosen before the command is
 * routed, see create-account.routing.ts) and its root user, which may do everything in it.
 * Accepted only on an account with no history.
 */
export class CreateAccountCommand extends Command<CreateAccountResult> {
  constructor(
    readonly accountId: string,
    readonly input: Omit<CreateAccountInput, 'now'>,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: CreateAccountRequestDto): CreateAccountCommand {
    return new CreateAccountCommand(accountId, { accountName: dto.AccountName });
  }

  /** The reply, from `iam.account-created.v1` (also for an idempotent retry). */
  static resultFrom(events: readonly AccountEvent[]): CreateAccountResult {
    const a = requiredEventOf(events, IamEventType.AccountCreated, 'CreateAccount').payload;
    return {
      Account: {
        AccountId: a.accountId,
        AccountName: a.accountName,
        Arn: a.rootArn,
        CreateDate: a.createDate,
      },
    };
  }
}
