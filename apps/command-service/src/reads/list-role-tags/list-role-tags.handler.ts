import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { noSuchEntity } from '@portcullis/domain';
import { AccountRepository } from '../../pipeline/account.repository';
import { tagsPage } from '../shared/entity-lists';
import { ListRoleTagsQuery, ListRoleTagsResult } from './list-role-tags.query';

@CommandHandler(ListRoleTagsQuery)
export class ListRoleTagsHandler implements ICommandHandler<ListRoleTagsQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, request }: ListRoleTagsQuery): Promise<ListRoleTagsResult> {
    const role = this.accounts.get(accountId).getRole(request.RoleName);
    if (!role) throw noSuchEntity('Role', request.RoleName);
    return tagsPage(role.tags, request);
  }
}
