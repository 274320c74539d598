import { Command } from '@nestjs/cqrs';
import type { AccessKeyStatus } from '@portcullis/contracts';
import type { CommandCaller } from '../../pipeline/command-definition';
import { accessKeyTarget, type AccessKeyTarget } from '../../credentials/shared/caller-user';
import type { PageInfo } from '../shared/pagination';
import type { ListAccessKeysRequestDto } from './list-access-keys.request.dto';

/** AWS's `AccessKeyMetadata`: never the secret. */
export interface AccessKeyMetadata {
  /** Left out for the root's own keys, as AWS answers. */
  UserName?: string;
  AccessKeyId: string;
  Status: AccessKeyStatus;
  /** Left out for the root's own keys until the aggregate exposes their creation date. */
  CreateDate?: string;
}

export type ListAccessKeysResult = { AccessKeyMetadata: AccessKeyMetadata[] } & PageInfo;

/**
 * ListAccessKeys: the user's keys, oldest first; NoSuchEntity for an unknown user. The account's
 * root leaving UserName out lists its own keys.
 */
export class ListAccessKeysQuery extends Command<ListAccessKeysResult> {
  readonly target: AccessKeyTarget;

  constructor(
    readonly accountId: string,
    /** Whose keys: a user name (UserName, or the calling user's), or the target as resolved. */
    target: AccessKeyTarget | string,
    readonly request: ListAccessKeysRequestDto,
  ) {
    super();
    this.target = typeof target === 'string' ? { kind: 'user', userName: target } : target;
  }

  /** UserName, else the calling IAM user, else (the account's root) the root's own keys. */
  static fromRequest(
    accountId: string,
    dto: ListAccessKeysRequestDto,
    caller: CommandCaller,
  ): ListAccessKeysQuery {
    return new ListAccessKeysQuery(accountId, accessKeyTarget(dto.UserName, caller), dto);
  }
}
