import { checkResource } from './arn';
import { parseOperator } from './condition-operators';
import { pointer } from './json-pointer';
import { legacyDateAccepted } from './legacy-date';
import { MESSAGES } from './messages';
import {
  ConditionBlock,
  ConditionEntry,
  ConditionValue,
  Located,
  PolicyModel,
  PolicyStatement,
  PrincipalElement,
  PrincipalEntry,
  StringListElement,
} from './policy-model';
import { PolicyError, PolicyKind } from './types';

/**
 * The order in which IAM's checks run (as observed on CreatePolicy): IAM stops at the first
 * failing check, so sorting our errors by it puts the one IAM would report first.
 */
export const RANK = {
  syntax: 0,
  size: 1,
  version: 2,
  legacyParsing: 3,
  sid: 4,
  principal: 5,
  actionsMissing: 6,
  resourceFormat: 7,
  actionFormat: 8,
  trust: 9,
  resourcesMissing: 10,
} as const;

type Rank = (typeof RANK)[keyof typeof RANK];

export class ErrorCollector {
  private readonly entries: { rank: Rank; error: PolicyError }[] = [];

  add(
    rank: Rank,
    path: string,
    message: string,
    detail?: string,
    code: PolicyError['code'] = 'MalformedPolicyDocument',
  ): void {
    this.entries.push({
      rank,
      error: detail === undefined ? { path, code, message } : { path, code, message, detail },
    });
  }

  /** Stable sort: by IAM's check order, then document order. */
  sorted(): PolicyError[] {
    return this.entries
      .map((e, i) => ({ ...e, i }))
      .sort((a, b) => a.rank - b.rank || a.i - b.i)
      .map((e) => e.error);
  }
}

