import { Command } from '@nestjs/cqrs';
import type { AwsPolicy } from '../shared/aws-shapes';
import type { PageInfo } from '../shared/pagination';
import type { ListPoliciesRequestDto } from './list-policies.request.dto';

/** ListPolicies: managed policies by name, without description or tags (as AWS lists them). */
export type ListPoliciesResult = { Policies: AwsPolicy[] } & PageInfo;

export class ListPoliciesQuery extends Command<ListPoliciesResult> {
  constructor(
    readonly accountId: string,
    readonly request: ListPoliciesRequestDto,
  ) {
    super();
  }
}
