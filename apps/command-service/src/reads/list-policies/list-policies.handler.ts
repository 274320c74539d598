import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { ManagedPolicyView } from '@portcullis/domain';
import { AccountRepository } from '../../pipeline/account.repository';
import { awsPolicy } from '../shared/aws-shapes';
import { paginate } from '../shared/pagination';
import { ListPoliciesQuery, ListPoliciesResult } from './list-policies.query';
import type { PolicyUsageFilter } from '../shared/read-params';

/**
 * Which policies count as "in use". OnlyAttached keeps attached policies (AttachmentCount > 0),
 * or with PolicyUsageFilter=PermissionsBoundary those set as a boundary; PermissionsBoundary
 * alone keeps the boundaries; PermissionsPolicy alone filters nothing (any managed policy can be
 * attached).
 */
function inUse(
  onlyAttached: boolean,
  filter: PolicyUsageFilter | undefined,
): (p: ManagedPolicyView) => boolean {
  if (filter === 'PermissionsBoundary') return (p) => p.permissionsBoundaryUsageCount > 0;
  if (onlyAttached) return (p) => p.attachmentCount > 0;
  return () => true;
}

@CommandHandler(ListPoliciesQuery)
export class ListPoliciesHandler implements ICommandHandler<ListPoliciesQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, request }: ListPoliciesQuery): Promise<ListPoliciesResult> {
    const policies = this.accounts
      .get(accountId)
      .listPolicies({ scope: request.Scope ?? 'All', pathPrefix: request.PathPrefix })
      .filter(inUse(request.OnlyAttached === true, request.PolicyUsageFilter));
    // A customer policy may share its name with an AWS managed one: the ARN breaks the tie.
    const { items, page } = paginate(
      policies,
      { key: (p) => [p.policyName.toLowerCase(), p.arn] },
      request,
    );
    return { Policies: items.map((p) => awsPolicy(p, 'list')), ...page };
  }
}
