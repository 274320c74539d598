import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import { Clock } from '../../shared/clock';
import type { EmptyResult } from '../../shared/iam-response';
import { CredentialSecrets } from '../credential-secrets.port';
import { checkConsecutiveCodes } from '../shared/mfa-code-checks';
import { ResyncMfaDeviceCommand } from './resync-mfa-device.command';

/** ±5 minutes: resync exists to re-learn a device whose clock drifted past enable's ±30 s. */
export const RESYNC_WINDOW_STEPS = 10;

@CommandHandler(ResyncMfaDeviceCommand)
export class ResyncMfaDeviceHandler implements ICommandHandler<ResyncMfaDeviceCommand> {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly clock: Clock,
    private readonly secrets: CredentialSecrets,
  ) {}

  async execute(command: ResyncMfaDeviceCommand): Promise<EmptyResult> {
    const now = this.clock.now();
    this.accounts.get(command.accountId).resyncMfaDevice({
      userName: command.userName,
      serialNumber: command.serialNumber,
      verifyCodes: checkConsecutiveCodes(this.secrets, command.codes, now, RESYNC_WINDOW_STEPS),
    });
    return ResyncMfaDeviceCommand.resultFrom();
  }
}
