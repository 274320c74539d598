import { IsIamName } from '../../shared/iam-request.decorators';

/** Body of DeleteRolePolicy, with AWS's parameter names. */
export class DeleteRolePolicyRequestDto {
  @IsIamName('role')
  RoleName!: string;

  @IsIamName('policy')
  PolicyName!: string;
}
