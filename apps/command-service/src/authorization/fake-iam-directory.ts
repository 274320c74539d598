import type {
  IamDirectory,
  IamEntityType,
  IamPolicyText,
  IamPrincipalPolicies,
  IamTarget,
} from './iam-directory.port';

/**
 * A small in-memory account for specs, shaped the way the aggregate adapter must answer: a user's
 * policy set is its inline and attached policies plus those of its groups; entities are found by
 * name case-insensitively; ARNs carry paths. Not for production use.
 */
export class FakeIamDirectory implements IamDirectory {
  private readonly managed = new Map<string, { document: string; tags: Record<string, string> }>();
  private readonly principals = new Map<string, Principal>(); // by ARN
  private readonly groups = new Map<string, Group>(); // by lower-cased name
  private readonly accessKeys = new Map<string, string>(); // access key id → user name
  calls = 0;

  constructor(readonly accountId: string) {}

  policy(name: string, document: object | string, tags: Record<string, string> = {}): string {
    const arn = `arn:aws:iam::${this.accountId}:policy/${name}`;
    this.managed.set(arn, { document: json(document), tags });
    return arn;
  }

  user(name: string, options: EntityOptions = {}): string {
    return this.addPrincipal('user', name, options);
  }

  role(name: string, options: EntityOptions = {}): string {
    return this.addPrincipal('role', name, options);
  }

  group(
    name: string,
    options: { path?: string; inline?: Record<string, object | string>; attached?: string[] } = {},
  ): string {
    const arn = `arn:aws:iam::${this.accountId}:group${options.path ?? '/'}${name}`;
    this.groups.set(name.toLowerCase(), {
      arn,
      inline: mapValues(options.inline ?? {}, json),
      attached: options.attached ?? [],
    });
    return arn;
  }

  /** Replace a managed policy's document (a new default version). */
  setDefaultVersion(arn: string, document: object | string): void {
    const policy = this.managed.get(arn);
    if (policy === undefined) throw new Error(`no policy ${arn}`);
    policy.document = json(document);
  }

  removeFromGroup(userArn: string, groupName: string): void {
    const user = this.principals.get(userArn);
    if (user !== undefined) user.groups = user.groups.filter((g) => g !== groupName.toLowerCase());
  }

  policiesOf(principalArn: string): IamPrincipalPolicies | undefined {
    this.calls++;
    const p = this.principals.get(principalArn);
    if (p === undefined) return undefined;
    const identity: IamPolicyText[] = [];
    const add = (ownerArn: string, inline: Record<string, string>, attached: string[]) => {
      for (const [name, document] of Object.entries(inline)) {
        identity.push({ id: `${ownerArn}#inline/${name}`, document });
      }
      for (const arn of attached) identity.push({ id: arn, document: this.managedDocument(arn) });
    };
    add(p.arn, p.inline, p.attached);
    for (const groupName of p.groups) {
      const group = this.groups.get(groupName);
      if (group !== undefined) add(group.arn, group.inline, group.attached);
    }
    return {
      identity,
      boundary:
        p.boundary === undefined
          ? undefined
          : { id: p.boundary, document: this.managedDocument(p.boundary) },
      tags: p.tags,
      principalId: p.id,
      name: p.name,
    };
  }

  /** Gives a user an access key (GetAccessKeyLastUsed is authorized on its owner). */
  accessKey(accessKeyId: string, userName: string): void {
    this.accessKeys.set(accessKeyId, userName);
  }

  accessKeyOwner(accessKeyId: string): string | undefined {
    return this.accessKeys.get(accessKeyId);
  }

  lookup(entityType: IamEntityType, nameOrArn: string): IamTarget | undefined {
    this.calls++;
    if (entityType === 'policy') {
      const policy = this.managed.get(nameOrArn);
      return policy === undefined ? undefined : { arn: nameOrArn, tags: policy.tags };
    }
    if (entityType === 'group') {
      const group = this.groups.get(nameOrArn.toLowerCase());
      return group === undefined ? undefined : { arn: group.arn, tags: {} };
    }
    for (const p of this.principals.values()) {
      if (p.type === entityType && p.name.toLowerCase() === nameOrArn.toLowerCase()) {
        return { arn: p.arn, tags: p.tags, permissionsBoundary: p.boundary };
      }
    }
    return undefined;
  }

  private addPrincipal(type: 'user' | 'role', name: string, o: EntityOptions): string {
    const arn = `arn:aws:iam::${this.accountId}:${type}${o.path ?? '/'}${name}`;
    const id = `${type === 'user' ? 'AIDA' : 'AROA'}${name.toUpperCase().padEnd(17, 'X')}`;
    this.principals.set(arn, {
      type,
      arn,
      name,
      id,
      inline: mapValues(o.inline ?? {}, json),
      attached: o.attached ?? [],
      groups: (o.groups ?? []).map((g) => g.toLowerCase()),
      boundary: o.boundary,
      tags: o.tags ?? {},
    });
    return arn;
  }

  private managedDocument(arn: string): string {
    const policy = this.managed.get(arn);
    if (policy === undefined) throw new Error(`no policy ${arn}`);
    return policy.document;
  }
}

export interface EntityOptions {
  path?: string;
  inline?: Record<string, object | string>;
  attached?: string[];
  groups?: string[];
  boundary?: string;
  tags?: Record<string, string>;
}

interface Principal {
  type: 'user' | 'role';
  arn: string;
  name: string;
  id: string;
  inline: Record<string, string>;
  attached: string[];
  groups: string[];
  boundary?: string;
  tags: Record<string, string>;
}

interface Group {
  arn: string;
  inline: Record<string, string>;
  attached: string[];
}

const json = (document: object | string): string =>
  typeof document === 'string' ? document : JSON.stringify(document);

function mapValues<A, B>(record: Record<string, A>, f: (a: A) => B): Record<string, B> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]));
}

/** `{"Version":"2012-10-17","Statement":[...]}` from statements. */
export const policyOf = (...statements: object[]): object => ({
  Version: '2012-10-17',
  Statement: statements,
});
