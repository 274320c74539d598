import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../../pipeline/account.repository';
import { awsRole } from '../shared/aws-shapes';
import { byName, paginate } from '../shared/pagination';
import { ListRolesQuery, ListRolesResult } from './list-roles.query';

@CommandHandler(ListRolesQuery)
export class ListRolesHandler implements ICommandHandler<ListRolesQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, request }: ListRolesQuery): Promise<ListRolesResult> {
    const roles = this.accounts.get(accountId).listRoles({ pathPrefix: request.PathPrefix });
    const { items, page } = paginate(
      roles,
      byName((r) => r.roleName),
      request,
    );
    return { Roles: items.map((r) => awsRole(r, 'list')), ...page };
  }
}
