import { Command } from '@nestjs/cqrs';
import type { IamTag } from '@portcullis/contracts';
import type { PageInfo } from '../shared/pagination';
import type { ListVirtualMfaDevicesRequestDto } from './list-virtual-mfa-devices.request.dto';

/** AWS's `VirtualMFADevice` in a listing: never the seed. */
export interface VirtualMfaDeviceListing {
  SerialNumber: string;
  User?: { Path: string; UserName: string; UserId: string; Arn: string; CreateDate: string };
  EnableDate?: string;
  Tags?: IamTag[];
}

export type ListVirtualMfaDevicesResult = {
  VirtualMFADevices: VirtualMfaDeviceListing[];
} & PageInfo;

/** ListVirtualMFADevices: the account's virtual devices, by serial number. */
export class ListVirtualMfaDevicesQuery extends Command<ListVirtualMfaDevicesResult> {
  constructor(
    readonly accountId: string,
    readonly request: ListVirtualMfaDevicesRequestDto,
  ) {
    super();
  }
}
