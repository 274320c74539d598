import { RequestScope } from '../../evaluate/request-scope';
import type { RequestContext } from '../../types';
import { PolicyParseError } from '../../parse/policy-parse.error';
import { compileConditions, equalsIgnoreCase, parseNumber } from './condition';
import { parseDate } from './date';

/** Evaluate one condition operator with one key against a context. */
function holds(
  operator: string,
  values: string | string[],
  context: RequestContext,
  options: { key?: string; variables?: boolean } = {},
): boolean {
  const key = options.key ?? 'k';
  const tests = compileConditions(
    { [operator]: { [key]: Array.isArray(values) ? values : [values] } },
    options.variables ?? true,
    '/Statement/0/Condition',
  );
  const scope = new RequestScope(context);
  return tests.every((t) => t.evaluate(scope));
}

describe('condition operators', () => {
  describe('String', () => {
    it.each([
      ['StringEquals', 'abc', 'abc', true],
      ['StringEquals', 'abc', 'ABC', false],
      ['StringEquals', 'a*', 'abc', false],
      ['StringNotEquals', 'abc', 'abc', false],
      ['StringNotEquals', 'abc', 'abd', true],
      ['StringEqualsIgnoreCase', 'Finance', 'FINANCE', true],
      ['StringEqualsIgnoreCase', 'Finance', 'Finances', false],
      ['StringEqualsIgnoreCase', 'straße', 'STRASSE', false],
      ['StringEqualsIgnoreCase', 'émile', 'ÉMILE', true],
      ['StringNotEqualsIgnoreCase', 'Finance', 'fInAnCe', false],
      ['StringNotEqualsIgnoreCase', 'Finance', 'legal', true],
      ['StringLike', 'Mozilla/?.0*', 'Mozilla/5.0 (X11)', true],
      ['StringLike', 'home/*', 'home/a/b', true],
      ['StringLike', 'home/*', 'Home/a', false],
      ['StringNotLike', '*bot*', 'examplebot/1.0', false],
      ['StringNotLike', '*bot*', 'curl/8', true],
    ])('%s %j vs %j → %s', (operator, policy, request, expected) => {
      expect(holds(operator, policy, { k: request })).toBe(expected);
    });

    it('compares numbers and booleans in the context as text', () => {
      expect(holds('StringEquals', '5', { k: 5 })).toBe(true);
      expect(holds('StringEquals', 'true', { k: true })).toBe(true);
    });

    it('ORs several policy values; negated operators NOR them', () => {
      expect(holds('StringEquals', ['a', 'b'], { k: 'b' })).toBe(true);
      expect(holds('StringNotEquals', ['a', 'b'], { k: 'b' })).toBe(false);
      expect(holds('StringNotEquals', ['a', 'b'], { k: 'c' })).toBe(true);
      expect(holds('StringNotLike', ['a*', 'b*'], { k: 'bx' })).toBe(false);
    });

    it('resolves policy variables in values', () => {
      const ctx = { k: 'AIDA1', 'aws:userid': 'AIDA1' };
      expect(holds('StringEquals', '${aws:userid}', ctx)).toBe(true);
      expect(holds('StringLike', '${aws:userid}*', { ...ctx, k: 'AIDA1:x' })).toBe(true);
      expect(holds('StringEqualsIgnoreCase', '${aws:userid}', { ...ctx, k: 'aida1' })).toBe(true);
      // Unresolvable: the value matches nothing.
      expect(holds('StringEquals', '${aws:username}', { k: '' })).toBe(false);
      expect(holds('StringNotEquals', '${aws:username}', { k: 'x' })).toBe(true);
      expect(holds('StringEquals', "${aws:username, 'anon'}", { k: 'anon' })).toBe(true);
      // With variables off (Version 2008-10-17) the text is literal.
      expect(holds('StringEquals', '${aws:userid}', ctx, { variables: false })).toBe(false);
      expect(
        holds('StringEquals', '${aws:userid}', { k: '${aws:userid}' }, { variables: false }),
      ).toBe(true);
    });

    it('does not use a multivalued key as a variable', () => {
      expect(holds('StringEquals', '${aws:TagKeys}', { k: 'a', 'aws:TagKeys': ['a'] })).toBe(false);
    });
  });

  describe('Numeric', () => {
    it.each([
      ['NumericEquals', '10', 10, true],
      ['NumericEquals', '10', '10.0', true],
      ['NumericEquals', '10', 11, false],
      ['NumericNotEquals', '10', 11, true],
      ['NumericNotEquals', '10', 10, false],
      ['NumericLessThan', '600', 45, true],
      ['NumericLessThan', '600', 600, false],
      ['NumericLessThanEquals', '600', 600, true],
      ['NumericLessThanEquals', '600', 601, false],
      ['NumericGreaterThan', '1.5', 2, true],
      ['NumericGreaterThan', '1.5', 1.5, false],
      ['NumericGreaterThanEquals', '10', 5, false],
      ['NumericGreaterThanEquals', '10', '10', true],
      ['NumericEquals', '-3', '-3', true],
      ['NumericEquals', '10', 'ten', false],
      ['NumericEquals', 'ten', 10, false],
      ['NumericEquals', '10', true, false],
    ])('%s %j vs %j → %s', (operator, policy, request, expected) => {
      expect(holds(operator, policy, { k: request })).toBe(expected);
    });

    it('parses numbers strictly', () => {
      expect(parseNumber('1e3')).toBe(1000);
      expect(parseNumber('')).toBeNaN();
      expect(parseNumber('0x10')).toBeNaN();
    });
  });

  describe('Date', () => {
    it.each([
      ['DateLessThan', '2030-01-01T00:00:00Z', '2024-05-01T09:30:00Z', true],
      ['DateLessThan', '2020-01-01T00:00:00Z', '2024-05-01T09:30:00Z', false],
      ['DateGreaterThan', '1714555800', 1714555000, false],
      ['DateGreaterThan', '1714555800', 1714556000, true],
      ['DateGreaterThan', '1714555800', '1714556000', true],
      ['DateEquals', '2024-05-01T09:30:00Z', '2024-05-01T11:30:00+02:00', true],
      ['DateEquals', '2024-05-01T09:30:00Z', '2024-05-01T11:30:00+0200', true],
      ['DateEquals', '2024-05-01T09:30:00Z', '2024-05-01T09:30:00', true],
      ['DateEquals', '2024-05-01T09:30:00Z', '2024-05-01T09:30:00.000Z', true],
      ['DateEquals', '2024-05-01', '2024-05-01T00:00:00Z', true],
      ['DateEquals', '2024-05-01T09:30:00Z', 1714555800, true],
      ['DateNotEquals', '2024-05-01T09:30:00Z', 1714555801, true],
      ['DateNotEquals', '2024-05-01T09:30:00Z', 1714555800, false],
      ['DateLessThanEquals', '2024-05-01T09:30:00Z', 1714555800, true],
      ['DateGreaterThanEquals', '2024-05-01T09:30:00Z', 1714555799, false],
      ['DateLessThan', '2030-01-01T00:00:00Z', 'not a date', false],
      ['DateLessThan', 'not a date', '2024-05-01T09:30:00Z', false],
    ])('%s %j vs %j → %s', (operator, policy, request, expected) => {
      expect(holds(operator, policy, { k: request })).toBe(expected);
    });
  });

  describe('Bool', () => {
    it.each([
      ['true', true, true],
      ['true', false, false],
      ['false', false, true],
      ['false', 'false', true],
      ['true', 'TRUE', true],
      ['True', true, true],
      ['false', 'no', false],
    ])('Bool %j vs %j → %s', (policy, request, expected) => {
      expect(holds('Bool', policy, { k: request })).toBe(expected);
    });
  });

  describe('BinaryEquals', () => {
    it('compares decoded bytes', () => {
      expect(holds('BinaryEquals', 'SGVsbG8=', { k: 'SGVsbG8=' })).toBe(true);
      expect(holds('BinaryEquals', 'SGVsbG8=', { k: 'SGVsbG8' })).toBe(true);
      expect(holds('BinaryEquals', 'SGVsbA==', { k: 'SGVsbG8=' })).toBe(false);
      expect(holds('BinaryEquals', ['SGVsbA==', 'SGVs bG8='], { k: 'SGVsbG8=' })).toBe(true);
      expect(holds('BinaryEquals', 'SGVsbG8=', { k: 'not base64!' })).toBe(false);
      expect(holds('BinaryEquals', 'SGVsbG8=', { k: 5 })).toBe(false);
    });
  });

  describe('IpAddress', () => {
    it.each([
      ['IpAddress', '192.0.2.0/24', '192.0.2.55', true],
      ['IpAddress', '192.0.2.0/24', '192.0.3.1', false],
      ['IpAddress', '192.0.2.7', '192.0.2.7', true],
      ['IpAddress', '192.0.2.7/32', '192.0.2.8', false],
      ['IpAddress', '0.0.0.0/0', '8.8.8.8', true],
      ['IpAddress', '10.0.0.0/8', '10.255.255.255', true],
      ['IpAddress', '10.0.0.0/8', '11.0.0.0', false],
      ['IpAddress', '203.0.113.0/25', '203.0.113.127', true],
      ['IpAddress', '203.0.113.0/25', '203.0.113.128', false],
      ['IpAddress', '2001:db8::/32', '2001:db8:abcd::7', true],
      ['IpAddress', '2001:db8::/32', '2001:db9::1', false],
      ['IpAddress', '2001:DB8:0:0:0:0:0:0/64', '2001:db8::ffff:1', true],
      ['IpAddress', '::/0', '::1', true],
      ['IpAddress', '::1', '::1', true],
      ['IpAddress', '2001:db8::/31', '2001:db9::1', true],
      ['IpAddress', '192.0.2.0/24', '::ffff:192.0.2.9', true],
      ['IpAddress', '::ffff:0:0/96', '192.0.2.9', true],
      ['IpAddress', '192.0.2.0/24', '2001:db8::1', false],
      ['IpAddress', '192.0.2.0/24', 'garbage', false],
      ['IpAddress', 'garbage', '192.0.2.1', false],
      ['NotIpAddress', '2001:db8::/32', '2001:db8:abcd::7', false],
      ['NotIpAddress', '2001:db8::/32', '2001:db9::7', true],
      ['NotIpAddress', '192.0.2.0/24', '198.51.100.1', true],
    ])('%s %j vs %j → %s', (operator, policy, request, expected) => {
      expect(holds(operator, policy, { k: request })).toBe(expected);
    });
  });

  describe('Arn', () => {
    const arn = 'arn:aws:sns:us-west-2:111122223333:news';
    it.each([
      ['ArnEquals', arn, arn, true],
      ['ArnEquals', 'arn:aws:sns:us-west-2:111122223333:News', arn, false],
      ['ArnLike', 'arn:aws:sns:us-west-2:111122223333:news*', arn, true],
      ['ArnLike', 'arn:aws:sns:*:*:news', arn, true],
      ['ArnLike', 'arn:aws:sns:*:news', arn, false],
      ['ArnLike', 'arn:aws:*:us-west-?:111122223333:*', arn, true],
      // A wildcard stays inside its own ARN part.
      ['ArnLike', 'arn:aws:sns:us-*:news', arn, false],
      ['ArnLike', 'arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a:b/c', true],
      ['ArnLike', 'arn:aws:sqs:*:*:q', 'not-an-arn', false],
      ['ArnLike', '*', 'anything', true],
      ['ArnLike', 'arn:aws:sns:*', arn, false],
      ['ArnNotEquals', arn, arn, false],
      ['ArnNotEquals', arn, 'arn:aws:sns:us-west-2:111122223333:other', true],
      ['ArnNotLike', 'arn:aws:sns:*:*:news', arn, false],
      ['ArnNotLike', 'arn:aws:sqs:*:*:*', arn, true],
    ])('%s %j vs %j → %s', (operator, policy, request, expected) => {
      expect(holds(operator, policy, { k: request })).toBe(expected);
    });

    it('resolves variables, whose colons do not split parts', () => {
      expect(
        holds('ArnLike', 'arn:aws:iam::${aws:PrincipalAccount}:role/*', {
          k: 'arn:aws:iam::111122223333:role/x',
          'aws:PrincipalAccount': '111122223333',
        }),
      ).toBe(true);
      expect(
        holds('ArnEquals', 'arn:aws:iam::111122223333:user/${aws:username}', {
          k: 'arn:aws:iam::111122223333:user/alice',
          'aws:username': 'alice',
        }),
      ).toBe(true);
    });
  });

  describe('Null', () => {
    it.each([
      ['true', {}, true],
      ['true', { k: 'x' }, false],
      ['false', { k: 'x' }, true],
      ['false', {}, false],
      ['true', { k: [] }, true],
      ['false', { k: '' }, true],
      ['false', { k: false }, true],
    ] as [string, RequestContext, boolean][])(
      'Null %j with %j → %s',
      (policy, context, expected) => {
        expect(holds('Null', policy, context)).toBe(expected);
      },
    );
  });

  describe('missing keys', () => {
    it.each([
      'StringEquals',
      'StringEqualsIgnoreCase',
      'StringLike',
      'NumericEquals',
      'NumericLessThan',
      'NumericLessThanEquals',
      'NumericGreaterThan',
      'NumericGreaterThanEquals',
      'DateEquals',
      'DateLessThan',
      'DateLessThanEquals',
      'DateGreaterThan',
      'DateGreaterThanEquals',
      'Bool',
      'BinaryEquals',
      'IpAddress',
      'ArnEquals',
      'ArnLike',
    ])('%s is false, %sIfExists true, when the key is absent', (operator) => {
      expect(holds(operator, 'x', {})).toBe(false);
      expect(holds(`${operator}IfExists`, 'x', {})).toBe(true);
    });

    it.each([
      'StringNotEquals',
      'StringNotEqualsIgnoreCase',
      'StringNotLike',
      'NumericNotEquals',
      'DateNotEquals',
      'NotIpAddress',
      'ArnNotEquals',
      'ArnNotLike',
    ])('negated %s is true when the key is absent', (operator) => {
      expect(holds(operator, 'x', {})).toBe(true);
      expect(holds(`${operator}IfExists`, 'x', {})).toBe(true);
    });

    it('IfExists evaluates normally when the key is present', () => {
      expect(holds('StringEqualsIfExists', 't2.micro', { k: 't2.micro' })).toBe(true);
      expect(holds('StringEqualsIfExists', 't2.micro', { k: 'm5.large' })).toBe(false);
      expect(holds('NumericLessThanIfExists', '5', { k: 9 })).toBe(false);
    });

    it('matches key names case-insensitively', () => {
      expect(
        holds(
          'StringEquals',
          'us-west-2',
          { 'aws:RequestedRegion': 'us-west-2' },
          { key: 'AWS:REQUESTEDREGION' },
        ),
      ).toBe(true);
    });
  });

  describe('set operators', () => {
    const tags = (keys: string[] | undefined): RequestContext =>
      keys === undefined ? {} : { 'aws:TagKeys': keys };
    const t = (operator: string, values: string[], keys: string[] | undefined): boolean =>
      holds(operator, values, tags(keys), { key: 'aws:TagKeys' });

    it('ForAllValues: every request value must match some policy value; true when absent/empty', () => {
      expect(t('ForAllValues:StringEquals', ['a', 'b'], ['a'])).toBe(true);
      expect(t('ForAllValues:StringEquals', ['a', 'b'], ['a', 'b'])).toBe(true);
      expect(t('ForAllValues:StringEquals', ['a', 'b'], ['a', 'c'])).toBe(false);
      expect(t('ForAllValues:StringEquals', ['a'], undefined)).toBe(true);
      expect(t('ForAllValues:StringEquals', ['a'], [])).toBe(true);
      expect(t('ForAllValues:StringLike', ['Created*'], ['CreatedBy', 'CreatedAt'])).toBe(true);
    });

    it('ForAnyValue: some request value must match; false when absent/empty', () => {
      expect(t('ForAnyValue:StringEquals', ['project'], ['owner', 'project'])).toBe(true);
      expect(t('ForAnyValue:StringEquals', ['project'], ['owner'])).toBe(false);
      expect(t('ForAnyValue:StringEquals', ['project'], undefined)).toBe(false);
      expect(t('ForAnyValue:StringEquals', ['project'], [])).toBe(false);
      expect(t('ForAnyValue:StringEqualsIfExists', ['project'], undefined)).toBe(true);
    });

    it('negated operators under set operators apply per request value', () => {
      // every request value must be outside the list
      expect(t('ForAllValues:StringNotEquals', ['a', 'b'], ['c', 'd'])).toBe(true);
      expect(t('ForAllValues:StringNotEquals', ['a', 'b'], ['c', 'a'])).toBe(false);
      // some request value must be outside the list
      expect(t('ForAnyValue:StringNotEquals', ['a', 'b'], ['c', 'a'])).toBe(true);
      expect(t('ForAnyValue:StringNotEquals', ['a', 'b'], ['a', 'b'])).toBe(false);
      expect(t('ForAnyValue:StringNotLike', ['a*'], undefined)).toBe(false);
      expect(t('ForAllValues:StringNotLike', ['a*'], undefined)).toBe(true);
    });

    it('a single value behaves as a one-element set', () => {
      expect(holds('ForAnyValue:StringEquals', 'a', { k: 'a' })).toBe(true);
      expect(holds('ForAllValues:StringEquals', 'a', { k: 'b' })).toBe(false);
    });

    it('without a set operator a list matches when any element matches', () => {
      expect(holds('StringEquals', 'a', { k: ['b', 'a'] })).toBe(true);
      expect(holds('StringNotEquals', 'a', { k: ['b', 'a'] })).toBe(false);
      expect(holds('StringNotEquals', 'a', { k: ['b', 'c'] })).toBe(true);
      expect(holds('StringEquals', 'a', { k: [] })).toBe(false);
    });
  });

  it('ANDs several keys and several operators', () => {
    const tests = compileConditions(
      {
        StringEquals: { a: ['1'], b: ['2'] },
        Bool: { c: ['true'] },
      },
      true,
      '',
    );
    const all = (ctx: RequestContext): boolean =>
      tests.every((t) => t.evaluate(new RequestScope(ctx)));
    expect(all({ a: '1', b: '2', c: true })).toBe(true);
    expect(all({ a: '1', b: '3', c: true })).toBe(false);
    expect(all({ a: '1', b: '2', c: false })).toBe(false);
  });

  it('rejects unknown operators at compile time with a JSON pointer', () => {
    expect(() =>
      compileConditions({ StringSorta: { k: ['v'] } }, true, '/Statement/2/Condition'),
    ).toThrow(
      expect.objectContaining({ path: '/Statement/2/Condition/StringSorta' }) as PolicyParseError,
    );
    expect(() => compileConditions({ NullIfExists: { k: ['true'] } }, true, '')).toThrow(
      PolicyParseError,
    );
    expect(() =>
      compileConditions({ 'ForSomeValues:StringEquals': { k: ['v'] } }, true, ''),
    ).toThrow(PolicyParseError);
  });

  it('equalsIgnoreCase handles ASCII fast and Unicode correctly', () => {
    expect(equalsIgnoreCase('ABC', 'abc')).toBe(true);
    expect(equalsIgnoreCase('ABCD', 'abc')).toBe(false);
    expect(equalsIgnoreCase('ÀB', 'àb')).toBe(true);
    expect(equalsIgnoreCase('\u212A', 'k')).toBe(true); // KELVIN SIGN lower-cases to k
  });
});

describe('dates', () => {
  it('parses the canonical UTC form and the general ISO 8601 forms alike', () => {
    expect(parseDate('2024-05-01T09:30:00Z')).toBe(Date.UTC(2024, 4, 1, 9, 30));
    expect(parseDate('2024-05-01T09:30Z')).toBe(Date.UTC(2024, 4, 1, 9, 30));
    expect(parseDate('2024-05-01T10:30:00+01')).toBe(Date.UTC(2024, 4, 1, 9, 30));
    expect(parseDate('2024-05-01t09:30:00.5z')).toBe(Date.UTC(2024, 4, 1, 9, 30, 0, 500));
    expect(parseDate('1714555800')).toBe(1714555800000);
    expect(parseDate('2024-13-01T00:00:00Z')).toBeNaN();
    expect(parseDate('May 1, 2024')).toBeNaN();
  });
});
