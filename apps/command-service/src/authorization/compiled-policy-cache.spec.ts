import { PolicyParseError } from '@portcullis/policy';
import { CompiledPolicyCache } from './compiled-policy-cache';

const doc = (action: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
  });

describe('CompiledPolicyCache', () => {
  it('returns the same compiled policy while the document is unchanged', () => {
    const cache = new CompiledPolicyCache(10);
    const first = cache.compile('p', doc('iam:GetUser'));
    expect(cache.compile('p', doc('iam:GetUser'))).toBe(first);
    expect(cache.stats).toEqual({ hits: 1, misses: 1, size: 1 });
  });

  it('recompiles and replaces the entry when the document changes', () => {
    const cache = new CompiledPolicyCache(10);
    const first = cache.compile('p', doc('iam:GetUser'));
    const second = cache.compile('p', doc('iam:ListUsers'));
    expect(second).not.toBe(first);
    expect(cache.size).toBe(1);
    expect(cache.compile('p', doc('iam:ListUsers'))).toBe(second);
  });

  it('is bounded: past capacity the oldest id goes', () => {
    const cache = new CompiledPolicyCache(2);
    const a = cache.compile('a', doc('iam:A'));
    cache.compile('b', doc('iam:B'));
    cache.compile('c', doc('iam:C'));
    expect(cache.size).toBe(2);
    expect(cache.compile('a', doc('iam:A'))).not.toBe(a); // evicted, compiled again
    expect(cache.stats.misses).toBe(4);
  });

  it('caches nothing for a document that does not compile', () => {
    const cache = new CompiledPolicyCache(2);
    expect(() =>
      cache.compile(
        'bad',
        '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Nope":{"a":"b"}}}]}',
      ),
    ).toThrow(PolicyParseError);
    expect(cache.size).toBe(0);
  });
});
