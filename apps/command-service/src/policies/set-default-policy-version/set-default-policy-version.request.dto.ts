import { IsArnParameter, IsPolicyVersionId } from '../../shared/iam-request.decorators';

/** Body of SetDefaultPolicyVersion, with AWS's parameter names. */
export class SetDefaultPolicyVersionRequestDto {
  @IsArnParameter()
  PolicyArn!: string;

  @IsPolicyVersionId()
  VersionId!: string;
}
