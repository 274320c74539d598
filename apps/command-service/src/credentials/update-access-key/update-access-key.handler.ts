import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { UpdateAccessKeyCommand } from './update-access-key.command';

@CommandHandler(UpdateAccessKeyCommand)
export class UpdateAccessKeyHandler implements ICommandHandler<UpdateAccessKeyCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  /** The aggregate answers NoSuchEntity for a key that is not the target's. */
  async execute({
    accountId,
    target,
    accessKeyId,
    status,
  }: UpdateAccessKeyCommand): Promise<EmptyResult> {
    const account = this.accounts.get(accountId);
    if (target.kind === 'root') account.updateRootAccessKey({ accessKeyId, status });
    else account.updateAccessKey({ userName: target.userName, accessKeyId, status });
    return UpdateAccessKeyCommand.resultFrom();
  }
}
