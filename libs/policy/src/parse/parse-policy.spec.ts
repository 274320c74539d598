import { parsePolicy } from './parse-policy';
import { PolicyParseError } from './policy-parse.error';

describe('parsePolicy', () => {
  it('normalizes a single statement object and string fields to arrays', () => {
    const doc = parsePolicy({
      Version: '2012-10-17',
      Statement: {
        Sid: 'One',
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::b/*',
        Condition: {
          NumericLessThan: { 's3:max-keys': 10 },
          Bool: { 'aws:SecureTransport': true },
        },
      },
    });
    expect(doc).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'One',
          Effect: 'Allow',
          Action: ['s3:GetObject'],
          Resource: ['arn:aws:s3:::b/*'],
          Condition: {
            NumericLessThan: { 's3:max-keys': ['10'] },
            Bool: { 'aws:SecureTransport': ['true'] },
          },
        },
      ],
    });
  });

  it('parses JSON text and is idempotent', () => {
    const text = JSON.stringify({
      Statement: [{ Effect: 'Deny', NotAction: ['iam:*'], NotResource: 'x', Principal: '*' }],
    });
    const once = parsePolicy(text);
    expect(parsePolicy(once)).toEqual(once);
    expect(once.Version).toBeUndefined();
    expect(once.Statement[0].Principal).toBe('*');
  });

  it('normalizes principal maps', () => {
    const doc = parsePolicy({
      Statement: [
        {
          Effect: 'Allow',
          Action: '*',
          Principal: { AWS: '111122223333', Service: ['ec2.amazonaws.com'] },
          NotPrincipal: { CanonicalUser: 'abc' },
        },
      ],
    });
    expect(doc.Statement[0].Principal).toEqual({
      AWS: ['111122223333'],
      Service: ['ec2.amazonaws.com'],
    });
    expect(doc.Statement[0].NotPrincipal).toEqual({ CanonicalUser: ['abc'] });
  });

  it.each([
    ['not JSON', '{', ''],
    ['an array', [], ''],
    ['no Statement', { Version: '2012-10-17' }, '/Statement'],
    ['a bad Effect', { Statement: [{ Effect: 'Maybe' }] }, '/Statement/0/Effect'],
    [
      'a non-string action',
      { Statement: [{ Effect: 'Allow', Action: ['a', 3] }] },
      '/Statement/0/Action/1',
    ],
    [
      'a bad principal type',
      { Statement: [{ Effect: 'Allow', Principal: { Nope: 'x' } }] },
      '/Statement/0/Principal/Nope',
    ],
    [
      'an object condition value',
      { Statement: [{ Effect: 'Allow', Condition: { StringEquals: { 'a/b': [{}] } } }] },
      '/Statement/0/Condition/StringEquals/a~1b/0',
    ],
  ])('throws PolicyParseError with a JSON pointer on %s', (_what, input, path) => {
    let error: unknown;
    try {
      parsePolicy(input);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PolicyParseError);
    expect((error as PolicyParseError).path).toBe(path);
  });
});
