import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { DeleteAccessKeyCommand } from './delete-access-key.command';

@CommandHandler(DeleteAccessKeyCommand)
export class DeleteAccessKeyHandler implements ICommandHandler<DeleteAccessKeyCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  /** The aggregate answers NoSuchEntity for a key that is not the target's. */
  async execute({ accountId, target, accessKeyId }: DeleteAccessKeyCommand): Promise<EmptyResult> {
    const account = this.accounts.get(accountId);
    if (target.kind === 'root') account.deleteRootAccessKey({ accessKeyId });
    else account.deleteAccessKey({ userName: target.userName, accessKeyId });
    return DeleteAccessKeyCommand.resultFrom();
  }
}
