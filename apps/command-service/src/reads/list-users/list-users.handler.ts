import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import { awsUser } from '../shared/aws-shapes';
import { byName, paginate } from '../shared/pagination';
import { ListUsersQuery, ListUsersResult } from './list-users.query';

@CommandHandler(ListUsersQuery)
export class ListUsersHandler implements ICommandHandler<ListUsersQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, request }: ListUsersQuery): Promise<ListUsersResult> {
    const users = this.accounts.get(accountId).listUsers({ pathPrefix: request.PathPrefix });
    const { items, page } = paginate(
      users,
      byName((u) => u.userName),
      request,
    );
    return { Users: items.map((u) => awsUser(u, 'list')), ...page };
  }
}
