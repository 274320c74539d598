import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { noSuchEntity } from '@portcullis/domain';
import { AccountRepository } from '../../pipeline/account.repository';
import { awsRole } from '../shared/aws-shapes';
import { GetRoleQuery, GetRoleResult } from './get-role.query';

@CommandHandler(GetRoleQuery)
export class GetRoleHandler implements ICommandHandler<GetRoleQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, request }: GetRoleQuery): Promise<GetRoleResult> {
    const role = this.accounts.get(accountId).getRole(request.RoleName);
    if (!role) throw noSuchEntity('Role', request.RoleName);
    return { Role: awsRole(role, 'get') };
  }
}
