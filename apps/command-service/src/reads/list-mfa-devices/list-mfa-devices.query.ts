import { Command } from '@nestjs/cqrs';
import type { PageInfo } from '../shared/pagination';
import type { ListMfaDevicesRequestDto } from './list-mfa-devices.request.dto';

export type ListMfaDevicesResult = {
  MFADevices: { UserName: string; SerialNumber: string; EnableDate: string }[];
} & PageInfo;

/** ListMFADevices: the devices enabled for the user; NoSuchEntity for an unknown user. */
export class ListMfaDevicesQuery extends Command<ListMfaDevicesResult> {
  constructor(
    readonly accountId: string,
    /** UserName, or the caller's own. */
    readonly userName: string,
    readonly request: ListMfaDevicesRequestDto,
  ) {
    super();
  }
}
