import { IsArnParameter } from '../../shared/iam-request.decorators';

/** Body of DeletePolicy, with AWS's parameter names. */
export class DeletePolicyRequestDto {
  @IsArnParameter()
  PolicyArn!: string;
}
