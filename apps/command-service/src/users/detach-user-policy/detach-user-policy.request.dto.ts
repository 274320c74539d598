import { IsArnParameter, IsIamName } from '../../shared/iam-request.decorators';

/** Body of DetachUserPolicy, with AWS's parameter names. */
export class DetachUserPolicyRequestDto {
  @IsIamName('user')
  UserName!: string;

  @IsArnParameter()
  PolicyArn!: string;
}
