import { Command } from '@nestjs/cqrs';
import type { GetGroupPolicyRequestDto } from './get-group-policy.request.dto';

/** GetGroupPolicy: one inline policy, its document as JSON text. */
export interface GetGroupPolicyResult {
  GroupName: string;
  PolicyName: string;
  PolicyDocument: string;
}

export class GetGroupPolicyQuery extends Command<GetGroupPolicyResult> {
  constructor(
    readonly accountId: string,
    readonly request: GetGroupPolicyRequestDto,
  ) {
    super();
  }
}
