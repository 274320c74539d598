import { readFile } from 'fs/promises';
import { resolve as resolvePath } from 'path';
import type { IamOperation, IamParam } from './iam-operations';

/** A parameter value the AWS CLI would refuse: reported as a usage error (exit 252). */
export class ParameterError extends Error {
  override readonly name = 'ParameterError';
  constructor(
    readonly flag: string,
    reason: string,
  ) {
    super(`Error parsing parameter '${flag}': ${reason}`);
  }
}

/** Reads `file://` values; injected so specs need no files. */
export type FileReader = (path: string) => Promise<string>;
export const readTextFile: FileReader = (path) => readFile(resolvePath(path), 'utf8');

/** What commander parsed for one option: a string, strings (variadic), or a boolean. */
export type RawValue = string | string[] | boolean;

/**
 * `file://path` → the file's text, as the AWS CLI loads "paramfiles" (relative to the current
 * directory); anything else as given.
 */
async function paramValue(flag: string, value: string, read: FileReader): Promise<string> {
  if (!value.startsWith('file://')) return value;
  const path = value.slice('file://'.length);
  try {
    return await read(path);
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(err);
    throw new ParameterError(flag, `Unable to load paramfile ${value}: ${why}`);
  }
}

function parseJson(flag: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ParameterError(
      flag,
      `Invalid JSON: ${(err as Error).message}\nJSON received: ${text}`,
    );
  }
}

/** AWS CLI shorthand for one structure: `Key=team,Value=data` (a value may hold `,` and `=`). */
function parseShorthand(
  flag: string,
  text: string,
  members: readonly string[],
  required: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(/,(?=\s*[A-Za-z][\w]*=)/)) {
    const eq = part.indexOf('=');
    if (eq <= 0) {
      throw new ParameterError(flag, `Expected: '<name>=<value>', received: '${part}'`);
    }
    const name = part.slice(0, eq).trim();
    if (!members.includes(name)) {
      throw new ParameterError(flag, `Unknown key '${name}': valid keys are ${members.join(', ')}`);
    }
    out[name] = part.slice(eq + 1);
  }
  const missing = required.filter((r) => !(r in out));
  if (missing.length > 0) {
    throw new ParameterError(flag, `Missing required key(s) ${missing.join(', ')} in '${text}'`);
  }
  return out;
}

async function convert(param: IamParam, raw: RawValue, read: FileReader): Promise<unknown> {
  const { flag, shape } = param;
  const list = Array.isArray(raw) ? raw : [String(raw)];
  const one = async () => paramValue(flag, list[0], read);
  switch (shape.kind) {
    case 'boolean':
      return raw === true;
    case 'string': {
      const value = await one();
      if (shape.enum && !shape.enum.includes(value)) {
        throw new ParameterError(
          flag,
          `Invalid choice '${value}': one of ${shape.enum.join(', ')}`,
        );
      }
      return value;
    }
    case 'number': {
      const text = (await one()).trim();
      const n = Number(text);
      if (text === '' || !Number.isFinite(n) || (shape.integer && !Number.isInteger(n))) {
        throw new ParameterError(
          flag,
          `invalid literal for ${shape.integer ? 'int' : 'number'}: '${text}'`,
        );
      }
      return n;
    }
    case 'string-list': {
      if (list.length === 1) {
        const text = await one();
        if (text.trimStart().startsWith('[')) return parseJson(flag, text);
        return [text];
      }
      return Promise.all(list.map((v) => paramValue(flag, v, read)));
    }
    case 'structure-list': {
      if (list.length === 1) {
        const text = await one();
        if (/^\s*[[{]/.test(text)) {
          const parsed = parseJson(flag, text);
          return Array.isArray(parsed) ? parsed : [parsed];
        }
      }
      const values = await Promise.all(list.map((v) => paramValue(flag, v, read)));
      return values.map((v) => parseShorthand(flag, v, shape.members, shape.required));
    }
    case 'json':
      return parseJson(flag, await one());
  }
}

/**
 * The request body of an operation from the values given on the command line (by AWS parameter
 * name): typed, shorthand and JSON parsed, `file://` loaded; only the parameters given.
 */
export async function requestFrom(
  op: IamOperation,
  given: Readonly<Record<string, RawValue | undefined>>,
  read: FileReader = readTextFile,
): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = {};
  for (const param of op.params) {
    const raw = given[param.name];
    if (raw === undefined) continue;
    body[param.name] = await convert(param, raw, read);
  }
  return body;
}
