import { IsArnParameter, IsIamName } from '../../shared/iam-request.decorators';

/** Body of DetachGroupPolicy, with AWS's parameter names. */
export class DetachGroupPolicyRequestDto {
  @IsIamName('group')
  GroupName!: string;

  @IsArnParameter()
  PolicyArn!: string;
}
