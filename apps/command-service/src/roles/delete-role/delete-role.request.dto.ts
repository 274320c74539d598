import { IsIamName } from '../../shared/iam-request.decorators';

/** Body of DeleteRole, with AWS's parameter names. */
export class DeleteRoleRequestDto {
  @IsIamName('role')
  RoleName!: string;
}
