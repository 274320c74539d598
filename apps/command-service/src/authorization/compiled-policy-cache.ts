import { compilePolicy, type CompiledPolicy } from '@portcullis/policy';

/**
 * Compiled policies by id, reused while the document is unchanged (a new default version, or a
 * rewritten inline policy, recompiles and replaces the entry). Bounded: past `capacity` ids the
 * oldest entry goes first (insertion order; a hit does not reorder, so hits stay allocation-free).
 * Documents are compared by string equality, which V8 short-circuits when both sides are the same
 * string object (the aggregate hands out the same string until it changes).
 */
export class CompiledPolicyCache {
  private readonly entries = new Map<string, { document: string; compiled: CompiledPolicy }>();
  private hitCount = 0;
  private missCount = 0;

  constructor(readonly capacity = 10_000) {
    if (!(capacity >= 1)) throw new RangeError('capacity must be at least 1');
  }

  /** The compiled form of `document` under `id`; compiles (and may throw PolicyParseError) on a miss. */
  compile(id: string, document: string): CompiledPolicy {
    const entry = this.entries.get(id);
    if (entry !== undefined && entry.document === document) {
      this.hitCount++;
      return entry.compiled;
    }
    this.missCount++;
    const compiled = compilePolicy(document, { id });
    if (entry !== undefined) {
      this.entries.delete(id);
    } else if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(id, { document, compiled });
    return compiled;
  }

  get size(): number {
    return this.entries.size;
  }

  get stats(): { hits: number; misses: number; size: number } {
    return { hits: this.hitCount, misses: this.missCount, size: this.entries.size };
  }

  clear(): void {
    this.entries.clear();
  }
}
