import { IsIamName } from '../../shared/iam-request.decorators';

/** Body of GetRolePolicy. */
export class GetRolePolicyRequestDto {
  @IsIamName('role')
  RoleName!: string;

  @IsIamName('policy')
  PolicyName!: string;
}
