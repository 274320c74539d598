import { InvalidArgumentError } from './query.errors';

/**
 * A principal a request names, parsed. Users and roles are looked up by their ARN; a role
 * session by its role's ARN (`role/<name>`: the session ARN carries no path); the account root
 * has no document.
 */
export type PrincipalRef =
  | {
      kind: 'user' | 'role' | 'group';
      arn: string;
      /** The document to read. */
      lookupArn: string;
      partition: string;
      account: string;
      name: string;
    }
  | {
      kind: 'session';
      arn: string;
      lookupArn: string;
      partition: string;
      account: string;
      name: string;
      sessionName: string;
    }
  | { kind: 'root'; arn: string; lookupArn: null; partition: string; account: string; name: '' };

// IAM's own syntax: paths are "/" or "/…/" of printable ASCII, names [\w+=,.@-].
const ENTITY =
  /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):(user|role|group)(\/|\/[\x21-\x7e]*\/)([\w+=,.@-]{1,128})$/;
const ROOT = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):root$/;
const SESSION =
  /^arn:(aws|aws-cn|aws-us-gov):sts::(\d{12}):assumed-role\/([\w+=,.@-]{1,64})\/([\w+=,.@-]{2,64})$/;
const ACTION = /^[A-Za-z0-9-]+:[A-Za-z0-9_-]+$/;
const RESOURCE_ARN = /^arn:[a-z-]+:[A-Za-z0-9-]*:[A-Za-z0-9-]*:[A-Za-z0-9-]*:\S.*$/s;

const PRINCIPAL_FORMS =
  'arn:aws:iam::<account>:user/<path><name>, arn:aws:iam::<account>:role/<path><name>, ' +
  'arn:aws:sts::<account>:assumed-role/<role>/<session> or arn:aws:iam::<account>:root';

const parsed = new Map<string, PrincipalRef | string>();
// As many as the principal cache holds (read-model.cache.ts): a memo smaller than the working
// set is cleared over and over and parses on every call.
const MAX_PARSED = 100_000;

/** Parses a principal ARN; a string is the reason it is not one. Results are memoized. */
function parse(arn: string): PrincipalRef | string {
  let ref = parsed.get(arn);
  if (ref !== undefined) return ref;
  ref = parseUncached(arn);
  if (parsed.size >= MAX_PARSED) parsed.clear();
  parsed.set(arn, ref);
  return ref;
}

function parseUncached(arn: string): PrincipalRef | string {
  let m = ENTITY.exec(arn);
  if (m) {
    return {
      kind: m[3] as 'user' | 'role' | 'group',
      arn,
      lookupArn: arn,
      partition: m[1],
      account: m[2],
      name: m[5],
    };
  }
  m = SESSION.exec(arn);
  if (m) {
    return {
      kind: 'session',
      arn,
      lookupArn: `arn:${m[1]}:iam::${m[2]}:role/${m[3]}`,
      partition: m[1],
      account: m[2],
      name: m[3],
      sessionName: m[4],
    };
  }
  m = ROOT.exec(arn);
  if (m) return { kind: 'root', arn, lookupArn: null, partition: m[1], account: m[2], name: '' };
  if (arn === '') return 'is required';
  if (/^\d{12}$/.test(arn))
    return `"${arn}" is an account id, not an ARN: use arn:aws:iam::${arn}:root`;
  return `"${arn}" is not a principal ARN: expected ${PRINCIPAL_FORMS}`;
}

/** A principal that can be checked: user, role, role session or account root. */
export function principalRef(arn: string | undefined, field = 'principal_arn'): PrincipalRef {
  const ref = parse(arn ?? '');
  if (typeof ref === 'string') throw new InvalidArgumentError(`${field} ${ref}`);
  if (ref.kind === 'group') {
    throw new InvalidArgumentError(
      `${field} "${arn}" is a group: groups make no requests (expected ${PRINCIPAL_FORMS})`,
    );
  }
  return ref;
}

/** SimulatePrincipalPolicy's source: a user, group or role (a role session means its role). */
export function policySourceRef(arn: string | undefined): PrincipalRef {
  const ref = parse(arn ?? '');
  if (typeof ref === 'string') {
    throw new InvalidArgumentError(
      `policy_source_arn ${ref === 'is required' ? ref : `"${arn}" is not the ARN of a user, group or role`}`,
    );
  }
  if (ref.kind === 'root') {
    throw new InvalidArgumentError(
      `policy_source_arn "${arn}" is an account root, which has no policies to simulate`,
    );
  }
  return ref;
}

export function validateAction(action: string | undefined, field = 'action'): string {
  if (!action) throw new InvalidArgumentError(`${field} is required`);
  if (!ACTION.test(action)) {
    throw new InvalidArgumentError(
      `${field} "${action}" is not an action: expected <service>:<Action>, e.g. s3:GetObject, without wildcards`,
    );
  }
  return action;
}

export function validateResource(resource: string | undefined, field = 'resource'): string {
  if (!resource) throw new InvalidArgumentError(`${field} is required`);
  if (resource !== '*' && (resource.length > 2048 || !RESOURCE_ARN.test(resource))) {
    throw new InvalidArgumentError(
      `${field} "${resource.slice(0, 200)}" is not a resource: expected "*" or an ARN, arn:<partition>:<service>:<region>:<account>:<resource>`,
    );
  }
  return resource;
}
