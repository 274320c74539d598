import { IsString, Length, Matches } from 'class-validator';
import { IAM_NAME_MESSAGE, IAM_NAME_PATTERN } from '../../shared/iam-validation';

/** Body of PutUserPolicy, with AWS's parameter names. */
export class PutUserPolicyRequestDto {
  @IsString()
  @Length(1, 64)
  @Matches(IAM_NAME_PATTERN, { message: IAM_NAME_MESSAGE })
  UserName!: string;

  @IsString()
  @Length(1, 128)
  @Matches(IAM_NAME_PATTERN, { message: IAM_NAME_MESSAGE })
  PolicyName!: string;

  /** JSON text, as in AWS's API. Its content is checked by libs/policy. */
  @IsString()
  @Length(1, 131072)
  PolicyDocument!: string;
}
