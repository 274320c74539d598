import type { CompiledPolicy, RequestContext } from '@portcullis/policy';
import type {
  GroupDocument,
  ManagedPolicyDocument,
  PrincipalDocument,
} from '@portcullis/read-models';
import type { CompiledPolicies } from '../cache/compiled-policies';
import type { CacheEntry, PrincipalEntry, ReadModelCache } from '../cache/read-model.cache';
import { PrincipalNotFoundError, ReadModelUnavailableError } from '../shared/query.errors';
import { principalContext } from '../shared/request-context';
import type { PrincipalRef } from '../shared/request-validation';

/** One policy of a principal's set, as GetEffectivePermissions shows it. */
export interface PolicySource {
  /** A managed policy's ARN, or `<owner ARN>#inline/<name>`. */
  id: string;
  /** `own`, `group:<group ARN>` or `boundary`. */
  source: string;
  /** A managed policy's default version id; '' for inline policies. */
  version: string;
  document: string;
}

/** The policies that apply to a principal, compiled, with what they were composed from. */
export interface EffectivePolicySet {
  principal: PrincipalDocument;
  /** Identity policies: own inline, own attached, each group's inline and attached (no repeats). */
  identity: CompiledPolicy[];
  boundary: CompiledPolicy | null;
  sources: PolicySource[];
  /** The request context keys AWS derives from the principal (for a role, without a session). */
  context: RequestContext;
  /** The cache entries it was composed from: valid while none is stale. */
  pieces: CacheEntry<unknown>[];
}

/** Identity policies of a group alone (SimulatePrincipalPolicy of a group). */
export interface GroupPolicySet {
  group: GroupDocument;
  identity: CompiledPolicy[];
  sources: PolicySource[];
}

function stillValid(set: EffectivePolicySet): boolean {
  const pieces = set.pieces;
  for (let i = 0; i < pieces.length; i++) if (pieces[i].stale) return false;
  return true;
}

/**
 * Composes a principal's effective policy set from cached pieces (its document, its groups'
 * documents, the managed policies they name) and keeps it on the principal's cache entry for as
 * long as none of the pieces is invalidated. A change to a group or a policy therefore costs one
 * document reload, after which each affected principal's set is recomposed on its next check
 * from what is cached, without a store read.
 */
export class EffectivePolicySets {
  constructor(
    private readonly cache: ReadModelCache,
    private readonly compiled: CompiledPolicies,
  ) {}

  /**
   * The set of a user or role (a role session: its role). Synchronous when it is cached and
   * valid: the fast path of a check allocates nothing here.
   */
  of(ref: PrincipalRef, notBefore: number): EffectivePolicySet | Promise<EffectivePolicySet> {
    const arn = ref.lookupArn!;
    const entry = this.cache.cachedPrincipal(arn);
    if (entry !== undefined) {
      const set = entry.composed as EffectivePolicySet | undefined;
      if (set !== undefined && stillValid(set)) return set;
      if (entry.value === null) return Promise.reject(notFound(ref));
    }
    return this.compose(ref, notBefore);
  }

  async ofGroup(arn: string, notBefore: number): Promise<GroupPolicySet | null> {
    const [entry] = await this.cache.groupEntries([arn], notBefore);
    const group = entry.value;
    if (group === null) return null;
    const policies = await this.policies(group.attachedPolicyArns, notBefore, arn);
    const identity: CompiledPolicy[] = [];
    const sources: PolicySource[] = [];
    this.addInline(group._id, group.inlinePolicies, 'own', identity, sources);
    this.addAttached(group.attachedPolicyArns, policies, 'own', identity, sources);
    return { group, identity, sources };
  }

