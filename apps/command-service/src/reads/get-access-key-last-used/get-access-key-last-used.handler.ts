import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { noSuchAccessKey } from '@portcullis/domain';
import { AccountRepository } from '../../pipeline/account.repository';
import {
  GetAccessKeyLastUsedQuery,
  GetAccessKeyLastUsedResult,
} from './get-access-key-last-used.query';

/** What AWS answers in ServiceName and Region for a key with no recorded use. */
const NEVER_USED = 'N/A';

/** Any key of the caller's account, a user's or the root's; another account's is NoSuchEntity. */
@CommandHandler(GetAccessKeyLastUsedQuery)
export class GetAccessKeyLastUsedHandler implements ICommandHandler<GetAccessKeyLastUsedQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({
    accountId,
    request,
  }: GetAccessKeyLastUsedQuery): Promise<GetAccessKeyLastUsedResult> {
    const key = this.accounts.get(accountId).accessKeyLastUsed(request.AccessKeyId);
    if (key === undefined) throw noSuchAccessKey(request.AccessKeyId);
    const used = key.lastUsed;
    return {
      ...(key.userName !== undefined ? { UserName: key.userName } : {}),
      AccessKeyLastUsed: used
        ? { LastUsedDate: used.lastUsedDate, ServiceName: used.serviceName, Region: used.region }
        : { ServiceName: NEVER_USED, Region: NEVER_USED },
    };
  }
}
