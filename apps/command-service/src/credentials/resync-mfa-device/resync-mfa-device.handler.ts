import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import { Clock } from '../../shared/clock';
import type { EmptyResult } from '../../shared/iam-response';
import { CredentialSecrets, mfaSeedBinding } from '../credential-secrets.port';
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
      verifyCodes: (device) =>
        this.secrets.verifyConsecutiveCodes(
          device.sealedSeed,
          mfaSeedBinding(device.serialNumber),
          command.codes,
          {
            now,
            window: RESYNC_WINDOW_STEPS,
            ...(device.lastUsedStep !== undefined && { lastUsedStep: device.lastUsedStep }),
          },
        ),
    });
    return ResyncMfaDeviceCommand.resultFrom();
  }
}
