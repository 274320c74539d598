import { IsIamName } from '../../shared/iam-request.decorators';

/** Body of DeleteUserPolicy, with AWS's parameter names. */
export class DeleteUserPolicyRequestDto {
  @IsIamName('user')
  UserName!: string;

  @IsIamName('policy')
  PolicyName!: string;
}
