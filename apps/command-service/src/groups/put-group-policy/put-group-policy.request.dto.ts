import { IsIamName, IsPolicyDocumentText } from '../../shared/iam-request.decorators';

/** Body of PutGroupPolicy, with AWS's parameter names. */
export class PutGroupPolicyRequestDto {
  @IsIamName('group')
  GroupName!: string;

  @IsIamName('policy')
  PolicyName!: string;

  /** JSON text, as in AWS's API; its content is checked by libs/policy. */
  @IsPolicyDocumentText()
  PolicyDocument!: string;
}
