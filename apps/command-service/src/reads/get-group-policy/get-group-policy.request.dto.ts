import { IsIamName } from '../../shared/iam-request.decorators';

/** Body of GetGroupPolicy. */
export class GetGroupPolicyRequestDto {
  @IsIamName('group')
  GroupName!: string;

  @IsIamName('policy')
  PolicyName!: string;
}
