import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { RecordSignInLockoutCommand } from './record-sign-in-lockout.command';

/** The user must exist (NoSuchEntity otherwise: the edge locks out unknown names unrecorded). */
@CommandHandler(RecordSignInLockoutCommand)
export class RecordSignInLockoutHandler implements ICommandHandler<RecordSignInLockoutCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: RecordSignInLockoutCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).recordSignInLockout({
      userName: command.userName,
      failures: command.failures,
      until: command.lockedUntil,
      ...(command.sourceIp !== undefined ? { sourceIp: command.sourceIp } : {}),
    });
    return RecordSignInLockoutCommand.resultFrom();
  }
}
