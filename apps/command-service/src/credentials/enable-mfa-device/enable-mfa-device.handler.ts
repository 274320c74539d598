import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import { Clock } from '../../shared/clock';
import type { EmptyResult } from '../../shared/iam-response';
import { CredentialSecrets } from '../credential-secrets.port';
import { checkConsecutiveCodes } from '../shared/mfa-code-checks';
import { EnableMfaDeviceCommand } from './enable-mfa-device.command';

@CommandHandler(EnableMfaDeviceCommand)
export class EnableMfaDeviceHandler implements ICommandHandler<EnableMfaDeviceCommand> {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly clock: Clock,
    private readonly secrets: CredentialSecrets,
  ) {}

  /** The aggregate decides; it calls back to check the codes against the sealed seed. */
  async execute(command: EnableMfaDeviceCommand): Promise<EmptyResult> {
    const now = this.clock.now();
    this.accounts.get(command.accountId).enableMfaDevice({
      userName: command.userName,
      serialNumber: command.serialNumber,
      now,
      verifyCodes: checkConsecutiveCodes(this.secrets, command.codes, now),
    });
    return EnableMfaDeviceCommand.resultFrom();
  }
}
