import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { noSuchEntity } from '@portcullis/domain';
import { AccountRepository } from '../../pipeline/account.repository';
import { awsUser } from '../shared/aws-shapes';
import { GetUserQuery, GetUserResult } from './get-user.query';

@CommandHandler(GetUserQuery)
export class GetUserHandler implements ICommandHandler<GetUserQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, request }: GetUserQuery): Promise<GetUserResult> {
    const user = this.accounts.get(accountId).getUser(request.UserName);
    if (!user) throw noSuchEntity('User', request.UserName);
    return { User: awsUser(user, 'get') };
  }
}
