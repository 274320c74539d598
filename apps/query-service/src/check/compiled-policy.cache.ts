import { CompiledPolicy, compilePolicy } from '@portcullis/policy';
import type { PrincipalDocument } from '@portcullis/read-models';

/**
 * Compiled policy sets per principal, bounded, keyed by the document's sequence so a newer
 * projection replaces the entry. Compiling is the expensive part of a check; evaluating a
 * compiled set costs microseconds.
 */
export class CompiledPolicyCache {
  private readonly entries = new Map<string, { sequence: number; policies: CompiledPolicy[] }>();

  constructor(private readonly capacity = 10_000) {}

  policiesOf(doc: PrincipalDocument): CompiledPolicy[] {
    const hit = this.entries.get(doc._id);
    if (hit && hit.sequence === doc.sequence) {
      // Refresh recency: Map iteration order is insertion order.
      this.entries.delete(doc._id);
      this.entries.set(doc._id, hit);
      return hit.policies;
    }
    const policies = doc.inlinePolicies.map((p) =>
      compilePolicy(p.document, { id: `${doc._id}#inline/${p.name}` }),
    );
    this.entries.set(doc._id, { sequence: doc.sequence, policies });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return policies;
  }
}
