import type { ConditionScope } from '../compile/conditions/condition';
import type { ContextValue, RequestContext } from '../types';

/**
 * The request as conditions and policy variables see it. Context key names are case-insensitive:
 * the lower-cased view is built lazily, only when a condition or variable is first consulted.
 */
export class RequestScope implements ConditionScope {
  private lowered: Map<string, ContextValue> | null = null;

  constructor(private readonly context: RequestContext | undefined) {}

  value(keyLower: string): ContextValue | undefined {
    let lowered = this.lowered;
    if (lowered === null) {
      lowered = new Map();
      const context = this.context;
      if (context !== undefined) {
        for (const key of Object.keys(context)) {
          const value = context[key];
          if (value !== undefined && value !== null) lowered.set(key.toLowerCase(), value);
        }
      }
      this.lowered = lowered;
    }
    return lowered.get(keyLower);
  }

  /** A policy variable: single-valued keys only (a multivalued key cannot be a variable). */
  variable(keyLower: string): string | undefined {
    const value = this.value(keyLower);
    if (value === undefined || Array.isArray(value)) return undefined;
    return typeof value === 'string' ? value : String(value);
  }
}
