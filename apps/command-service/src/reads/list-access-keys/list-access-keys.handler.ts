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
    target,
    request,
  }: ListAccessKeysQuery): Promise<ListAccessKeysResult> {
    const account = this.accounts.get(accountId);
    if (target.kind === 'root') {
      const { items, page } = paginate(
        account.listRootAccessKeys(),
        { key: (k) => [k.createDate, k.accessKeyId] },
        request,
      );
      return {
        AccessKeyMetadata: items.map((k) => ({
          AccessKeyId: k.accessKeyId,
          Status: k.status,
          CreateDate: k.createDate,
        })),
        ...page,
      };
    }
    const keys = account.listAccessKeys(target.userName);
    if (!keys) throw noSuchEntity('User', target.userName);
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
