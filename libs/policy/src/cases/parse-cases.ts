import type { Decision } from '../types';
import { PolicyCaseFormatError, type PolicyCase } from './policy-case';

const DECISIONS: readonly Decision[] = ['Allow', 'ExplicitDeny', 'ImplicitDeny'];

/**
 * Parse JSON Lines of policy cases. Blank lines are skipped. Throws PolicyCaseFormatError with the
 * line number on a line that is not JSON or not a case.
 */
export function parseCases(jsonl: string): PolicyCase[] {
  const cases: PolicyCase[] = [];
  const lines = jsonl.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].trim();
    if (text === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new PolicyCaseFormatError(`not valid JSON: ${(err as Error).message}`, i + 1);
    }
    cases.push(toCase(value, i + 1));
  }
  return cases;
}

function toCase(value: unknown, line: number): PolicyCase {
  if (!isObject(value)) throw new PolicyCaseFormatError('a case must be a JSON object', line);
  const id = value['id'];
  if (typeof id !== 'string' || id === '') {
    throw new PolicyCaseFormatError('"id" must be a non-empty string', line);
  }
  const fail = (message: string): never => {
    throw new PolicyCaseFormatError(message, line, id);
  };
  const about = value['about'];
  if (about !== undefined && typeof about !== 'string') fail('"about" must be a string');

  const policies = value['policies'] ?? {};
  if (!isObject(policies)) return fail('"policies" must be an object');
  const identity = policies['identity'];
  if (identity !== undefined && !Array.isArray(identity))
    fail('"policies.identity" must be an array');
  const session = policies['session'];
  if (session !== undefined && !Array.isArray(session)) fail('"policies.session" must be an array');
  const scp = policies['scp'];
  if (scp !== undefined && !(Array.isArray(scp) && scp.every((level) => Array.isArray(level)))) {
    fail('"policies.scp" must be an array of arrays');
  }
  for (const key of Object.keys(policies)) {
    if (!['identity', 'resource', 'boundary', 'session', 'scp'].includes(key)) {
      fail(`unknown policy kind "${key}"`);
    }
  }

  const request = value['request'];
  if (!isObject(request)) return fail('"request" must be an object');
  for (const field of ['principal', 'action', 'resource'] as const) {
    if (typeof request[field] !== 'string') fail(`"request.${field}" must be a string`);
  }
  const context = request['context'];
  if (context !== undefined && !isObject(context)) fail('"request.context" must be an object');
  if (isObject(context)) {
    for (const [key, v] of Object.entries(context)) {
      const ok =
        typeof v === 'string' ||
        typeof v === 'number' ||
        typeof v === 'boolean' ||
        (Array.isArray(v) && v.every((item) => typeof item === 'string'));
      if (!ok) fail(`context value of "${key}" must be a string, number, boolean or string array`);
    }
  }

  const expect = value['expect'];
  if (!DECISIONS.includes(expect as Decision)) {
    fail(`"expect" must be one of ${DECISIONS.join(', ')}`);
  }

  return {
    id,
    ...(typeof about === 'string' ? { about } : {}),
    policies: {
      ...(identity !== undefined ? { identity: identity as unknown[] } : {}),
      ...('resource' in policies ? { resource: policies['resource'] } : {}),
      ...('boundary' in policies ? { boundary: policies['boundary'] } : {}),
      ...(session !== undefined ? { session: session as unknown[] } : {}),
      ...(scp !== undefined ? { scp: scp as unknown[][] } : {}),
    },
    request: {
      principal: request['principal'] as string,
      action: request['action'] as string,
      resource: request['resource'] as string,
      ...(isObject(context) ? { context: context as PolicyCase['request']['context'] } : {}),
    },
    expect: expect as Decision,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
