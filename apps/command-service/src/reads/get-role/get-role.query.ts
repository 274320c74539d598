import { Command } from '@nestjs/cqrs';
import type { AwsRole } from '../shared/aws-shapes';
import type { GetRoleRequestDto } from './get-role.request.dto';

/** GetRole: the role with its trust policy, permissions boundary and tags. */
export interface GetRoleResult {
  Role: AwsRole;
}

export class GetRoleQuery extends Command<GetRoleResult> {
  constructor(
    readonly accountId: string,
    readonly request: GetRoleRequestDto,
  ) {
    super();
  }
}
