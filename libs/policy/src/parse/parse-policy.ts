import type { ConditionBlock, Effect, PolicyDocument, Principal, Statement } from '../types';
import { PolicyParseError, pointerToken } from './policy-parse.error';

type Json = Record<string, unknown>;

const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'] as const;

/**
 * Lenient, normalizing parse of a policy document that is assumed to be valid (the validator is
 * the strict gate). Accepts a JSON string or an already-parsed value, normalizes `Statement` to an
 * array and every string-or-array field to an array; condition values become strings. Throws
 * `PolicyParseError` (with a JSON pointer) only on shapes it cannot interpret.
 * Idempotent: parsing a `PolicyDocument` returns an equivalent document.
 */
export function parsePolicy(input: string | unknown): PolicyDocument {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (err) {
      throw new PolicyParseError(`Policy is not valid JSON: ${(err as Error).message}`, '');
    }
  }
  if (!isObject(value)) throw new PolicyParseError('Policy document must be a JSON object', '');

  const doc: PolicyDocument = { Statement: [] };
  const version = value['Version'];
  if (version !== undefined) {
    if (typeof version !== 'string')
      throw new PolicyParseError('Version must be a string', '/Version');
    doc.Version = version;
  }
  const id = value['Id'];
  if (id !== undefined) {
    if (typeof id !== 'string') throw new PolicyParseError('Id must be a string', '/Id');
    doc.Id = id;
  }

  const raw = value['Statement'];
  if (raw === undefined)
    throw new PolicyParseError('Policy document has no Statement', '/Statement');
  if (Array.isArray(raw)) {
    doc.Statement = raw.map((s, i) => parseStatement(s, `/Statement/${i}`));
  } else {
    doc.Statement = [parseStatement(raw, '/Statement')];
  }
  return doc;
}

function parseStatement(value: unknown, path: string): Statement {
  if (!isObject(value)) throw new PolicyParseError('Statement must be a JSON object', path);
  const statement: Statement = { Effect: parseEffect(value['Effect'], `${path}/Effect`) };

  const sid = value['Sid'];
  if (sid !== undefined) {
    if (typeof sid !== 'string') throw new PolicyParseError('Sid must be a string', `${path}/Sid`);
    statement.Sid = sid;
  }
  for (const field of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
    if (value[field] !== undefined) {
      statement[field] = stringList(value[field], `${path}/${field}`);
    }
  }
  for (const field of ['Principal', 'NotPrincipal'] as const) {
    if (value[field] !== undefined) {
      statement[field] = parsePrincipal(value[field], `${path}/${field}`);
    }
  }
  if (value['Condition'] !== undefined) {
    statement.Condition = parseCondition(value['Condition'], `${path}/Condition`);
  }
  return statement;
}

function parseEffect(value: unknown, path: string): Effect {
  if (typeof value !== 'string')
    throw new PolicyParseError('Effect must be "Allow" or "Deny"', path);
  const lower = value.toLowerCase();
  if (lower === 'allow') return 'Allow';
  if (lower === 'deny') return 'Deny';
  throw new PolicyParseError(`Effect must be "Allow" or "Deny", not "${value}"`, path);
}

function parsePrincipal(value: unknown, path: string): Principal {
  if (value === '*') return '*';
  if (typeof value === 'string') {
    // Not valid grammar, but unambiguous: a bare ARN or account id is an AWS principal.
    return { AWS: [value] };
  }
  if (!isObject(value)) throw new PolicyParseError('Principal must be "*" or an object', path);
  const principal: Exclude<Principal, '*'> = {};
  for (const key of Object.keys(value)) {
    const type = PRINCIPAL_TYPES.find((t) => t.toLowerCase() === key.toLowerCase());
    if (type === undefined) {
      throw new PolicyParseError(`Unknown principal type "${key}"`, `${path}/${pointerToken(key)}`);
    }
    const list = stringList(value[key], `${path}/${pointerToken(key)}`);
    principal[type] = [...(principal[type] ?? []), ...list];
  }
  return principal;
}

function parseCondition(value: unknown, path: string): ConditionBlock {
  if (!isObject(value)) throw new PolicyParseError('Condition must be a JSON object', path);
  const block: ConditionBlock = {};
  for (const operator of Object.keys(value)) {
    const opPath = `${path}/${pointerToken(operator)}`;
    const entries = value[operator];
    if (!isObject(entries)) {
      throw new PolicyParseError(
        `Condition operator "${operator}" must map keys to values`,
        opPath,
      );
    }
    const keys: Record<string, string[]> = {};
    for (const key of Object.keys(entries)) {
      keys[key] = conditionValues(entries[key], `${opPath}/${pointerToken(key)}`);
    }
    block[operator] = keys;
  }
  return block;
}

function conditionValues(value: unknown, path: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((item, i) => {
    if (typeof item === 'string') return item;
    if (typeof item === 'number' || typeof item === 'boolean') return String(item);
    throw new PolicyParseError(
      'Condition values must be strings, numbers or booleans',
      Array.isArray(value) ? `${path}/${i}` : path,
    );
  });
}

function stringList(value: unknown, path: string): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value))
    throw new PolicyParseError('Expected a string or an array of strings', path);
  return value.map((item, i) => {
    if (typeof item !== 'string') throw new PolicyParseError('Expected a string', `${path}/${i}`);
    return item;
  });
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
