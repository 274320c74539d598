import { IsArnParameter, IsIamName } from '../../shared/iam-request.decorators';

/** Body of AttachUserPolicy, with AWS's parameter names. */
export class AttachUserPolicyRequestDto {
  @IsIamName('user')
  UserName!: string;

  @IsArnParameter()
  PolicyArn!: string;
}
