import { compilePattern, NO_VARIABLES, type StringMatcher } from './glob';

interface ServiceActions {
  /** `service:*` */
  all: boolean;
  /** Lower-cased full action names without wildcards. */
  exact: Set<string>;
  /** Patterns with wildcards in the action name, matched against the lower-cased full action. */
  globs: StringMatcher[];
}

/**
 * Compiled Action / NotAction list. Actions compare case-insensitively: patterns are lower-cased
 * here and the request action once per request. Patterns are grouped by service prefix so a
 * statement listing hundreds of actions is checked with one map lookup and a set lookup.
 */
export class ActionMatcher {
  /** `*` */
  readonly any: boolean;
  private readonly byService = new Map<string, ServiceActions>();
  /** Patterns whose service part holds a wildcard (or that have no `:`). */
  private readonly crossService: StringMatcher[] = [];

  constructor(patterns: readonly string[]) {
    let any = false;
    for (const raw of patterns) {
      const pattern = raw.trim().toLowerCase();
      if (pattern === '*') {
        any = true;
        continue;
      }
      const colon = pattern.indexOf(':');
      const service = colon < 0 ? '' : pattern.slice(0, colon);
      if (colon < 0 || service.includes('*') || service.includes('?')) {
        this.crossService.push(compilePattern(pattern, { wildcards: true, variables: false }));
        continue;
      }
      let group = this.byService.get(service);
      if (group === undefined) {
        group = { all: false, exact: new Set(), globs: [] };
        this.byService.set(service, group);
      }
      const name = pattern.slice(colon + 1);
      if (name === '*') group.all = true;
      else if (!name.includes('*') && !name.includes('?')) group.exact.add(pattern);
      else group.globs.push(compilePattern(pattern, { wildcards: true, variables: false }));
    }
    this.any = any;
  }

  /** Services named literally by some pattern. */
  services(): IterableIterator<string> {
    return this.byService.keys();
  }

  /** True when some pattern names `service` (lower-cased) literally. */
  names(service: string): boolean {
    return this.byService.has(service);
  }

  /** True when some pattern may match actions of services not named literally. */
  get spansServices(): boolean {
    return this.any || this.crossService.length > 0;
  }

  /** `action` lower-cased; `service` its lower-cased prefix (before the first `:`). */
  matches(action: string, service: string): boolean {
    if (this.any) return true;
    const group = this.byService.get(service);
    if (group !== undefined) {
      if (group.all || group.exact.has(action)) return true;
      const globs = group.globs;
      for (let i = 0; i < globs.length; i++) {
        if (globs[i].matches(action, 0, action.length, NO_VARIABLES)) return true;
      }
    }
    const cross = this.crossService;
    for (let i = 0; i < cross.length; i++) {
      if (cross[i].matches(action, 0, action.length, NO_VARIABLES)) return true;
    }
    return false;
  }
}
