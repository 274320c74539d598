import { Command } from '@nestjs/cqrs';
import type { GetUserPolicyRequestDto } from './get-user-policy.request.dto';

/** GetUserPolicy: one inline policy, its document as JSON text. */
export interface GetUserPolicyResult {
  UserName: string;
  PolicyName: string;
  PolicyDocument: string;
}

export class GetUserPolicyQuery extends Command<GetUserPolicyResult> {
  constructor(
    readonly accountId: string,
    readonly request: GetUserPolicyRequestDto,
  ) {
    super();
  }
}
