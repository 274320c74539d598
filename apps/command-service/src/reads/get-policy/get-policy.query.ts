import { Command } from '@nestjs/cqrs';
import type { AwsPolicy } from '../shared/aws-shapes';
import type { GetPolicyRequestDto } from './get-policy.request.dto';

/** GetPolicy: a customer or AWS managed policy, with its usage counts (not its document). */
export interface GetPolicyResult {
  Policy: AwsPolicy;
}

export class GetPolicyQuery extends Command<GetPolicyResult> {
  constructor(
    readonly accountId: string,
    readonly request: GetPolicyRequestDto,
  ) {
    super();
  }
}
