import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { PolicyEntityView } from '@portcullis/domain';
import { AccountRepository } from '../../pipeline/account.repository';
import { paginate } from '../shared/pagination';
import {
  ListEntitiesForPolicyQuery,
  ListEntitiesForPolicyResult,
} from './list-entities-for-policy.query';

type EntityType = 'group' | 'user' | 'role';
/** The order of the reply's lists, and of the one page across them. */
const RANK: Record<EntityType, number> = { group: 0, user: 1, role: 2 };
const FILTER: Record<string, EntityType> = { User: 'user', Group: 'group', Role: 'role' };

interface Entity extends PolicyEntityView {
  type: EntityType;
}

/** `arn:aws:iam::123456789012:user/eng/alice` → `/eng/`. */
function pathOf(e: Entity): string {
  const resource = e.arn.slice(e.arn.indexOf(`:${e.type}/`) + e.type.length + 1);
  return resource.slice(0, resource.length - e.name.length);
}

@CommandHandler(ListEntitiesForPolicyQuery)
export class ListEntitiesForPolicyHandler implements ICommandHandler<ListEntitiesForPolicyQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({
    accountId,
    request,
  }: ListEntitiesForPolicyQuery): Promise<ListEntitiesForPolicyResult> {
    const account = this.accounts.get(accountId);
    const used = account.listEntitiesForPolicy(request.PolicyArn); // NoSuchEntity if unknown
    const usage = request.PolicyUsageFilter;
    const of = (type: EntityType, views: readonly PolicyEntityView[]): Entity[] =>
      views.map((v) => ({ ...v, type }));
    const candidates = [
      ...(usage !== 'PermissionsBoundary'
        ? [
            ...of('group', used.policyGroups),
            ...of('user', used.policyUsers),
            ...of('role', used.policyRoles),
          ]
        : []),
      ...(usage !== 'PermissionsPolicy'
        ? [...of('user', used.boundaryUsers), ...of('role', used.boundaryRoles)]
        : []),
    ];
    const awsManaged = account.getPolicy(request.PolicyArn)?.awsManaged === true;
    const filter = request.EntityFilter;
    const wanted = (e: Entity): boolean =>
      filter === undefined ||
      FILTER[filter] === e.type ||
      (filter === 'AWSManagedPolicy' && awsManaged) ||
      (filter === 'LocalManagedPolicy' && !awsManaged);
    const prefix = request.PathPrefix ?? '/';
    const unique = new Map<string, Entity>();
    for (const e of candidates) {
      if (wanted(e) && pathOf(e).startsWith(prefix)) unique.set(e.arn, e);
    }
    const { items, page } = paginate(
      unique.values(),
      { key: (e) => [RANK[e.type], e.name.toLowerCase()] },
      request,
    );
    return {
      PolicyGroups: items
        .filter((e) => e.type === 'group')
        .map((e) => ({ GroupName: e.name, GroupId: e.id })),
      PolicyUsers: items
        .filter((e) => e.type === 'user')
        .map((e) => ({ UserName: e.name, UserId: e.id })),
      PolicyRoles: items
        .filter((e) => e.type === 'role')
        .map((e) => ({ RoleName: e.name, RoleId: e.id })),
      ...page,
    };
  }
}
