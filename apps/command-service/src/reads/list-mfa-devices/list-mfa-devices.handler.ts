import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { noSuchEntity } from '@portcullis/domain';
import { AccountRepository } from '../../pipeline/account.repository';
import { paginate } from '../shared/pagination';
import { ListMfaDevicesQuery, ListMfaDevicesResult } from './list-mfa-devices.query';

@CommandHandler(ListMfaDevicesQuery)
export class ListMfaDevicesHandler implements ICommandHandler<ListMfaDevicesQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({
    accountId,
    userName,
    request,
  }: ListMfaDevicesQuery): Promise<ListMfaDevicesResult> {
    const devices = this.accounts.get(accountId).listMfaDevices(userName);
    if (!devices) throw noSuchEntity('User', userName);
    const { items, page } = paginate(devices, { key: (d) => [d.serialNumber] }, request);
    return {
      MFADevices: items.map((d) => ({
        UserName: d.userName,
        SerialNumber: d.serialNumber,
        EnableDate: d.enableDate,
      })),
      ...page,
    };
  }
}
