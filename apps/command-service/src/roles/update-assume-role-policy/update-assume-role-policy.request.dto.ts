import { IsIamName, IsPolicyDocumentText } from '../../shared/iam-request.decorators';

/** Body of UpdateAssumeRolePolicy, with AWS's parameter names. */
export class UpdateAssumeRolePolicyRequestDto {
  @IsIamName('role')
  RoleName!: string;

  /** The new trust policy, JSON text. */
  @IsPolicyDocumentText()
  PolicyDocument!: string;
}
