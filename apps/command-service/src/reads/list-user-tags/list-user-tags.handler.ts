import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { noSuchEntity } from '@portcullis/domain';
import { AccountRepository } from '../../pipeline/account.repository';
import { tagsPage } from '../shared/entity-lists';
import { ListUserTagsQuery, ListUserTagsResult } from './list-user-tags.query';

@CommandHandler(ListUserTagsQuery)
export class ListUserTagsHandler implements ICommandHandler<ListUserTagsQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, request }: ListUserTagsQuery): Promise<ListUserTagsResult> {
    const user = this.accounts.get(accountId).getUser(request.UserName);
    if (!user) throw noSuchEntity('User', request.UserName);
    return tagsPage(user.tags, request);
  }
}