  private async compose(ref: PrincipalRef, notBefore: number): Promise<EffectivePolicySet> {
    const arn = ref.lookupArn!;
    const entry: PrincipalEntry = await this.cache.principal(arn, notBefore);
    const doc = entry.value;
    if (doc === null) throw notFound(ref);
    if (ref.kind === 'session' && doc.principalType !== 'role') throw notFound(ref);
    const groupArns = doc.groupArns ?? [];
    const groups = groupArns.length > 0 ? await this.cache.groupEntries(groupArns, notBefore) : [];
    const wanted = new Set<string>(doc.attachedPolicyArns ?? []);
    for (let i = 0; i < groups.length; i++) {
      const group = groups[i].value;
      if (group === null) {
        throw new ReadModelUnavailableError(
          `${arn} is in group ${groupArns[i]}, which the read models do not hold (yet)`,
        );
      }
      for (const p of group.attachedPolicyArns ?? []) wanted.add(p);
    }
    if (doc.permissionsBoundaryArn) wanted.add(doc.permissionsBoundaryArn);
    const policyArns = [...wanted];
    const policyEntries =
      policyArns.length > 0 ? await this.cache.policyEntries(policyArns, notBefore) : [];
    const byArn = new Map<string, ManagedPolicyDocument>();
    policyEntries.forEach((e, i) => {
      if (e.value === null) {
        throw new ReadModelUnavailableError(
          `${arn} uses managed policy ${policyArns[i]}, which the read models do not hold (yet)`,
        );
      }
      byArn.set(policyArns[i], e.value);
    });

    const identity: CompiledPolicy[] = [];
    const sources: PolicySource[] = [];
    this.addInline(doc._id, doc.inlinePolicies ?? [], 'own', identity, sources);
    this.addAttached(doc.attachedPolicyArns ?? [], byArn, 'own', identity, sources);
    for (const { value: group } of groups) {
      const source = `group:${group!._id}`;
      this.addInline(group!._id, group!.inlinePolicies ?? [], source, identity, sources);
      this.addAttached(group!.attachedPolicyArns ?? [], byArn, source, identity, sources);
    }
    let boundary: CompiledPolicy | null = null;
    if (doc.permissionsBoundaryArn) {
      const policy = byArn.get(doc.permissionsBoundaryArn)!;
      const { compiled, version } = this.compiled.managedDefault(policy);
      boundary = compiled;
      sources.push({
        id: policy._id,
        source: 'boundary',
        version: version.versionId,
        document: version.document,
      });
    }
    const set: EffectivePolicySet = {
      principal: doc,
      identity: dedupe(identity),
      boundary,
      sources,
      context: principalContext(ref.kind === 'session' ? { ...ref, kind: 'role' } : ref, doc),
      pieces: [entry, ...groups, ...policyEntries],
    };
    if (stillValid(set)) entry.composed = set;
    return set;
  }

  private async policies(
    arns: readonly string[],
    notBefore: number,
    owner: string,
  ): Promise<Map<string, ManagedPolicyDocument>> {
    const entries = arns.length > 0 ? await this.cache.policyEntries(arns, notBefore) : [];
    const byArn = new Map<string, ManagedPolicyDocument>();
    entries.forEach((e, i) => {
      if (e.value === null) {
        throw new ReadModelUnavailableError(
          `${owner} uses managed policy ${arns[i]}, which the read models do not hold (yet)`,
        );
      }
      byArn.set(arns[i], e.value);
    });
    return byArn;
  }

  private addInline(
    owner: string,
    inline: readonly { name: string; document: string }[],
    source: string,
    identity: CompiledPolicy[],
    sources: PolicySource[],
  ): void {
    for (const policy of inline) {
      const compiled = this.compiled.inline(owner, policy);
      identity.push(compiled);
      sources.push({ id: compiled.id, source, version: '', document: policy.document });
    }
  }

  private addAttached(
    arns: readonly string[],
    byArn: ReadonlyMap<string, ManagedPolicyDocument>,
    source: string,
    identity: CompiledPolicy[],
    sources: PolicySource[],
  ): void {
    for (const arn of arns) {
      const { compiled, version } = this.compiled.managedDefault(byArn.get(arn)!);
      identity.push(compiled);
      sources.push({ id: arn, source, version: version.versionId, document: version.document });
    }
  }
}

/** A policy attached to a user and to one of its groups is evaluated once. */
function dedupe(policies: CompiledPolicy[]): CompiledPolicy[] {
  const seen = new Set<CompiledPolicy>();
  return policies.filter((p) => (seen.has(p) ? false : (seen.add(p), true)));
}

function notFound(ref: PrincipalRef): PrincipalNotFoundError {
  if (ref.kind === 'session') {
    const error = new PrincipalNotFoundError(ref.arn);
    error.message = `No role ${ref.lookupArn} is known for session ${ref.arn} (as of the consistency asked for; roles with a path other than "/" cannot be found from a session ARN yet).`;
    return error;
  }
  return new PrincipalNotFoundError(ref.arn);
}
