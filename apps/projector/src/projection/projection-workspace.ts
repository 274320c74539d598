import type { ReadModelDocuments, ReadModelKind, ReadModelWrite } from '@portcullis/read-models';

/** A document named by its kind and `_id`. */
export interface DocRef {
  kind: ReadModelKind;
  id: string;
}

export type AnyDocument = ReadModelDocuments[ReadModelKind];

/** The projection asked for a document nobody loaded: a bug in `touchedIds`/`fanOutIds`. */
export class DocumentNotLoadedError extends Error {
  constructor(readonly ref: DocRef) {
    super(`${ref.kind} ${ref.id} was not loaded into the projection workspace`);
    this.name = 'DocumentNotLoadedError';
  }
}

interface Entry {
  kind: ReadModelKind;
  id: string;
  /** The document now; null: known not to exist. */
  doc: AnyDocument | null;
  /** Whether the document existed when loaded (decides insert vs replace). */
  existedAtLoad: boolean;
  changed: boolean;
}

const keyOf = (kind: ReadModelKind, id: string): string => `${kind}\u0000${id}`;

/**
 * The documents one projection step works on, in memory: loaded (or known absent) before the
 * events are applied, changed by `applyEvent` through `get`/`put`/`delete`, then written out
 * with `writes()`. Synchronous and free of I/O, so the live projector (a batch at a time,
 * documents loaded by `_id`) and a replay (the whole log folded in memory, `complete: true`) run
 * the same code.
 *
 * Documents handed out by `get` are shared, never copied: treat them as immutable and `put` a
 * new object (applyEvent does). That keeps `begin`/`rollback` cheap: the undo log holds the
 * previous objects.
 */
export class ProjectionWorkspace {
  private readonly entries = new Map<string, Entry>();
  private undo: Map<string, Entry | undefined> | null = null;

  /**
   * `complete`: the workspace holds every document there is (a replay from the start of the
   * log), so a document never loaded is known not to exist. Otherwise reading one that was not
   * loaded throws `DocumentNotLoadedError`.
   */
  constructor(private readonly options: { complete?: boolean } = {}) {}

  /** Whether `get` can answer for this document without a load. */
  isLoaded(kind: ReadModelKind, id: string): boolean {
    return this.options.complete === true || this.entries.has(keyOf(kind, id));
  }

  /** The refs among `refs` that still need loading, each once. */
  missing(refs: Iterable<DocRef>): DocRef[] {
    const out = new Map<string, DocRef>();
    for (const ref of refs) {
      const key = keyOf(ref.kind, ref.id);
      if (!this.isLoaded(ref.kind, ref.id) && !out.has(key)) out.set(key, ref);
    }
    return [...out.values()];
  }

  /**
   * Seeds a document as the store has it (null: absent). A document already in the workspace
   * keeps its current state: loading never overwrites what events changed.
   */
  load<K extends ReadModelKind>(kind: K, id: string, doc: ReadModelDocuments[K] | null): void {
    const key = keyOf(kind, id);
    if (this.entries.has(key)) return;
    this.entries.set(key, { kind, id, doc, existedAtLoad: doc !== null, changed: false });
  }

  get<K extends ReadModelKind>(kind: K, id: string): ReadModelDocuments[K] | null {
    const entry = this.entries.get(keyOf(kind, id));
    if (entry) return entry.doc as ReadModelDocuments[K] | null;
    if (this.options.complete) return null;
    throw new DocumentNotLoadedError({ kind, id });
  }

  put<K extends ReadModelKind>(kind: K, doc: ReadModelDocuments[K]): void {
    this.set(kind, doc._id, doc);
  }

  delete(kind: ReadModelKind, id: string): void {
    if (this.get(kind, id) === null) return;
    this.set(kind, id, null);
  }

  private set(kind: ReadModelKind, id: string, doc: AnyDocument | null): void {
    const key = keyOf(kind, id);
    const entry = this.entries.get(key);
    if (!entry && !this.options.complete) throw new DocumentNotLoadedError({ kind, id });
    if (this.undo && !this.undo.has(key)) this.undo.set(key, entry && { ...entry });
    if (entry) {
      entry.doc = doc;
      entry.changed = true;
    } else {
      this.entries.set(key, { kind, id, doc, existedAtLoad: false, changed: true });
    }
  }

  /** Starts an all-or-nothing step (one event): `rollback` undoes every change since. */
  begin(): void {
    this.undo = new Map();
  }

  commit(): void {
    this.undo = null;
  }

  rollback(): void {
    if (!this.undo) return;
    for (const [key, previous] of this.undo) {
      if (previous) this.entries.set(key, previous);
      else this.entries.delete(key);
    }
    this.undo = null;
  }

  /** Whether a stored document is deleted by changes not written yet (e.g. a rename's old name). */
  pendingDelete(kind: ReadModelKind, id: string): boolean {
    const e = this.entries.get(keyOf(kind, id));
    return e !== undefined && e.changed && e.doc === null && e.existedAtLoad;
  }

  /** The documents changed since the last `markWritten`. */
  changedRefs(): DocRef[] {
    const out: DocRef[] = [];
    for (const e of this.entries.values()) if (e.changed) out.push({ kind: e.kind, id: e.id });
    return out;
  }

  /**
   * One write per changed document: a put of its final state (marked `created` when it did not
   * exist at load), or a delete when it is gone. A document created and deleted again since it
   * was loaded absent needs no write.
   */
  writes(): ReadModelWrite[] {
    const out: ReadModelWrite[] = [];
    for (const e of this.entries.values()) {
      if (!e.changed) continue;
      if (e.doc) {
        out.push({ put: e.kind, doc: e.doc, created: !e.existedAtLoad } as ReadModelWrite);
      } else if (e.existedAtLoad) {
        out.push({ delete: e.kind, id: e.id });
      }
    }
    return out;
  }

  /** After the writes are stored: the current state becomes what the store holds. */
  markWritten(): void {
    for (const e of this.entries.values()) {
      e.existedAtLoad = e.doc !== null;
      e.changed = false;
    }
  }

  /** Every document present, of one kind (replay's final state, tests). */
  *documents<K extends ReadModelKind>(kind: K): IterableIterator<ReadModelDocuments[K]> {
    for (const e of this.entries.values()) {
      if (e.kind === kind && e.doc) yield e.doc as ReadModelDocuments[K];
    }
  }

  /** Every entry (present or known absent), for a cache of what the store holds. */
  *loaded(): IterableIterator<{ kind: ReadModelKind; id: string; doc: AnyDocument | null }> {
    for (const e of this.entries.values()) yield { kind: e.kind, id: e.id, doc: e.doc };
  }
}
