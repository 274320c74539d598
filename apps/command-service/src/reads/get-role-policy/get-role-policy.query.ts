import { Command } from '@nestjs/cqrs';
import type { GetRolePolicyRequestDto } from './get-role-policy.request.dto';

/** GetRolePolicy: one inline policy, its document as JSON text. */
export interface GetRolePolicyResult {
  RoleName: string;
  PolicyName: string;
  PolicyDocument: string;
}

export class GetRolePolicyQuery extends Command<GetRolePolicyResult> {
  constructor(
    readonly accountId: string,
    readonly request: GetRolePolicyRequestDto,
  ) {
    super();
  }
}
