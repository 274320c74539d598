import { IsArnParameter, IsPolicyVersionId } from '../../shared/iam-request.decorators';

/** Body of DeletePolicyVersion, with AWS's parameter names. */
export class DeletePolicyVersionRequestDto {
  @IsArnParameter()
  PolicyArn!: string;

  @IsPolicyVersionId()
  VersionId!: string;
}
