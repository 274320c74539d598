import { noSuchEntity, policyNotFound, policyVersionNotFound } from '../account.errors';
import type {
  AccountState,
  EntityState,
  GroupState,
  ManagedPolicyState,
  RoleState,
  UserState,
} from '../account.state';
import { AWS_ACCOUNT, inlinePolicyId, parsePolicyArn, parsePrincipalArn, rootArn } from '../arns';
import type { AwsManagedPolicy, AwsManagedPolicyCatalog } from '../aws-managed-policies';
import { findCustomerPolicy } from '../shared/lookups';
import type { TagSet } from '../tags';
import { RequestValidation } from '../validation';
import type {
  AccountView,
  AttachedPolicyView,
  GroupView,
  GroupWithUsersView,
  InlinePolicyView,
  ListPoliciesOptions,
  ManagedPolicyView,
  PathPrefixOptions,
  PolicyEntitiesView,
  PolicyEntityView,
  PolicyVersionView,
  PrincipalPoliciesView,
  PrincipalPolicyView,
  RoleView,
  UserView,
} from './views';

/** Freezes a freshly built view and everything in it. */
function frozen<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) frozen(v);
    Object.freeze(value);
  }
  return value;
}

const byName = <T extends { name: string }>(a: T, b: T): number => {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
};

const tagList = (tags: TagSet) => [...tags.values()].map((t) => ({ Key: t.Key, Value: t.Value }));

function checkPathPrefix(options: PathPrefixOptions): string {
  const prefix = options.pathPrefix ?? '/';
  new RequestValidation().pathPrefix('pathPrefix', prefix).throwIfAny();
  return prefix;
}

/**
 * The aggregate's read side: AWS read APIs and authorization ask these. Every answer is a new
 * frozen snapshot. Lookups of one entity answer undefined when it does not exist; lists scoped to
 * an entity throw NoSuchEntity, as AWS does.
 */
export class AccountQueries {
  constructor(
    private readonly state: AccountState,
    private readonly catalog: AwsManagedPolicyCatalog,
  ) {}

  getAccount(): AccountView {
    const s = this.state;
    return frozen({
      accountId: s.accountId,
      ...(s.account && { accountName: s.account.accountName }),
      rootArn: rootArn(s.accountId),
      ...(s.account && { createDate: s.account.createDate }),
    });
  }

  // ---- users

  getUser(userName: string): UserView | undefined {
    const u = this.state.users.find(userName);
    return u && frozen(userView(u));
  }

  listUsers(options: PathPrefixOptions = {}): readonly UserView[] {
    const prefix = checkPathPrefix(options);
    return frozen(
      [...this.state.users.values()]
        .filter((u) => u.path.startsWith(prefix))
        .sort(byName)
        .map(userView),
    );
  }

  listGroupsForUser(userName: string): readonly GroupView[] {
    const u = this.user(userName);
    return frozen(this.groupsOf(u).map(groupView));
  }

  // ---- groups

  getGroup(groupName: string): GroupWithUsersView | undefined {
    const g = this.state.groups.find(groupName);
    if (!g) return undefined;
    const users = [...g.members]
      .map((k) => this.state.users.get(k)!)
      .sort(byName)
      .map(userView);
    return frozen({ group: groupView(g), users });
  }

  listGroups(options: PathPrefixOptions = {}): readonly GroupView[] {
    const prefix = checkPathPrefix(options);
    return frozen(
      [...this.state.groups.values()]
        .filter((g) => g.path.startsWith(prefix))
        .sort(byName)
        .map(groupView),
    );
  }

  // ---- roles

  getRole(roleName: string): RoleView | undefined {
    const r = this.state.roles.find(roleName);
    return r && frozen(roleView(r));
  }

  listRoles(options: PathPrefixOptions = {}): readonly RoleView[] {
    const prefix = checkPathPrefix(options);
    return frozen(
      [...this.state.roles.values()]
        .filter((r) => r.path.startsWith(prefix))
        .sort(byName)
        .map(roleView),
    );
  }

