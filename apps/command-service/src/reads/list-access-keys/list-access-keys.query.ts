import { Command } from '@nestjs/cqrs';
import type { AccessKeyStatus } from '@portcullis/contracts';
import type { PageInfo } from '../shared/pagination';
import type { ListAccessKeysRequestDto } from './list-access-keys.request.dto';

/** AWS's `AccessKeyMetadata`: never the secret. */
export interface AccessKeyMetadata {
  UserName: string;
  AccessKeyId: string;
  Status: AccessKeyStatus;
  CreateDate: string;
}

export type ListAccessKeysResult = { AccessKeyMetadata: AccessKeyMetadata[] } & PageInfo;

/** ListAccessKeys: the user's keys, oldest first; NoSuchEntity for an unknown user. */
export class ListAccessKeysQuery extends Command<ListAccessKeysResult> {
  constructor(
    readonly accountId: string,
    /** UserName, or the caller's own. */
    readonly userName: string,
    readonly request: ListAccessKeysRequestDto,
  ) {
    super();
  }
}
