import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { noSuchEntity } from '@portcullis/domain';
import { AccountRepository } from '../../pipeline/account.repository';
import { paginate } from '../shared/pagination';
import { ListAccessKeysQuery, ListAccessKeysResult } from './list-access-keys.query';

@CommandHandler(ListAccessKeysQuery)
export class ListAccessKeysHandler implements ICommandHandler<ListAccessKeysQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({
    accountId,
    userName,
    request,
  }: ListAccessKeysQuery): Promise<ListAccessKeysResult> {
    const keys = this.accounts.get(accountId).listAccessKeys(userName);
    if (!keys) throw noSuchEntity('User', userName);
    const { items, page } = paginate(keys, { key: (k) => [k.createDate, k.accessKeyId] }, request);
    return {
      AccessKeyMetadata: items.map((k) => ({
        UserName: k.userName,
        AccessKeyId: k.accessKeyId,
        Status: k.status,
        CreateDate: k.createDate,
      })),
      ...page,
    };
  }
}
