import { Command } from '@nestjs/cqrs';
import type { AwsPolicyVersion } from '../shared/aws-shapes';
import type { PageInfo } from '../shared/pagination';
import type { ListPolicyVersionsRequestDto } from './list-policy-versions.request.dto';

/** ListPolicyVersions: newest first, without documents (GetPolicyVersion has them). */
export type ListPolicyVersionsResult = { Versions: AwsPolicyVersion[] } & PageInfo;

export class ListPolicyVersionsQuery extends Command<ListPolicyVersionsResult> {
  constructor(
    readonly accountId: string,
    readonly request: ListPolicyVersionsRequestDto,
  ) {
    super();
  }
}
