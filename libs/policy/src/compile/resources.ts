import { compilePattern, type StringMatcher } from './glob';
import type { VariableSource } from './variables';

/**
 * Compiled Resource / NotResource list: case-sensitive, `*` and `?` cross `/` and `:`.
 * Literal ARNs go in a set; `*` short-circuits; the rest are precompiled wildcard matchers, which
 * resolve policy variables (Version 2012-10-17) from the request without building strings.
 * An unresolvable variable without a default makes that entry match nothing.
 */
export class ResourceMatcher {
  readonly any: boolean;
  private readonly exact = new Set<string>();
  private readonly patterns: StringMatcher[] = [];

  constructor(resources: readonly string[], variables: boolean) {
    let any = false;
    for (const resource of resources) {
      if (resource === '*') {
        any = true;
        continue;
      }
      const matcher = compilePattern(resource, { wildcards: true, variables });
      if (matcher.literalText !== null) this.exact.add(matcher.literalText);
      else this.patterns.push(matcher);
    }
    this.any = any;
  }

  matches(resource: string, vars: VariableSource): boolean {
    if (this.any || this.exact.has(resource)) return true;
    const patterns = this.patterns;
    for (let i = 0; i < patterns.length; i++) {
      if (patterns[i].matches(resource, 0, resource.length, vars)) return true;
    }
    return false;
  }
}