  // ---- managed policies

  getPolicy(policyArn: string): ManagedPolicyView | undefined {
    const customer = findCustomerPolicy(this.state, policyArn);
    if (customer) return frozen(this.customerPolicyView(customer));
    const aws = this.awsPolicy(policyArn);
    return aws && frozen(this.awsPolicyView(aws));
  }

  /** ListPolicies: customer (Local), AWS managed (AWS) or both (All), sorted by name. */
  listPolicies(options: ListPoliciesOptions = {}): readonly ManagedPolicyView[] {
    const prefix = checkPathPrefix(options);
    const scope = options.scope ?? 'All';
    const views: ManagedPolicyView[] = [];
    if (scope !== 'AWS') {
      for (const p of this.state.policies.values()) views.push(this.customerPolicyView(p));
    }
    if (scope !== 'Local') {
      for (const p of this.catalog.list()) views.push(this.awsPolicyView(p));
    }
    return frozen(
      views
        .filter((p) => p.path.startsWith(prefix))
        .filter((p) => !options.onlyAttached || p.attachmentCount > 0)
        .sort((a, b) => byName({ name: a.policyName }, { name: b.policyName })),
    );
  }

  /** GetPolicyVersion. An AWS managed policy shows its default version only. */
  getPolicyVersion(policyArn: string, versionId: string): PolicyVersionView | undefined {
    return this.versionsOf(policyArn)?.find((v) => v.versionId === versionId);
  }

  /** ListPolicyVersions, oldest first. NoSuchEntity for an unknown policy. */
  listPolicyVersions(policyArn: string): readonly PolicyVersionView[] {
    const versions = this.versionsOf(policyArn);
    if (!versions) throw policyNotFound(policyArn);
    return versions;
  }

  /** Like getPolicyVersion, but NoSuchEntity when the policy or version does not exist. */
  requirePolicyVersion(policyArn: string, versionId: string): PolicyVersionView {
    const versions = this.versionsOf(policyArn);
    if (!versions) throw policyNotFound(policyArn);
    const version = versions.find((v) => v.versionId === versionId);
    if (!version) throw policyVersionNotFound(policyArn, versionId);
    return version;
  }

  listEntitiesForPolicy(policyArn: string): PolicyEntitiesView {
    if (!this.getPolicy(policyArn)) throw policyNotFound(policyArn);
    const usage = this.state.usage.get(policyArn);
    const pick = (keys: Iterable<string> | undefined, type: EntityState['type']) =>
      [...(keys ?? [])]
        .map((k) => this.state.entity(k)!)
        .filter((e) => e.type === type)
        .sort(byName)
        .map((e): PolicyEntityView => ({ name: e.name, id: e.id, arn: e.arn }));
    return frozen({
      policyUsers: pick(usage?.attached, 'user'),
      policyGroups: pick(usage?.attached, 'group'),
      policyRoles: pick(usage?.attached, 'role'),
      boundaryUsers: pick(usage?.boundaryOf, 'user'),
      boundaryRoles: pick(usage?.boundaryOf, 'role'),
    });
  }

  // ---- attached and inline policies

  listAttachedUserPolicies(userName: string): readonly AttachedPolicyView[] {
    return this.attachedOf(this.user(userName));
  }

  listAttachedGroupPolicies(groupName: string): readonly AttachedPolicyView[] {
    return this.attachedOf(this.group(groupName));
  }

  listAttachedRolePolicies(roleName: string): readonly AttachedPolicyView[] {
    return this.attachedOf(this.role(roleName));
  }

  listUserPolicies(userName: string): readonly string[] {
    return this.inlineNamesOf(this.user(userName));
  }

  listGroupPolicies(groupName: string): readonly string[] {
    return this.inlineNamesOf(this.group(groupName));
  }

  listRolePolicies(roleName: string): readonly string[] {
    return this.inlineNamesOf(this.role(roleName));
  }

  getUserPolicy(userName: string, policyName: string): InlinePolicyView | undefined {
    return this.inlineOf(this.state.users.find(userName), policyName);
  }

