import { IsIamName } from '../../shared/iam-request.decorators';

/** Body of DeleteGroupPolicy, with AWS's parameter names. */
export class DeleteGroupPolicyRequestDto {
  @IsIamName('group')
  GroupName!: string;

  @IsIamName('policy')
  PolicyName!: string;
}
