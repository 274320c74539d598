import { globMatch, hasWildcard } from '../glob';
import {
  CATALOGUE_SOURCE,
  GLOBAL_CONDITION_KEYS,
  SERVICE_ACTIONS,
} from './action-catalogue.generated';

export { CATALOGUE_SOURCE };

/**
 * Global condition keys AWS uses that the catalogue package does not list (yet). Each is used in
 * AWS managed policies.
 */
const EXTRA_GLOBAL_CONDITION_KEYS: readonly string[] = ['aws:PrincipalOrgMasterAccountId'];

interface ServiceEntry {
  prefix: string;
  actions: readonly string[];
  lower: ReadonlySet<string>;
}

let services: Map<string, ServiceEntry> | undefined;
let exactGlobalKeys: Set<string> | undefined;
let prefixGlobalKeys: string[] | undefined;

function serviceTable(): Map<string, ServiceEntry> {
  if (!services) {
    services = new Map();
    for (const [prefix, list] of Object.entries(SERVICE_ACTIONS)) {
      const actions = list.length > 0 ? list.split(' ') : [];
      services.set(prefix.toLowerCase(), {
        prefix,
        actions,
        lower: new Set(actions.map((a) => a.toLowerCase())),
      });
    }
  }
  return services;
}

/** Service prefixes (`s3`, `iam`, …) of the AWS Service Authorization Reference. */
export function servicePrefixes(): string[] {
  return [...serviceTable().values()].map((s) => s.prefix);
}

/** Action prefixes are case-insensitive in IAM. */
export function serviceExists(prefix: string): boolean {
  return serviceTable().has(prefix.toLowerCase());
}

export function serviceActions(prefix: string): readonly string[] {
  return serviceTable().get(prefix.toLowerCase())?.actions ?? [];
}

/** Whether the action name (which may hold `*` / `?`) names at least one action of the service. */
export function actionMatches(prefix: string, name: string): boolean {
  const entry = serviceTable().get(prefix.toLowerCase());
  if (!entry) return false;
  if (!hasWildcard(name)) return entry.lower.has(name.toLowerCase());
  return entry.actions.some((a) => globMatch(name, a, true));
}

/** Actions of the service that the pattern matches, in the reference's spelling. */
export function matchingActions(prefix: string, name: string): string[] {
  return serviceActions(prefix).filter((a) => globMatch(name, a, true));
}

function globalKeyTables(): { exact: Set<string>; prefixes: string[] } {
  if (!exactGlobalKeys || !prefixGlobalKeys) {
    exactGlobalKeys = new Set();
    prefixGlobalKeys = [];
    for (const key of [...GLOBAL_CONDITION_KEYS, ...EXTRA_GLOBAL_CONDITION_KEYS]) {
      const slash = key.indexOf('/');
      if (slash >= 0) prefixGlobalKeys.push(key.slice(0, slash + 1).toLowerCase());
      else exactGlobalKeys.add(key.toLowerCase());
    }
  }
  return { exact: exactGlobalKeys, prefixes: prefixGlobalKeys };
}

export type GlobalKeyStatus = 'known' | 'unknown' | 'missing-tag-key';

/** Condition key names are case-insensitive. `aws:ResourceTag` without `/name` lacks its tag key. */
export function globalConditionKeyStatus(key: string): GlobalKeyStatus {
  const { exact, prefixes } = globalKeyTables();
  const lower = key.toLowerCase();
  if (exact.has(lower)) return 'known';
  for (const prefix of prefixes) {
    if (lower.startsWith(prefix)) return lower.length > prefix.length ? 'known' : 'missing-tag-key';
    if (lower === prefix.slice(0, -1)) return 'missing-tag-key';
  }
  return 'unknown';
}

/** Levenshtein distance, capped: returns max + 1 as soon as the distance must exceed max. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      best = Math.min(best, current[j]);
    }
    if (best > max) return max + 1;
    previous = current;
  }
  return previous[b.length];
}

/** The closest of the candidates within a small edit distance, for "Did you mean …?". */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const max = lower.length <= 4 ? 1 : 2;
  let found: string | undefined;
  let foundDistance = max + 1;
  for (const candidate of candidates) {
    const d = distance(lower, candidate.toLowerCase(), max);
    if (d < foundDistance) {
      found = candidate;
      foundDistance = d;
    }
  }
  return found;
}