  getGroupPolicy(groupName: string, policyName: string): InlinePolicyView | undefined {
    return this.inlineOf(this.state.groups.find(groupName), policyName);
  }

  getRolePolicy(roleName: string, policyName: string): InlinePolicyView | undefined {
    return this.inlineOf(this.state.roles.find(roleName), policyName);
  }

  // ---- IAM authorizes IAM

  /**
   * The policy set of a principal of this account: `arn:aws:iam::<acct>:root`, a user or role
   * ARN, or an STS assumed-role session ARN (answered for its role). Undefined for a principal
   * that does not exist here (including any of another account).
   */
  policiesOf(principalArn: string): PrincipalPoliciesView | undefined {
    const parsed = parsePrincipalArn(principalArn);
    if (!parsed || parsed.account !== this.state.accountId) return undefined;
    if (parsed.type === 'root') {
      return frozen({ principalArn, principalType: 'root', identityPolicies: [] });
    }
    if (parsed.type === 'user') {
      const u = this.state.users.find(parsed.name);
      if (!u || u.arn !== principalArn) return undefined;
      const sources: EntityState[] = [u, ...this.groupsOf(u)];
      return frozen({
        principalArn,
        principalType: 'user',
        identityPolicies: this.documentsOf(sources),
        ...this.boundaryOf(u),
      });
    }
    const r = this.state.roles.find(parsed.name);
    if (!r || (parsed.type === 'role' && r.arn !== principalArn)) return undefined;
    return frozen({
      principalArn,
      principalType: 'role',
      identityPolicies: this.documentsOf([r]),
      ...this.boundaryOf(r),
    });
  }

  // ---- helpers

  private user(name: string): UserState {
    const u = this.state.users.find(name);
    if (!u) throw noSuchEntity('User', name);
    return u;
  }

  private group(name: string): GroupState {
    const g = this.state.groups.find(name);
    if (!g) throw noSuchEntity('Group', name);
    return g;
  }

  private role(name: string): RoleState {
    const r = this.state.roles.find(name);
    if (!r) throw noSuchEntity('Role', name);
    return r;
  }

  private groupsOf(u: UserState): GroupState[] {
    return [...u.groups].map((k) => this.state.groups.get(k)!);
  }

  /** An AWS managed policy from the catalogue, or as recorded when the catalogue lacks it. */
  private awsPolicy(arn: string): AwsManagedPolicy | undefined {
    if (parsePolicyArn(arn)?.account !== AWS_ACCOUNT) return undefined;
    const recorded = this.state.awsPolicies.get(arn);
    return (
      this.catalog.get(arn) ??
      (recorded && {
        arn: recorded.policyArn,
        policyName: recorded.policyName,
        path: recorded.path,
        defaultVersionId: recorded.defaultVersionId,
        document: recorded.document,
      })
    );
  }

  private counts(arn: string) {
    const usage = this.state.usage.get(arn);
    return {
      attachmentCount: usage?.attached.size ?? 0,
      permissionsBoundaryUsageCount: usage?.boundaryOf.size ?? 0,
    };
  }

  private customerPolicyView(p: ManagedPolicyState): ManagedPolicyView {
    return {
      policyName: p.policyName,
      policyId: p.policyId,
      arn: p.arn,
      path: p.path,
      ...(p.description !== undefined && { description: p.description }),
      defaultVersionId: p.defaultVersionId,
      createDate: p.createDate,
      updateDate: p.updateDate,
      ...this.counts(p.arn),
      isAttachable: true,
      awsManaged: false,
      tags: tagList(p.tags),
    };
  }

  private awsPolicyView(p: AwsManagedPolicy): ManagedPolicyView {
    return {
      policyName: p.policyName,
      arn: p.arn,
      path: p.path,
      defaultVersionId: p.defaultVersionId,
      ...this.counts(p.arn),
      isAttachable: true,
      awsManaged: true,
      tags: [],
    };
  }

