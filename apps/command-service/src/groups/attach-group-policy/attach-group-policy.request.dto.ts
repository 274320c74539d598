import { IsArnParameter, IsIamName } from '../../shared/iam-request.decorators';

/** Body of AttachGroupPolicy, with AWS's parameter names. */
export class AttachGroupPolicyRequestDto {
  @IsIamName('group')
  GroupName!: string;

  @IsArnParameter()
  PolicyArn!: string;
}
