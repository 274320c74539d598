import { CliInputError, readTextFile } from '../cli-io';

/**
 * `--context key=value`: the value is a string, or a list of strings written `[a,b,c]` (or as a
 * JSON array). Condition operators interpret strings as they need (numbers, dates, booleans,
 * addresses), so no type is given.
 */
export function parseContextArgument(arg: string): { key: string; value: string | string[] } {
  const eq = arg.indexOf('=');
  if (eq <= 0) throw new CliInputError(`--context ${arg}: expected key=value or key=[a,b]`);
  const key = arg.slice(0, eq);
  const raw = arg.slice(eq + 1);
  if (raw.startsWith('[') && raw.endsWith(']')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed)) return { key, value: parsed.map((v) => String(v)) };
    } catch {
      // not JSON: a bracketed comma-separated list
    }
    const inner = raw.slice(1, -1).trim();
    return { key, value: inner === '' ? [] : inner.split(',').map((v) => v.trim()) };
  }
  return { key, value: raw };
}

/** A policy argument: `file://path`, or the JSON text itself. */
export async function policyArgument(arg: string, option: string): Promise<string> {
  const text = arg.startsWith('file://') ? await readTextFile(arg.slice('file://'.length)) : arg;
  try {
    JSON.parse(text);
  } catch (e) {
    throw new CliInputError(
      `${option} ${arg.startsWith('file://') ? arg : '(inline)'} is not JSON: ${(e as Error).message}`,
    );
  }
  return text;
}

export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function timeoutArgument(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0)
    throw new CliInputError(`--timeout ${raw}: expected milliseconds`);
  return n;
}
