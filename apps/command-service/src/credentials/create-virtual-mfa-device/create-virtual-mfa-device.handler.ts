import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { virtualMfaSerialNumber } from '@portcullis/domain';
import { AccountRepository } from '../../pipeline/account.repository';
import { Clock } from '../../shared/clock';
import { CredentialSecrets, mfaSeedBinding } from '../credential-secrets.port';
import {
  CreateVirtualMfaDeviceCommand,
  CreateVirtualMfaDeviceResult,
} from './create-virtual-mfa-device.command';

@CommandHandler(CreateVirtualMfaDeviceCommand)
export class CreateVirtualMfaDeviceHandler implements ICommandHandler<CreateVirtualMfaDeviceCommand> {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly clock: Clock,
    private readonly secrets: CredentialSecrets,
  ) {}

  /** A fresh seed, sealed to the device's serial number; the plaintext goes no further. */
  async execute(command: CreateVirtualMfaDeviceCommand): Promise<CreateVirtualMfaDeviceResult> {
    const account = this.accounts.get(command.accountId);
    const serialNumber = virtualMfaSerialNumber(
      command.accountId,
      command.virtualMfaDeviceName,
      command.path,
    );
    const sealedSeed = this.secrets.seal(
      this.secrets.generateTotpSeed(),
      mfaSeedBinding(serialNumber),
    );
    const events = account.createVirtualMfaDevice({
      virtualMfaDeviceName: command.virtualMfaDeviceName,
      path: command.path,
      tags: command.tags,
      sealedSeed,
      now: this.clock.now(),
    });
    return CreateVirtualMfaDeviceCommand.resultFrom(events);
  }
}
