import { IsIamName } from '../../shared/iam-request.decorators';

/** Body of GetUserPolicy. */
export class GetUserPolicyRequestDto {
  @IsIamName('user')
  UserName!: string;

  @IsIamName('policy')
  PolicyName!: string;
}
