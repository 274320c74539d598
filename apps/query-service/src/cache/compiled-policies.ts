import { createHash } from 'crypto';
import { compilePolicy, PolicyParseError, type CompiledPolicy } from '@portcullis/policy';
import type {
  InlinePolicy,
  ManagedPolicyDocument,
  PolicyVersionDocument,
} from '@portcullis/read-models';
import { InvalidArgumentError, ReadModelUnavailableError } from '../shared/query.errors';
import { Lru } from './lru';

const digest = (text: string) => createHash('sha1').update(text).digest('base64');

export interface ManagedDefault {
  compiled: CompiledPolicy;
  version: PolicyVersionDocument;
}

export const DEFAULT_COMPILED_POLICIES = 20_000;
const DEFAULT_REQUEST_POLICIES = 2_000;
const DEFAULT_SESSION_POLICIES = 1_000;
/** The id of an inline session policy in explanations (as the command side names it). */
export const SESSION_POLICY_ID = 'session-policy';

/**
 * Compiled policies, bounded. Compiling is the expensive part of a check (evaluating a compiled
 * policy costs microseconds), and a policy is shared by many principals, so each is compiled
 * once per content:
 * - a managed policy version by (policy ARN, version id, digest of the document): versions are
 *   immutable, the digest guards against a policy deleted and created again with the same name;
 * - an inline policy by (owner ARN, policy name, digest of the document);
 * - a document sent with a request (resource policy, simulation input) by its exact text;
 * - the inline session policy of a principal's session token by its exact text (apart from the
 *   request documents, so that many sessions do not push resource policies out).
 * None of these keys can name two different documents, so nothing here needs invalidating.
 */
export class CompiledPolicies {
  private readonly stored: Lru<string, CompiledPolicy>;
  private readonly given: Lru<string, CompiledPolicy>;
  private readonly sessions: Lru<string, CompiledPolicy>;
  /**
   * By document object: a cached read-model document is the same object until it is reloaded,
   * so recomposing a policy set after a change elsewhere digests nothing again (an AWS managed
   * policy such as ReadOnlyAccess is tens of kilobytes).
   */
  private readonly byObject = new WeakMap<object, ManagedDefault | CompiledPolicy>();

  constructor(
    capacity = DEFAULT_COMPILED_POLICIES,
    requestCapacity = DEFAULT_REQUEST_POLICIES,
    sessionCapacity = DEFAULT_SESSION_POLICIES,
  ) {
    this.stored = new Lru(capacity);
    this.given = new Lru(requestCapacity);
    this.sessions = new Lru(sessionCapacity);
  }

  get size(): number {
    return this.stored.size + this.given.size + this.sessions.size;
  }

  /** The default version of a managed policy, compiled; its id in explanations is the ARN. */
  managedDefault(policy: ManagedPolicyDocument): ManagedDefault {
    const known = this.byObject.get(policy) as ManagedDefault | undefined;
    if (known !== undefined) return known;
    const version = policy.versions.find((v) => v.versionId === policy.defaultVersionId);
    if (version === undefined) {
      throw new ReadModelUnavailableError(
        `managed policy ${policy._id} has no default version ${policy.defaultVersionId} in the read models`,
      );
    }
    const key = `${policy._id}\n${version.versionId}\n${digest(version.document)}`;
    const result = { compiled: this.storedPolicy(key, version.document, policy._id), version };
    this.byObject.set(policy, result);
    return result;
  }

  /** An inline policy of `owner`; its id in explanations is `<owner>#inline/<name>`. */
  inline(owner: string, policy: InlinePolicy): CompiledPolicy {
    const known = this.byObject.get(policy) as CompiledPolicy | undefined;
    if (known !== undefined && known.id === `${owner}#inline/${policy.name}`) return known;
    const id = `${owner}#inline/${policy.name}`;
    const compiled = this.storedPolicy(`${id}\n${digest(policy.document)}`, policy.document, id);
    this.byObject.set(policy, compiled);
    return compiled;
  }

  /** A document from a request: a parse error is the caller's (INVALID_ARGUMENT, naming `field`). */
  fromRequest(document: string, id: string, field: string): CompiledPolicy {
    const key = `${id}\n${document}`;
    const hit = this.given.get(key);
    if (hit !== undefined) return hit;
    let compiled: CompiledPolicy;
    try {
      compiled = compilePolicy(document, { id });
    } catch (error) {
      throw new InvalidArgumentError(`${field} is not a policy document: ${reason(error)}`);
    }
    this.given.set(key, compiled);
    return compiled;
  }

  /**
   * The inline session policy a session token carries (id `session-policy`), compiled once per
   * distinct document. It was validated when the session was created, so a failure here is a
   * defect: INVALID_ARGUMENT naming `field`, never an answer without the policy.
   */
  sessionPolicy(document: string, field: string): CompiledPolicy {
    const hit = this.sessions.get(document);
    if (hit !== undefined) return hit;
    let compiled: CompiledPolicy;
    try {
      compiled = compilePolicy(document, { id: SESSION_POLICY_ID });
    } catch (error) {
      throw new InvalidArgumentError(
        `${field} carries a session policy that cannot be evaluated: ${reason(error)}`,
      );
    }
    this.sessions.set(document, compiled);
    return compiled;
  }

  private storedPolicy(key: string, document: string, id: string): CompiledPolicy {
    const hit = this.stored.get(key);
    if (hit !== undefined) return hit;
    let compiled: CompiledPolicy;
    try {
      compiled = compilePolicy(document, { id });
    } catch (error) {
      // The write side validated it: a stored document the engine cannot read is a defect, and
      // a check must not answer as if the policy were not there.
      throw new ReadModelUnavailableError(
        `stored policy ${id} cannot be compiled: ${reason(error)}`,
      );
    }
    this.stored.set(key, compiled);
    return compiled;
  }
}

function reason(error: unknown): string {
  if (error instanceof PolicyParseError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
