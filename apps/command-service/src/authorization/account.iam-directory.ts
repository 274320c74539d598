import type { IamTag } from '@portcullis/contracts';
import { parsePrincipalArn, type Account } from '@portcullis/domain';
import type {
  IamDirectory,
  IamEntityType,
  IamPrincipalPolicies,
  IamTarget,
} from './iam-directory.port';

const NO_TAGS: Readonly<Record<string, string>> = Object.freeze({});

/** Tags as condition keys want them: key → value (keys are unique case-insensitively). */
function tagRecord(tags: readonly IamTag[]): Readonly<Record<string, string>> {
  return tags.length === 0 ? NO_TAGS : Object.fromEntries(tags.map((t) => [t.Key, t.Value]));
}

/**
 * The Account aggregate as IAM-authorizes-IAM sees it (adapter of the IamDirectory port). The
 * writer holds the aggregate, so every answer reflects the commands decided before this one.
 *
 * - `policiesOf`: a user's inline and attached managed policies and those of its groups, a
 *   role's own (the aggregate's `policiesOf`), the boundary apart; the principal's tags, unique
 *   id and name. Managed policies answer their default version; AWS managed ones the document the
 *   account recorded when it attached them. Undefined for the root (it is allowed everything in
 *   its account before anyone asks) and for any principal the account does not have.
 * - `lookup`: a user, group or role by name (case-insensitively, as IAM matches names), a policy
 *   by ARN (AWS managed ones included), a virtual MFA device by serial number, with its ARN (path
 *   included), tags and, for users and roles, current permissions boundary.
 * - `accessKeyOwner`: the user an access key belongs to.
 */
export class AccountIamDirectory implements IamDirectory {
  constructor(private readonly account: Account) {}

  policiesOf(principalArn: string): IamPrincipalPolicies | undefined {
    const view = this.account.policiesOf(principalArn);
    if (view === undefined || view.principalType === 'root') return undefined;
    const parsed = parsePrincipalArn(principalArn);
    if (parsed === undefined || parsed.type === 'root') return undefined;
    const entity =
      view.principalType === 'user'
        ? this.account.getUser(parsed.name)
        : this.account.getRole(parsed.name);
    if (entity === undefined) return undefined;
    return {
      identity: view.identityPolicies,
      ...(view.permissionsBoundary && { boundary: view.permissionsBoundary }),
      tags: tagRecord(entity.tags),
      principalId: 'userId' in entity ? entity.userId : entity.roleId,
      name: 'userName' in entity ? entity.userName : entity.roleName,
    };
  }

  lookup(entityType: IamEntityType, nameOrArn: string): IamTarget | undefined {
    switch (entityType) {
      case 'user': {
        const u = this.account.getUser(nameOrArn);
        return u && target(u.arn, u.tags, u.permissionsBoundaryArn);
      }
      case 'role': {
        const r = this.account.getRole(nameOrArn);
        return r && target(r.arn, r.tags, r.permissionsBoundaryArn);
      }
      case 'group': {
        const g = this.account.getGroup(nameOrArn)?.group;
        return g && target(g.arn, []);
      }
      case 'policy': {
        const p = this.account.getPolicy(nameOrArn);
        return p && target(p.arn, p.tags);
      }
      case 'mfa': {
        const d = this.account.listVirtualMfaDevices().find((v) => v.serialNumber === nameOrArn);
        return d && target(d.serialNumber, d.tags);
      }
    }
  }

  accessKeyOwner(accessKeyId: string): string | undefined {
    return this.account.accessKeyOwner(accessKeyId);
  }
}

function target(arn: string, tags: readonly IamTag[], permissionsBoundary?: string): IamTarget {
  return {
    arn,
    tags: tagRecord(tags),
    ...(permissionsBoundary !== undefined && { permissionsBoundary }),
  };
}