const TOP_LEVEL_KEYS: readonly string[] = ['Version', 'Id', 'Statement'];
const STATEMENT_KEYS: readonly string[] = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
];
const PRINCIPAL_TYPES: readonly string[] = ['AWS', 'Service', 'Federated', 'CanonicalUser'];
const VERSIONS: readonly string[] = ['2008-10-17', '2012-10-17'];

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function has(object: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

function isScalar(value: unknown): value is ConditionValue {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Identity-based kinds: no Principal, Resource required, Version 2012-10-17 required. */
function isIdentityLike(kind: PolicyKind): boolean {
  return kind === 'identity' || kind === 'boundary';
}

/**
 * An AWS principal IAM can resolve: `*`, an account ID, an IAM or STS ARN, or a unique ID
 * (AIDA…, AROA…). Wildcards inside an ARN are left to the findings (Access Analyzer reports them).
 */
function plausibleAwsPrincipal(value: string): boolean {
  return (
    value === '*' ||
    /^\d{12}$/.test(value) ||
    /^arn:[^:]+:(iam|sts)::[^:]*:.+$/.test(value) ||
    /^A[A-Z0-9]{15,127}$/.test(value)
  );
}

/**
 * Tier 1: what IAM refuses when the document is stored. Returns the model of the parts that are
 * well-formed, for the findings.
 */
export function checkDocument(
  document: unknown,
  kind: PolicyKind,
  errors: ErrorCollector,
): PolicyModel | undefined {
  if (!isObject(document)) {
    errors.add(RANK.syntax, '', MESSAGES.syntax, 'A policy document is a JSON object.');
    return undefined;
  }
  for (const key of Object.keys(document)) {
    if (!TOP_LEVEL_KEYS.includes(key)) {
      errors.add(
        RANK.syntax,
        pointer('', key),
        MESSAGES.syntax,
        `Unknown policy element "${key}": a policy holds Version, Id and Statement.`,
      );
    }
  }

  const model: PolicyModel = { statements: [] };
  const version = document['Version'];
  if (has(document, 'Version')) {
    if (typeof version !== 'string' || !VERSIONS.includes(version)) {
      errors.add(
        RANK.syntax,
        '/Version',
        MESSAGES.syntax,
        'Version is "2012-10-17" (or, for resource-based and trust policies, "2008-10-17").',
      );
    } else {
      model.version = version;
    }
  }
  if (isIdentityLike(kind) && (!has(document, 'Version') || version === '2008-10-17')) {
    errors.add(
      RANK.version,
      has(document, 'Version') ? '/Version' : '',
      MESSAGES.version,
      'Identity-based policies need "Version": "2012-10-17".',
    );
  }
  if (has(document, 'Id') && typeof document['Id'] !== 'string') {
    errors.add(RANK.syntax, '/Id', MESSAGES.syntax, 'Id is a string.');
  }

  if (!has(document, 'Statement')) {
    errors.add(RANK.syntax, '', MESSAGES.syntax, 'Missing required field "Statement".');
    return model;
  }
  const statement = document['Statement'];
  let raw: { value: unknown; path: string }[];
  if (Array.isArray(statement)) {
    if (statement.length === 0) {
      errors.add(
        RANK.syntax,
        '/Statement',
        MESSAGES.syntax,
        'Statement is empty: a policy needs at least one statement.',
      );
    }
    raw = statement.map((value, i) => ({ value, path: pointer('/Statement', i) }));
  } else if (isObject(statement)) {
    raw = [{ value: statement, path: '/Statement' }];
  } else {
    errors.add(
      RANK.syntax,
      '/Statement',
      MESSAGES.syntax,
      'Statement is a statement object or an array of them.',
    );
    return model;
  }

  raw.forEach(({ value, path }, index) => {
    const checked = checkStatement(value, index, path, kind, errors);
    if (checked) model.statements.push(checked);
  });

  const seen = new Set<string>();
  for (const s of model.statements) {
    if (!s.sid || s.sid.value === '') continue;
    if (seen.has(s.sid.value)) {
      errors.add(
        RANK.sid,
        s.sid.path,
        MESSAGES.sidUnique,
        `Sid "${s.sid.value}" is used by an earlier statement.`,
      );
    }
    seen.add(s.sid.value);
  }
  return model;
}

function stringList<E extends string>(
  statement: JsonObject,
  element: E,
  base: string,
  errors: ErrorCollector,
): StringListElement<E> | undefined {
  if (!has(statement, element)) return undefined;
  const value = statement[element];
  const path = pointer(base, element);
  if (typeof value === 'string') return { element, path, isArray: false, items: [{ value, path }] };
  if (!Array.isArray(value)) {
    errors.add(
      RANK.syntax,
      path,
      MESSAGES.syntax,
      `${element} is a string or an array of strings.`,
    );
    return { element, path, isArray: false, items: [] };
  }
  const items: Located<string>[] = [];
  value.forEach((item: unknown, i) => {
    const itemPath = pointer(path, i);
    if (typeof item === 'string') items.push({ value: item, path: itemPath });
    else
      errors.add(
        RANK.syntax,
        itemPath,
        MESSAGES.syntax,
        `${element} is a string or an array of strings.`,
      );
  });
  return { element, path, isArray: true, items };
}

function checkPrincipal(
  statement: JsonObject,
  element: 'Principal' | 'NotPrincipal',
  base: string,
  errors: ErrorCollector,
): PrincipalElement | undefined {
  const value = statement[element];
  const path = pointer(base, element);
  if (value === '*') return { element, path, star: true, entries: [] };
  if (!isObject(value)) {
    errors.add(
      RANK.syntax,
      path,
      MESSAGES.syntax,
      `${element} is "*" or an object such as {"AWS": "123456789012"}.`,
    );
    return undefined;
  }
  const entries: PrincipalEntry[] = [];
  for (const [type, raw] of Object.entries(value)) {
    const entryPath = pointer(path, type);
    if (!PRINCIPAL_TYPES.includes(type)) {
      errors.add(
        RANK.syntax,
        entryPath,
        MESSAGES.syntax,
        `Unknown principal type "${type}": use AWS, Service, Federated or CanonicalUser.`,
      );
      continue;
    }
    const values: Located<string>[] = [];
    if (typeof raw === 'string') {
      values.push({ value: raw, path: entryPath });
    } else if (Array.isArray(raw)) {
      raw.forEach((item: unknown, i) => {
        if (typeof item === 'string') values.push({ value: item, path: pointer(entryPath, i) });
        else
          errors.add(
            RANK.syntax,
            pointer(entryPath, i),
            MESSAGES.syntax,
            'A principal is a string.',
          );
      });
    } else {
      errors.add(
        RANK.syntax,
        entryPath,
        MESSAGES.syntax,
        'A principal value is a string or an array of strings.',
      );
      continue;
    }
    entries.push({ type, path: entryPath, values });
  }
  return { element, path, star: false, entries };
}

function checkCondition(
  statement: JsonObject,
  base: string,
  errors: ErrorCollector,
): PolicyStatement['condition'] {
  const value = statement['Condition'];
  const path = pointer(base, 'Condition');
  if (!isObject(value)) {
    errors.add(
      RANK.syntax,
      path,
      MESSAGES.syntax,
      'Condition is an object: {"<operator>": {"<key>": <value(s)>}}.',
    );
    return undefined;
  }
  const blocks: ConditionBlock[] = [];
  for (const [operator, block] of Object.entries(value)) {
    const blockPath = pointer(path, operator);
    if (!isObject(block)) {
      errors.add(
        RANK.syntax,
        blockPath,
        MESSAGES.syntax,
        `The value of condition operator "${operator}" is an object of condition keys.`,
      );
      continue;
    }
    const parsed = parseOperator(operator);
    if (!parsed.known && Object.keys(block).length > 0) {
      errors.add(
        RANK.syntax,
        blockPath,
        MESSAGES.invalidConditionType(operator),
        `Unknown condition operator "${operator}" (operator names are case-sensitive).`,
      );
    }
    const entries: ConditionEntry[] = [];
    for (const [key, raw] of Object.entries(block)) {
      const keyPath = pointer(blockPath, key);
      const values: Located<ConditionValue>[] = [];
      if (isScalar(raw)) {
        values.push({ value: raw, path: keyPath });
      } else if (Array.isArray(raw)) {
        raw.forEach((item: unknown, i) => {
          if (isScalar(item)) values.push({ value: item, path: pointer(keyPath, i) });
          else
            errors.add(
              RANK.syntax,
              pointer(keyPath, i),
              MESSAGES.syntax,
              'A condition value is a string, number or boolean.',
            );
        });
      } else {
        errors.add(
          RANK.syntax,
          keyPath,
          MESSAGES.syntax,
          'A condition value is a string, number or boolean, or an array of them.',
        );
        continue;
      }
      if (parsed.base.startsWith('Date')) {
        for (const v of values) {
          if (!legacyDateAccepted(v.value)) {
            errors.add(
              RANK.legacyParsing,
              v.path,
              MESSAGES.legacyParsing,
              `"${String(v.value)}" is not a date IAM can read (ISO 8601 or epoch seconds).`,
            );
          }
        }
      }
      entries.push({ key, path: keyPath, isArray: Array.isArray(raw), values });
    }
    blocks.push({ operator, path: blockPath, parsed, entries });
  }
  return { path, blocks };
}

function checkStatement(
  raw: unknown,
  index: number,
  path: string,
  kind: PolicyKind,
  errors: ErrorCollector,
): PolicyStatement | undefined {
  if (!isObject(raw)) {
    errors.add(RANK.syntax, path, MESSAGES.syntax, 'A statement is a JSON object.');
    return undefined;
  }
  const s: PolicyStatement = { index, path };
  for (const key of Object.keys(raw)) {
    if (!STATEMENT_KEYS.includes(key)) {
      errors.add(
        RANK.syntax,
        pointer(path, key),
        MESSAGES.syntax,
        `Unknown statement element "${key}": a statement holds ${STATEMENT_KEYS.join(', ')}.`,
      );
    }
  }
  for (const [a, b] of [
    ['Action', 'NotAction'],
    ['Resource', 'NotResource'],
    ['Principal', 'NotPrincipal'],
  ] as const) {
    if (has(raw, a) && has(raw, b)) {
      errors.add(
        RANK.syntax,
        pointer(path, b),
        MESSAGES.syntax,
        `${a} and ${b} cannot be used in the same statement.`,
      );
    }
  }

  // Effect
  if (!has(raw, 'Effect')) {
    errors.add(
      RANK.syntax,
      path,
      MESSAGES.syntax,
      'Missing required field "Effect" (Allow or Deny).',
    );
  } else {
    const effect = raw['Effect'];
    const effectPath = pointer(path, 'Effect');
    if (typeof effect !== 'string' || !['allow', 'deny'].includes(effect.toLowerCase())) {
      errors.add(RANK.syntax, effectPath, MESSAGES.syntax, 'Effect is "Allow" or "Deny".');
    } else if (effect !== 'Allow' && effect !== 'Deny') {
      errors.add(
        RANK.legacyParsing,
        effectPath,
        MESSAGES.legacyParsing,
        `Effect "${effect}" must be spelt "Allow" or "Deny".`,
      );
    } else {
      s.effect = effect;
    }
  }

  // Sid
  if (has(raw, 'Sid')) {
    const sid = raw['Sid'];
    const sidPath = pointer(path, 'Sid');
    if (typeof sid !== 'string') {
      errors.add(RANK.syntax, sidPath, MESSAGES.syntax, 'Sid is a string.');
    } else {
      s.sid = { value: sid, path: sidPath };
      if (isIdentityLike(kind) && !/^[0-9A-Za-z]*$/.test(sid)) {
        errors.add(
          RANK.sid,
          sidPath,
          MESSAGES.sidCharacters,
          'Sids of identity-based policies hold letters and digits only.',
        );
      }
    }
  }

  s.action = stringList(raw, has(raw, 'Action') ? 'Action' : 'NotAction', path, errors);
  s.resource = stringList(raw, has(raw, 'Resource') ? 'Resource' : 'NotResource', path, errors);
  // When both of a pair are present, the second is checked for its shape as well.
  if (has(raw, 'Action') && has(raw, 'NotAction')) stringList(raw, 'NotAction', path, errors);
  if (has(raw, 'Resource') && has(raw, 'NotResource')) stringList(raw, 'NotResource', path, errors);

  const principalElement = has(raw, 'Principal')
    ? 'Principal'
    : has(raw, 'NotPrincipal')
      ? 'NotPrincipal'
      : undefined;
  if (principalElement) s.principal = checkPrincipal(raw, principalElement, path, errors);
  if (has(raw, 'Condition')) s.condition = checkCondition(raw, path, errors);

  checkActions(s, kind, errors);
  checkResources(s, kind, errors);
  checkPrincipalForKind(s, raw, principalElement, kind, errors);
  return s;
}

function checkActions(s: PolicyStatement, kind: PolicyKind, errors: ErrorCollector): void {
  if (!s.action) {
    errors.add(
      RANK.actionsMissing,
      s.path,
      MESSAGES.actionsMissing,
      'Add an Action or NotAction element.',
    );
    return;
  }
  if (s.action.isArray && s.action.items.length === 0) {
    errors.add(
      RANK.actionsMissing,
      s.action.path,
      MESSAGES.actionsMissing,
      `${s.action.element} is empty.`,
    );
  }
  for (const { value, path } of s.action.items) {
    const parts = value.split(':');
    if (parts.length === 1 && value !== '*') {
      errors.add(
        RANK.actionFormat,
        path,
        MESSAGES.vendorMissing,
        `"${value}" has no service prefix: write it as service:Action.`,
      );
    } else if (parts.length > 2) {
      errors.add(RANK.actionFormat, path, MESSAGES.oneColon, `"${value}" has more than one colon.`);
    } else if (parts[0] !== '*' && /[^a-zA-Z0-9.-]/.test(parts[0])) {
      errors.add(
        RANK.actionFormat,
        path,
        MESSAGES.vendorInvalid(parts[0]),
        'A service prefix holds letters, digits, "." and "-" (wildcards only in the action name).',
      );
    }
    if (kind === 'trust' && !value.toLowerCase().startsWith('sts:')) {
      errors.add(RANK.trust, path, MESSAGES.trustActions, `"${value}" is not an sts: action.`);
    }
  }
}

function checkResources(s: PolicyStatement, kind: PolicyKind, errors: ErrorCollector): void {
  if (kind === 'trust') {
    if (s.resource) {
      errors.add(
        RANK.trust,
        s.resource.path,
        MESSAGES.trustResource(s.resource.element),
        'A role trust policy has no Resource: the role is the resource.',
      );
    }
    return;
  }
  if (isIdentityLike(kind)) {
    if (!s.resource) {
      errors.add(
        RANK.resourcesMissing,
        s.path,
        MESSAGES.resourcesMissing,
        'Add a Resource or NotResource element.',
      );
    } else if (s.resource.isArray && s.resource.items.length === 0) {
      errors.add(
        RANK.resourcesMissing,
        s.resource.path,
        MESSAGES.resourcesMissing,
        `${s.resource.element} is empty.`,
      );
    }
  }
  for (const { value, path } of s.resource?.items ?? []) {
    const result = checkResource(value);
    if (result.kind === 'error')
      errors.add(RANK.resourceFormat, path, result.message, result.detail);
    else if (result.kind === 'legacy')
      errors.add(RANK.legacyParsing, path, MESSAGES.legacyParsing, result.detail);
  }
}

function checkPrincipalForKind(
  s: PolicyStatement,
  raw: JsonObject,
  element: 'Principal' | 'NotPrincipal' | undefined,
  kind: PolicyKind,
  errors: ErrorCollector,
): void {
  if (isIdentityLike(kind) || kind === 'scp') {
    for (const name of ['Principal', 'NotPrincipal'] as const) {
      if (!has(raw, name)) continue;
      if (kind === 'scp') {
        errors.add(
          RANK.principal,
          pointer(s.path, name),
          MESSAGES.scpNotSupported,
          'SCPs do not support specifying principals. Remove the Principal or NotPrincipal element.',
        );
      } else {
        errors.add(
          RANK.principal,
          pointer(s.path, name),
          MESSAGES.principalNotAllowed,
          'An identity-based policy applies to the identity it is attached to: remove the principal.',
        );
      }
    }
    return;
  }
  // resource and trust policies
  if (!element) {
    errors.add(
      RANK.principal,
      s.path,
      MESSAGES.principalMissing,
      'Add a Principal (or NotPrincipal) element naming who the statement applies to.',
    );
    return;
  }
  const principal = s.principal;
  if (!principal || principal.star) return;
  if (
    principal.entries.length === 0 &&
    isObject(raw[element]) &&
    Object.keys(raw[element] as JsonObject).length === 0
  ) {
    errors.add(
      RANK.principal,
      principal.path,
      MESSAGES.principalEmpty,
      `${element} is an empty object.`,
    );
  }
  for (const entry of principal.entries) {
    for (const { value, path } of entry.values) {
      if (value === '' || (entry.type === 'AWS' && !plausibleAwsPrincipal(value))) {
        errors.add(
          RANK.principal,
          path,
          MESSAGES.invalidPrincipal(entry.type, value),
          entry.type === 'AWS'
            ? 'An AWS principal is "*", a 12-digit account ID, or an IAM or STS ARN.'
            : 'A principal is not empty.',
        );
      }
    }
  }
}
