import { Command } from '@nestjs/cqrs';
import type { PutUserPolicyRequestDto } from './put-user-policy.request.dto';

/** PutUserPolicy answers nothing but success, as in AWS. */
export type PutUserPolicyResult = Record<string, never>;

export class PutUserPolicyCommand extends Command<PutUserPolicyResult> {
  constructor(
    readonly accountId: string,
    readonly userName: string,
    readonly policyName: string,
    readonly policyDocument: string,
  ) {
    super();
  }

  static fromRequest(accountId: string, dto: PutUserPolicyRequestDto): PutUserPolicyCommand {
    return new PutUserPolicyCommand(accountId, dto.UserName, dto.PolicyName, dto.PolicyDocument);
  }

  static resultFrom(): PutUserPolicyResult {
    return {};
  }
}
