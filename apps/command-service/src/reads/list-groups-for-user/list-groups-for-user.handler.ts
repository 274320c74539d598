import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import { awsGroup } from '../shared/aws-shapes';
import { byName, paginate } from '../shared/pagination';
import { ListGroupsForUserQuery, ListGroupsForUserResult } from './list-groups-for-user.query';

@CommandHandler(ListGroupsForUserQuery)
export class ListGroupsForUserHandler implements ICommandHandler<ListGroupsForUserQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, request }: ListGroupsForUserQuery): Promise<ListGroupsForUserResult> {
    const groups = this.accounts.get(accountId).listGroupsForUser(request.UserName);
    const { items, page } = paginate(
      groups,
      byName((g) => g.groupName),
      request,
    );
    return { Groups: items.map(awsGroup), ...page };
  }
}
