import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  accessKeySecretBinding,
  CredentialSecrets,
} from '../../credentials/credential-secrets.port';
import { AccountRepository } from '../../pipeline/account.repository';
import { Clock } from '../../shared/clock';
import { CreateAccountCommand, CreateAccountResult } from './create-account.command';

@CommandHandler(CreateAccountCommand)
export class CreateAccountHandler implements ICommandHandler<CreateAccountCommand> {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly clock: Clock,
    private readonly secrets: CredentialSecrets,
  ) {}

  /** The account, then its root's first key (secret sealed, bound to the account id). */
  async execute(command: CreateAccountCommand): Promise<CreateAccountResult> {
    const account = this.accounts.get(command.accountId);
    const now = this.clock.now();
    const created = account.createAccount({ ...command.input, now });
    const key = this.secrets.generateAccessKey();
    const keyCreated = account.createRootAccessKey({
      accessKeyId: key.accessKeyId,
      sealedSecretAccessKey: this.secrets.seal(
        key.secretAccessKey,
        accessKeySecretBinding(command.accountId, key.accessKeyId),
      ),
      now,
    });
    return CreateAccountCommand.resultFrom([...created, ...keyCreated]);
  }
}
