import { IsArnParameter, IsTagKeyList } from '../../shared/iam-request.decorators';

/** Body of UntagPolicy, with AWS's parameter names. */
export class UntagPolicyRequestDto {
  @IsArnParameter()
  PolicyArn!: string;

  /** Keys not on the entity are ignored, as in AWS. */
  @IsTagKeyList()
  TagKeys!: string[];
}
