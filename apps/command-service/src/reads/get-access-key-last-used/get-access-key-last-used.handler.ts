import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { noSuchAccessKey } from '@portcullis/domain';
import { AccountRepository } from '../../pipeline/account.repository';
import {
  GetAccessKeyLastUsedQuery,
  GetAccessKeyLastUsedResult,
} from './get-access-key-last-used.query';

/** What AWS answers in ServiceName and Region for a key with no recorded use. */
const NEVER_USED = 'N/A';

@CommandHandler(GetAccessKeyLastUsedQuery)
export class GetAccessKeyLastUsedHandler implements ICommandHandler<GetAccessKeyLastUsedQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({
    accountId,
    request,
  }: GetAccessKeyLastUsedQuery): Promise<GetAccessKeyLastUsedResult> {
    const owner = this.accounts.get(accountId).accessKeyOwner(request.AccessKeyId);
    if (owner === undefined) throw noSuchAccessKey(request.AccessKeyId);
    return {
      UserName: owner,
      AccessKeyLastUsed: { ServiceName: NEVER_USED, Region: NEVER_USED },
    };
  }
}
