import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import { tagsMember } from '../../shared/iam-response';
import { paginate } from '../shared/pagination';
import {
  ListVirtualMfaDevicesQuery,
  ListVirtualMfaDevicesResult,
} from './list-virtual-mfa-devices.query';

@CommandHandler(ListVirtualMfaDevicesQuery)
export class ListVirtualMfaDevicesHandler implements ICommandHandler<ListVirtualMfaDevicesQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({
    accountId,
    request,
  }: ListVirtualMfaDevicesQuery): Promise<ListVirtualMfaDevicesResult> {
    const devices = this.accounts.get(accountId).listVirtualMfaDevices(request.AssignmentStatus);
    const { items, page } = paginate(devices, { key: (d) => [d.serialNumber] }, request);
    return {
      VirtualMFADevices: items.map((d) => ({
        SerialNumber: d.serialNumber,
        ...(d.user && {
          User: {
            Path: d.user.path,
            UserName: d.user.userName,
            UserId: d.user.userId,
            Arn: d.user.arn,
            CreateDate: d.user.createDate,
          },
        }),
        ...(d.enableDate !== undefined && { EnableDate: d.enableDate }),
        ...tagsMember(d.tags),
      })),
      ...page,
    };
  }
}
