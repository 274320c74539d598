import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IamError, type AccountEvent } from '@portcullis/domain';
import { timingSafeEqual } from 'node:crypto';
import {
  accessKeySecretBinding,
  CredentialSecrets,
} from '../../credentials/credential-secrets.port';
import { AccountRepository } from '../../pipeline/account.repository';
import { Clock } from '../../shared/clock';
import {
  BootstrapManagementAccountCommand,
  type BootstrapManagementAccountResult,
} from './bootstrap-management-account.command';

@CommandHandler(BootstrapManagementAccountCommand)
export class BootstrapManagementAccountHandler implements ICommandHandler<BootstrapManagementAccountCommand> {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly clock: Clock,
    private readonly secrets: CredentialSecrets,
  ) {}

  async execute(
    command: BootstrapManagementAccountCommand,
  ): Promise<BootstrapManagementAccountResult> {
    const { accountId } = command;
    const account = this.accounts.get(accountId);
    const now = this.clock.now();
    const raised: AccountEvent[] = [];
    const created = !account.exists;
    if (created) raised.push(...account.createAccount({ accountName: command.accountName, now }));

    const seal = (id: string, secret: string) =>
      this.secrets.seal(secret, accessKeySecretBinding(accountId, id));
    const given = command.operatorKey;
    if (given) {
      const stored = account.rootAccessKey(given.accessKeyId);
      if (!stored) {
        raised.push(
          ...account.createRootAccessKey({
            accessKeyId: given.accessKeyId,
            sealedSecretAccessKey: seal(given.accessKeyId, given.secretAccessKey),
            now,
          }),
        );
      } else {
        let secret: string;
        try {
          secret = this.secrets.open(
            stored.sealedSecretAccessKey,
            accessKeySecretBinding(accountId, given.accessKeyId),
          );
        } catch {
          throw new IamError(
            'InvalidInput',
            `The stored secret of root access key ${given.accessKeyId} cannot be opened: was it sealed under a key no longer in IAM_KEY_ENCRYPTION_KEYS?`,
          );
        }
        if (!sameSecret(secret, given.secretAccessKey)) {
          throw new IamError(
            'EntityAlreadyExists',
            `IAM_BOOTSTRAP_ACCESS_KEY_ID ${given.accessKeyId} is a root access key of the management account with another secret.`,
          );
        }
        if (stored.status !== 'Active') {
          raised.push(
            ...account.updateRootAccessKey({ accessKeyId: given.accessKeyId, status: 'Active' }),
          );
        }
      }
    } else if (created) {
      const key = this.secrets.generateAccessKey();
      raised.push(
        ...account.createRootAccessKey({
          accessKeyId: key.accessKeyId,
          sealedSecretAccessKey: seal(key.accessKeyId, key.secretAccessKey),
          now,
        }),
      );
    }
    return BootstrapManagementAccountCommand.resultFrom(raised, accountId);
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
