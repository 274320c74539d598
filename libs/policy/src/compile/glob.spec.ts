import fc from 'fast-check';
import { compilePattern, NO_VARIABLES, type PatternOptions } from './glob';
import type { VariableSource } from './variables';

const WILD: PatternOptions = { wildcards: true, variables: false };
const match = (pattern: string, subject: string, options: PatternOptions = WILD): boolean =>
  compilePattern(pattern, options).matches(subject, 0, subject.length, NO_VARIABLES);

const vars = (values: Record<string, string>): VariableSource => ({
  variable: (key) => values[key],
});

describe('wildcard matcher', () => {
  it.each([
    ['*', '', true],
    ['*', 'anything/at:all', true],
    ['', '', true],
    ['', 'a', false],
    ['abc', 'abc', true],
    ['abc', 'abcd', false],
    ['abc', 'ABC', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['a?c', 'abbc', false],
    ['???', 'abc', true],
    ['???', 'ab', false],
    ['a*', 'a', true],
    ['a*', 'ba', false],
    ['*a', 'ba', true],
    ['*a', 'ab', false],
    ['a*c', 'ac', true],
    ['a*c', 'a/b:c', true],
    ['a*b*c', 'abxbc', true],
    ['a*b*c', 'acb', false],
    ['*b*', 'abc', true],
    ['*b*', 'ac', false],
    ['a**b', 'ab', true],
    ['*?', '', false],
    ['*?', 'x', true],
    ['a*?b', 'ab', false],
    ['a*?b', 'axb', true],
    ['*aa', 'aaa', true],
    ['aa*aa', 'aaa', false],
    ['aa*aa', 'aaaa', true],
    ['bucket/*/x?', 'bucket/a/b/xy', true],
    [
      'arn:aws:logs:*:*:log-group:api*',
      'arn:aws:logs:us-west-2:1:log-group:api:log-stream:x',
      true,
    ],
  ])('%j vs %j → %s', (pattern, subject, expected) => {
    expect(match(pattern, subject)).toBe(expected);
  });

  it('treats * and ? literally when wildcards are off', () => {
    expect(match('a*', 'a*', { wildcards: false, variables: false })).toBe(true);
    expect(match('a*', 'ab', { wildcards: false, variables: false })).toBe(false);
  });

  it('matches a range of the subject without slicing', () => {
    const m = compilePattern('us-*', WILD);
    const s = 'arn:aws:sqs:us-west-2:1:q';
    expect(m.matches(s, 12, 21, NO_VARIABLES)).toBe(true);
    expect(m.matches(s, 8, 11, NO_VARIABLES)).toBe(false);
    expect(compilePattern('us-west-2', WILD).matches(s, 12, 21, NO_VARIABLES)).toBe(true);
    expect(compilePattern('*2', WILD).matches(s, 12, 21, NO_VARIABLES)).toBe(true);
    expect(compilePattern('u?-*-?', WILD).matches(s, 12, 21, NO_VARIABLES)).toBe(true);
  });

  it('lower-cases patterns on request (for actions)', () => {
    expect(
      match('S3:Get*', 's3:getobject', { wildcards: true, variables: false, lowerCase: true }),
    ).toBe(true);
  });

  describe('with policy variables', () => {
    const options: PatternOptions = { wildcards: true, variables: true };
    const m = (pattern: string, subject: string, values: Record<string, string>): boolean =>
      compilePattern(pattern, options).matches(subject, 0, subject.length, vars(values));

    it('substitutes values as literal text', () => {
      expect(m('home/${aws:username}/*', 'home/alice/cv.pdf', { 'aws:username': 'alice' })).toBe(
        true,
      );
      expect(m('home/${aws:username}/*', 'home/bob/cv.pdf', { 'aws:username': 'alice' })).toBe(
        false,
      );
      // A `*` inside a value is not a wildcard.
      expect(m('home/${aws:username}', 'home/anything', { 'aws:username': '*' })).toBe(false);
      expect(m('home/${aws:username}', 'home/*', { 'aws:username': '*' })).toBe(true);
    });

    it('fails to match when a variable cannot be resolved, unless it has a default', () => {
      expect(m('home/${aws:username}/*', 'home//x', {})).toBe(false);
      expect(m('*${aws:username}*', 'abc', {})).toBe(false);
      expect(m("home/${aws:username, 'guest'}/*", 'home/guest/x', {})).toBe(true);
    });

    it('supports variables in middle segments', () => {
      expect(m('*/${t}/*', 'a/b/blue/c', { t: 'blue' })).toBe(true);
      expect(m('*/${t}?/*', 'a/b/bluex/c', { t: 'blue' })).toBe(true);
      expect(m('*/${t}?/*', 'a/b/blue/c', { t: 'blue' })).toBe(false);
    });

    it('keeps ${*}, ${?}, ${$} literal', () => {
      expect(m('${*}.txt', '*.txt', {})).toBe(true);
      expect(m('${*}.txt', 'a.txt', {})).toBe(false);
      expect(m('file${?}', 'file?', {})).toBe(true);
      expect(m('file${?}', 'file1', {})).toBe(false);
      expect(m('${$}*', '$20', {})).toBe(true);
    });
  });

  it('agrees with a regular-expression oracle on random patterns', () => {
    const alphabet = fc.constantFrom('a', 'b', '/', ':');
    const patternChar = fc.constantFrom('a', 'b', '/', ':', '*', '?');
    const toRegExp = (pattern: string): RegExp =>
      new RegExp(
        `^${pattern
          .split('')
          .map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c))
          .join('')}$`,
      );
    fc.assert(
      fc.property(
        fc.array(patternChar, { maxLength: 8 }).map((a) => a.join('')),
        fc.array(alphabet, { maxLength: 10 }).map((a) => a.join('')),
        (pattern, subject) => match(pattern, subject) === toRegExp(pattern).test(subject),
      ),
      { numRuns: 3000 },
    );
  });
});
