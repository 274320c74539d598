import type { IamTag } from '@portcullis/contracts';
import type { Account, AttachedPolicyView } from '@portcullis/domain';
import type { AwsAttachedPolicy } from './aws-shapes';
import { byName, paginate, type PageInfo, type PageRequestDto } from './pagination';

/** What List{User,Group,Role}Policies, ListAttached*Policies and List*Tags share. */

export type AttachedPoliciesPage = { AttachedPolicies: AwsAttachedPolicy[] } & PageInfo;

/** ListAttached{User,Group,Role}Policies: by policy name, filtered by the policies' path. */
export function attachedPoliciesPage(
  account: Account,
  attached: readonly AttachedPolicyView[],
  request: PageRequestDto & { PathPrefix?: string },
): AttachedPoliciesPage {
  const prefix = request.PathPrefix ?? '/';
  const { items, page } = paginate(
    attached.filter((a) => (account.getPolicy(a.policyArn)?.path ?? '/').startsWith(prefix)),
    { key: (a) => [a.policyName.toLowerCase(), a.policyArn] },
    request,
  );
  return {
    AttachedPolicies: items.map((a) => ({ PolicyName: a.policyName, PolicyArn: a.policyArn })),
    ...page,
  };
}

export type PolicyNamesPage = { PolicyNames: string[] } & PageInfo;

/** List{User,Group,Role}Policies: inline policy names, by name. */
export function policyNamesPage(
  names: readonly string[],
  request: PageRequestDto,
): PolicyNamesPage {
  const { items, page } = paginate(
    names,
    byName((n) => n),
    request,
  );
  return { PolicyNames: items, ...page };
}

export type TagsPage = { Tags: IamTag[] } & PageInfo;

/** List{User,Role,Policy}Tags: by key (keys are unique case-insensitively). */
export function tagsPage(tags: readonly IamTag[], request: PageRequestDto): TagsPage {
  const { items, page } = paginate(
    tags,
    byName((t) => t.Key),
    request,
  );
  return { Tags: items.map((t) => ({ Key: t.Key, Value: t.Value })), ...page };
}
