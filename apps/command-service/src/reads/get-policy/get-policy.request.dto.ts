import { IsArnParameter } from '../../shared/iam-request.decorators';

/** Body of GetPolicy. */
export class GetPolicyRequestDto {
  @IsArnParameter()
  PolicyArn!: string;
}
