import { globCovers, globMatch } from './glob';

describe('globMatch', () => {
  it.each([
    ['s3:Get*', 's3:GetObject', true],
    ['s3:Get*', 's3:Get', true],
    ['s3:G?t*', 's3:GetObject', true],
    ['s3:Get?', 's3:Get', false],
    ['*', '', true],
    ['a*b*c', 'aXXbYYc', true],
    ['a*b*c', 'aXXbYY', false],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b', true],
  ])('%s against %s: %s', (pattern, text, expected) => {
    expect(globMatch(pattern, text, false)).toBe(expected);
  });

  it('ignores case only when asked', () => {
    expect(globMatch('S3:get*', 's3:GetObject', true)).toBe(true);
    expect(globMatch('S3:get*', 's3:GetObject', false)).toBe(false);
  });

  it('stays fast on patterns that make backtracking regular expressions explode', () => {
    const started = Date.now();
    expect(globMatch(`${'*a'.repeat(30)}b`, 'a'.repeat(5000), false)).toBe(false);
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('globCovers', () => {
  it('covers a literal the pattern matches', () => {
    expect(globCovers('iam:Get*', 'iam:GetUser', true)).toBe(true);
  });
  it('covers a narrower pattern, and never claims a cover that does not hold', () => {
    expect(globCovers('iam:*', 'iam:Get*', true)).toBe(true);
    expect(globCovers('iam:Get*', 'iam:*User', true)).toBe(false);
    expect(globCovers('iam:Get?', 'iam:Get*', true)).toBe(false);
  });
});
