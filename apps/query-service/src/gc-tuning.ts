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
  const flags: string[] = [];
  if (!setsOption(execArgv, 'allocation-site-pretenuring')) {
    flags.push('--no-allocation-site-pretenuring');
  }
  if (!setsOption(execArgv, 'heap-growing-percent')) flags.push('--heap-growing-percent=300');
  return flags;
}

/** Whether `args` set the V8 option `name` (`-` or `_` spelling, `--no-` form included). */
function setsOption(args: readonly string[], name: string): boolean {
  const pattern = new RegExp(`^--(no-)?${name.replace(/-/g, '[-_]')}(=|$)`);
  return args.some((a) => pattern.test(a));
}

/**
 * What V8 reads only when the process starts, so it goes on the `node` command line of every
 * process that answers Check (package.json's start, docker-compose.yml, bench:check; a spec
 * holds them to it): semi-spaces of 8 MB instead of V8's 16–32 MB. Young collections come
 * ~9 times a second instead of ~1.5 at 5,000 Check/s and pause 0.6 / 1.0 / 2.0 ms (p50 / p90 /
 * p99) instead of 0.8 / 3.0 / 4.8: three times the time in them overall, but each short
 * enough that what is left of the p99 is the full collections (docs/decisions.md, "Check's
 * tail: the event loop's time per call"). The cost is BatchCheck throughput (−5 to −20%).
 */
export const CHECK_PROCESS_STARTUP_OPTIONS = ['--max-semi-space-size=8'] as const;

/** Those of CHECK_PROCESS_STARTUP_OPTIONS that neither the command line nor NODE_OPTIONS sets. */
export function missingStartupOptions(execArgv: readonly string[], nodeOptions = ''): string[] {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)];
  return CHECK_PROCESS_STARTUP_OPTIONS.filter(
    (option) => !setsOption(given, option.slice(2, option.indexOf('='))),
  );
}

/**
 * Applies checkProcessV8Flags (call it first thing in main: V8 reads these when it decides
 * where an allocation site's objects go and when it sizes the heap after a full collection,
 * both of which happen once the service is running), and warns on stderr about startup
 * options missing.
 */
export function tuneV8ForChecks(): void {
  for (const flag of checkProcessV8Flags(process.execArgv)) setFlagsFromString(flag);
  const missing = missingStartupOptions(process.execArgv, process.env.NODE_OPTIONS);
  if (missing.length > 0) {
    process.emitWarning(
      `started without ${missing.join(' ')} on the node command line: Check's p99 under load ` +
        `is longer (docs/decisions.md, "Check's tail: the event loop's time per call")`,
      { code: 'PORTCULLIS_V8_STARTUP_OPTIONS' },
    );
  }
}
