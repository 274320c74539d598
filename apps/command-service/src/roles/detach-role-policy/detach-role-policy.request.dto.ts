import { IsArnParameter, IsIamName } from '../../shared/iam-request.decorators';

/** Body of DetachRolePolicy, with AWS's parameter names. */
export class DetachRolePolicyRequestDto {
  @IsIamName('role')
  RoleName!: string;

  @IsArnParameter()
  PolicyArn!: string;
}
