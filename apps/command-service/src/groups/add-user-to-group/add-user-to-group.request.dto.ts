import { IsIamName } from '../../shared/iam-request.decorators';

/** Body of AddUserToGroup, with AWS's parameter names. */
export class AddUserToGroupRequestDto {
  @IsIamName('group')
  GroupName!: string;

  @IsIamName('user')
  UserName!: string;
}
