import { IsArnParameter, IsPolicyVersionId } from '../../shared/iam-request.decorators';

/** Body of GetPolicyVersion. */
export class GetPolicyVersionRequestDto {
  @IsArnParameter()
  PolicyArn!: string;

  @IsPolicyVersionId()
  VersionId!: string;
}
