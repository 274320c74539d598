import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { noSuchEntity } from '@portcullis/domain';
import { AccountRepository } from '../../pipeline/account.repository';
import { Clock } from '../../shared/clock';
import { accessKeySecretBinding, CredentialSecrets } from '../credential-secrets.port';
import { CreateAccessKeyCommand, CreateAccessKeyResult } from './create-access-key.command';

@CommandHandler(CreateAccessKeyCommand)
export class CreateAccessKeyHandler implements ICommandHandler<CreateAccessKeyCommand> {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly clock: Clock,
    private readonly secrets: CredentialSecrets,
  ) {}

  /**
   * Generates the key, seals its secret bound to the user's id (stable across renames) and the
   * key's id, and lets the aggregate decide (quota, existence). The plaintext secret goes no
   * further than this method: the reply is built from the event, sealed.
   */
  async execute(command: CreateAccessKeyCommand): Promise<CreateAccessKeyResult> {
    const account = this.accounts.get(command.accountId);
    const user = account.getUser(command.userName);
    if (!user) throw noSuchEntity('User', command.userName);
    const key = this.secrets.generateAccessKey();
    const sealed = this.secrets.seal(
      key.secretAccessKey,
      accessKeySecretBinding(user.userId, key.accessKeyId),
    );
    const events = account.createAccessKey({
      userName: user.userName,
      accessKeyId: key.accessKeyId,
      sealedSecretAccessKey: sealed,
      now: this.clock.now(),
    });
    return CreateAccessKeyCommand.resultFrom(events);
  }
}
