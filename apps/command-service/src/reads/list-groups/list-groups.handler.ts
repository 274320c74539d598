import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import { awsGroup } from '../shared/aws-shapes';
import { byName, paginate } from '../shared/pagination';
import { ListGroupsQuery, ListGroupsResult } from './list-groups.query';

@CommandHandler(ListGroupsQuery)
export class ListGroupsHandler implements ICommandHandler<ListGroupsQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, request }: ListGroupsQuery): Promise<ListGroupsResult> {
    const groups = this.accounts.get(accountId).listGroups({ pathPrefix: request.PathPrefix });
    const { items, page } = paginate(
      groups,
      byName((g) => g.groupName),
      request,
    );
    return { Groups: items.map(awsGroup), ...page };
  }
}
