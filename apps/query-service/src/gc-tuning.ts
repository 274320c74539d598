import { setFlagsFromString } from 'v8';

/**
 * V8 options for a process that answers Check (docs/decisions.md, "Check's tail: V8 options"):
 *
 * - No allocation-site pretenuring. With it, V8 learns that each call's HTTP/2 stream objects
 *   outlive a young-generation collection and from then on allocates them in the old
 *   generation, where they and everything they reference stay until the next full collection:
 *   1.55 MB promoted per scavenge at 5,000 Check/s with it, 65 KB without.
 * - The old generation may grow to 4× what survived the last full collection before the next
 *   one: fewer full collections (each costs ~20 ms for the ~70 MB live heap however often it
 *   runs), longer ones (their pause grows with the calls served in between: 200–640 ms
 *   measured on Node 20, 360–420 ms on Node 24). The cost is memory: ~280 MB of heap for
 *   ~70 MB live.
 *
 * A flag given on the command line wins (for comparisons: `--allocation-site-pretenuring`,
 * `--heap-growing-percent=0`).
 */
export function checkProcessV8Flags(execArgv: readonly string[]): string[] {
  const given = (name: string) =>
    execArgv.some((a) => new RegExp(`^--(no-)?${name.replace(/-/g, '[-_]')}(=|$)`).test(a));
  const flags: string[] = [];
  if (!given('allocation-site-pretenuring')) flags.push('--no-allocation-site-pretenuring');
  if (!given('heap-growing-percent')) flags.push('--heap-growing-percent=300');
  return flags;
}

/**
 * Applies checkProcessV8Flags. Call it first thing in main: V8 reads these when it decides where
 * an allocation site's objects go and when it sizes the heap after a full collection, both of
 * which happen once the service is running.
 */
export function tuneV8ForChecks(): void {
  for (const flag of checkProcessV8Flags(process.execArgv)) setFlagsFromString(flag);
}
