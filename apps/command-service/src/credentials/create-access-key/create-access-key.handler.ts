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
   * Generates the key, seals its secret bound to its owner's id and the key's id (a user's id,
   * stable across renames; for the root's own keys the account id, as CreateAccount seals the
   * first one), and lets the aggregate decide (quota, existence). The plaintext secret goes no
   * further than this method: the reply is built from the event, sealed.
   */
  async execute({ accountId, target }: CreateAccessKeyCommand): Promise<CreateAccessKeyResult> {
    const account = this.accounts.get(accountId);
    const now = this.clock.now();
    if (target.kind === 'root') {
      const key = this.secrets.generateAccessKey();
      const events = account.createRootAccessKey({
        accessKeyId: key.accessKeyId,
        sealedSecretAccessKey: this.secrets.seal(
          key.secretAccessKey,
          accessKeySecretBinding(accountId, key.accessKeyId),
        ),
        now,
      });
      return CreateAccessKeyCommand.resultFrom(events);
    }
    const user = account.getUser(target.userName);
    if (!user) throw noSuchEntity('User', target.userName);
    const key = this.secrets.generateAccessKey();
    const events = account.createAccessKey({
      userName: user.userName,
      accessKeyId: key.accessKeyId,
      sealedSecretAccessKey: this.secrets.seal(
        key.secretAccessKey,
        accessKeySecretBinding(user.userId, key.accessKeyId),
      ),
      now,
    });
    return CreateAccessKeyCommand.resultFrom(events);
  }
}
