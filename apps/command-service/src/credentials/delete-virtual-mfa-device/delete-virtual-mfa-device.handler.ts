import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import type { EmptyResult } from '../../shared/iam-response';
import { DeleteVirtualMfaDeviceCommand } from './delete-virtual-mfa-device.command';

@CommandHandler(DeleteVirtualMfaDeviceCommand)
export class DeleteVirtualMfaDeviceHandler implements ICommandHandler<DeleteVirtualMfaDeviceCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(command: DeleteVirtualMfaDeviceCommand): Promise<EmptyResult> {
    this.accounts.get(command.accountId).deleteVirtualMfaDevice(command.input);
    return DeleteVirtualMfaDeviceCommand.resultFrom();
  }
}
