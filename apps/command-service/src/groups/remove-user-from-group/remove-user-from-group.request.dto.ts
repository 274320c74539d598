import { IsIamName } from '../../shared/iam-request.decorators';

/** Body of RemoveUserFromGroup, with AWS's parameter names. */
export class RemoveUserFromGroupRequestDto {
  @IsIamName('group')
  GroupName!: string;

  @IsIamName('user')
  UserName!: string;
}
