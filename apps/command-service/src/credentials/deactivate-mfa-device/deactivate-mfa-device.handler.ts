import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { DeactivateMfaDeviceCommand } from './deactivate-mfa-device.command';

@CommandHandler(DeactivateMfaDeviceCommand)
export class DeactivateMfaDeviceHandler implements ICommandHandler<DeactivateMfaDeviceCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: DeactivateMfaDeviceCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).deactivateMfaDevice(command.input);
    return DeactivateMfaDeviceCommand.resultFrom();
  }
}
