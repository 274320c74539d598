import { IsIamName } from '../../shared/iam-request.decorators';

/** Body of DeleteUser, with AWS's parameter names. */
export class DeleteUserRequestDto {
  @IsIamName('user')
  UserName!: string;
}
