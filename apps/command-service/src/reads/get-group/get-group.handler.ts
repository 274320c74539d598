import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { noSuchEntity } from '@portcullis/domain';
import { AccountRepository } from '../../pipeline/account.repository';
import { awsGroup, awsUser } from '../shared/aws-shapes';
import { byName, paginate } from '../shared/pagination';
import { GetGroupQuery, GetGroupResult } from './get-group.query';

@CommandHandler(GetGroupQuery)
export class GetGroupHandler implements ICommandHandler<GetGroupQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, request }: GetGroupQuery): Promise<GetGroupResult> {
    const found = this.accounts.get(accountId).getGroup(request.GroupName);
    if (!found) throw noSuchEntity('Group', request.GroupName);
    const { items, page } = paginate(
      found.users,
      byName((u) => u.userName),
      request,
    );
    return { Group: awsGroup(found.group), Users: items.map((u) => awsUser(u, 'list')), ...page };
  }
}