  private versionsOf(policyArn: string): readonly PolicyVersionView[] | undefined {
    const customer = findCustomerPolicy(this.state, policyArn);
    if (customer) {
      return frozen(
        [...customer.versions.values()].map((v) => ({
          versionId: v.versionId,
          document: v.document,
          isDefaultVersion: v.versionId === customer.defaultVersionId,
          createDate: v.createDate,
        })),
      );
    }
    const aws = this.awsPolicy(policyArn);
    return (
      aws &&
      frozen([{ versionId: aws.defaultVersionId, document: aws.document, isDefaultVersion: true }])
    );
  }

  private policyName(arn: string): string {
    return (
      this.state.awsPolicies.get(arn)?.policyName ??
      findCustomerPolicy(this.state, arn)?.policyName ??
      parsePolicyArn(arn)?.name ??
      arn
    );
  }

  private attachedOf(e: EntityState): readonly AttachedPolicyView[] {
    return frozen(
      [...e.attached].map((arn) => ({ policyName: this.policyName(arn), policyArn: arn })),
    );
  }

  private inlineNamesOf(e: EntityState): readonly string[] {
    return frozen([...e.inline.values()].map((p) => p.policyName));
  }

  private inlineOf(e: EntityState | undefined, policyName: string): InlinePolicyView | undefined {
    const p = e?.inline.get(policyName.toLowerCase());
    return p && frozen({ policyName: p.policyName, policyDocument: p.document });
  }

  /**
   * A managed policy's document in effect in this account. An AWS managed policy's comes from
   * the events that attached it (as projections see it), not from the current catalogue.
   */
  private managedDocument(arn: string, via: string): PrincipalPolicyView | undefined {
    const aws = this.state.awsPolicies.get(arn);
    if (aws) {
      return {
        id: arn,
        kind: 'managed',
        document: aws.document,
        via,
        versionId: aws.defaultVersionId,
        awsManaged: true,
      };
    }
    const p = findCustomerPolicy(this.state, arn);
    const version = p?.versions.get(p.defaultVersionId);
    return (
      version && {
        id: arn,
        kind: 'managed',
        document: version.document,
        via,
        versionId: version.versionId,
        awsManaged: false,
      }
    );
  }

  private documentsOf(sources: EntityState[]): PrincipalPolicyView[] {
    const out: PrincipalPolicyView[] = [];
    const seen = new Set<string>();
    for (const e of sources) {
      for (const p of e.inline.values()) {
        out.push({
          id: inlinePolicyId(e.arn, p.policyName),
          kind: 'inline',
          document: p.document,
          via: e.arn,
        });
      }
      for (const arn of e.attached) {
        if (seen.has(arn)) continue;
        seen.add(arn);
        const doc = this.managedDocument(arn, e.arn);
        if (doc) out.push(doc);
      }
    }
    return out;
  }

  private boundaryOf(e: UserState | RoleState): { permissionsBoundary?: PrincipalPolicyView } {
    const doc = e.boundary === undefined ? undefined : this.managedDocument(e.boundary, e.arn);
    return doc ? { permissionsBoundary: doc } : {};
  }
}

function userView(u: UserState): UserView {
  return {
    userName: u.name,
    userId: u.id,
    path: u.path,
    arn: u.arn,
    createDate: u.createDate,
    ...(u.boundary !== undefined && { permissionsBoundaryArn: u.boundary }),
    tags: tagList(u.tags),
  };
}

function groupView(g: GroupState): GroupView {
  return { groupName: g.name, groupId: g.id, path: g.path, arn: g.arn, createDate: g.createDate };
}

function roleView(r: RoleState): RoleView {
  return {
    roleName: r.name,
    roleId: r.id,
    path: r.path,
    arn: r.arn,
    createDate: r.createDate,
    assumeRolePolicyDocument: r.trustPolicy,
    ...(r.description !== undefined && { description: r.description }),
    maxSessionDuration: r.maxSessionDuration,
    ...(r.boundary !== undefined && { permissionsBoundaryArn: r.boundary }),
    tags: tagList(r.tags),
  };
}
