import { Command } from '@nestjs/cqrs';
import type { AwsPolicyVersion } from '../shared/aws-shapes';
import type { GetPolicyVersionRequestDto } from './get-policy-version.request.dto';

/** GetPolicyVersion: one version with its document (JSON text). */
export interface GetPolicyVersionResult {
  PolicyVersion: AwsPolicyVersion;
}

export class GetPolicyVersionQuery extends Command<GetPolicyVersionResult> {
  constructor(
    readonly accountId: string,
    readonly request: GetPolicyVersionRequestDto,
  ) {
    super();
  }
}
