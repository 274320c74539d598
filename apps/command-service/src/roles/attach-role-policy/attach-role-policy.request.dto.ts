import { IsArnParameter, IsIamName } from '../../shared/iam-request.decorators';

/** Body of AttachRolePolicy, with AWS's parameter names. */
export class AttachRolePolicyRequestDto {
  @IsIamName('role')
  RoleName!: string;

  @IsArnParameter()
  PolicyArn!: string;
}
