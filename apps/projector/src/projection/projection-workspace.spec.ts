import { samplePrincipal, sampleGroup } from '@portcullis/read-models/read-model-store.conformance';
import { DocumentNotLoadedError, ProjectionWorkspace } from './projection-workspace';

const A = samplePrincipal();
const B = samplePrincipal({ _id: 'arn:aws:iam::123456789012:user/bob', name: 'bob' });
const G = sampleGroup();

describe('ProjectionWorkspace', () => {
  it('refuses to read or write a document nobody loaded, unless complete', () => {
    const ws = new ProjectionWorkspace();
    expect(() => ws.get('principal', A._id)).toThrow(DocumentNotLoadedError);
    expect(() => ws.put('principal', A)).toThrow(DocumentNotLoadedError);
    const complete = new ProjectionWorkspace({ complete: true });
    expect(complete.get('principal', A._id)).toBeNull();
    complete.put('principal', A);
    expect(complete.get('principal', A._id)).toBe(A);
  });

  it('answers what is missing, each once; loading never overwrites a changed document', () => {
    const ws = new ProjectionWorkspace();
    ws.load('principal', A._id, A);
    expect(
      ws.missing([
        { kind: 'principal', id: A._id },
        { kind: 'principal', id: B._id },
        { kind: 'principal', id: B._id },
        { kind: 'group', id: A._id },
      ]),
    ).toEqual([
      { kind: 'principal', id: B._id },
      { kind: 'group', id: A._id },
    ]);
    const changed = { ...A, sequence: 9 };
    ws.put('principal', changed);
    ws.load('principal', A._id, A);
    expect(ws.get('principal', A._id)).toBe(changed);
  });

  it('writes one operation per changed document: inserts for new ones, replaces, deletes', () => {
    const ws = new ProjectionWorkspace();
    ws.load('principal', A._id, A);
    ws.load('principal', B._id, null);
    ws.load('group', G._id, G);
    ws.load('group', 'arn:aws:iam::123456789012:group/temp', null);
    ws.put('principal', { ...A, sequence: 2 });
    ws.put('principal', { ...A, sequence: 3 });
    ws.put('principal', B);
    ws.delete('group', G._id);
    ws.put('group', { ...G, _id: 'arn:aws:iam::123456789012:group/temp' });
    ws.delete('group', 'arn:aws:iam::123456789012:group/temp');
    expect(ws.writes()).toEqual([
      { put: 'principal', doc: { ...A, sequence: 3 }, created: false },
      { put: 'principal', doc: B, created: true },
      { delete: 'group', id: G._id },
    ]);
    ws.markWritten();
    expect(ws.writes()).toEqual([]);
    ws.put('principal', { ...B, sequence: 5 });
    expect(ws.writes()).toEqual([{ put: 'principal', doc: { ...B, sequence: 5 }, created: false }]);
  });

  it('rolls a step back to where it began, changes and loads of documents alike', () => {
    const ws = new ProjectionWorkspace({ complete: true });
    ws.load('principal', A._id, A);
    ws.put('group', G);
    ws.markWritten();
    ws.begin();
    ws.put('principal', { ...A, sequence: 7 });
    ws.delete('group', G._id);
    ws.put('principal', B);
    ws.rollback();
    expect(ws.get('principal', A._id)).toBe(A);
    expect(ws.get('group', G._id)).toBe(G);
    expect(ws.get('principal', B._id)).toBeNull();
    expect(ws.writes()).toEqual([]);
    ws.begin();
    ws.put('principal', B);
    ws.commit();
    ws.rollback();
    expect(ws.get('principal', B._id)).toBe(B);
  });

  it('lists the documents of a kind', () => {
    const ws = new ProjectionWorkspace({ complete: true });
    ws.put('principal', A);
    ws.put('principal', B);
    ws.put('group', G);
    ws.delete('principal', A._id);
    expect([...ws.documents('principal')]).toEqual([B]);
  });
});
