import { contextFromEntries } from './context-entries';
import { checkContext, principalContext } from './request-context';
import {
  policySourceRef,
  principalRef,
  validateAction,
  validateResource,
} from './request-validation';
import { user } from '../testing/fake-read-model-store';

describe('request validation', () => {
  it('parses users, roles, role sessions and roots; a session is looked up as its role', () => {
    expect(principalRef('arn:aws:iam::123456789012:user/eng/alice')).toMatchObject({
      kind: 'user',
      lookupArn: 'arn:aws:iam::123456789012:user/eng/alice',
      account: '123456789012',
      name: 'alice',
    });
    expect(principalRef('arn:aws:sts::123456789012:assumed-role/Deployer/build-42')).toMatchObject({
      kind: 'session',
      lookupArn: 'arn:aws:iam::123456789012:role/Deployer',
      sessionName: 'build-42',
    });
    expect(principalRef('arn:aws:iam::123456789012:root')).toMatchObject({ kind: 'root' });
  });

  it.each([
    ['', 'principal_arn is required'],
    ['alice', 'is not a principal ARN'],
    ['123456789012', 'is an account id'],
    ['arn:aws:iam::123456789012:group/dev', 'is a group'],
    ['arn:aws:iam::12345:user/alice', 'is not a principal ARN'],
    ['arn:aws:sts::123456789012:federated-user/bob', 'is not a principal ARN'],
  ])('refuses principal %j with INVALID_ARGUMENT (%s)', (arn, why) => {
    expect(() => principalRef(arn)).toThrow(
      expect.objectContaining({ code: 3, message: expect.stringContaining(why) }),
    );
  });

  it('takes groups as a simulation source, not roots', () => {
    expect(policySourceRef('arn:aws:iam::123456789012:group/dev').kind).toBe('group');
    expect(() => policySourceRef('arn:aws:iam::123456789012:root')).toThrow(/account root/);
  });

  it('checks actions and resources', () => {
    expect(validateAction('IAM:listaccesskeys')).toBe('IAM:listaccesskeys');
    for (const bad of ['', 's3', 's3:*', 's3:Get*', 's3:Get Object', ':GetObject']) {
      expect(() => validateAction(bad)).toThrow(expect.objectContaining({ code: 3 }));
    }
    expect(validateResource('*')).toBe('*');
    expect(validateResource('arn:aws:s3:::bucket/key with spaces')).toBeTruthy();
    for (const bad of ['', 'bucket', 'arn:aws:s3', 'arn:aws:s3:::']) {
      expect(() => validateResource(bad)).toThrow(expect.objectContaining({ code: 3 }));
    }
  });
});

describe('request context', () => {
  const alice = user('alice', { tags: [{ Key: 'team', Value: 'blue' }] });
  const derived = principalContext(principalRef(alice._id), alice);

  it('sets the principal keys from the principal; a caller cannot supply them', () => {
    const context = checkContext(
      {
        'aws:SourceIp': { string_value: '10.0.0.1', kind: 'string_value' },
        'AWS:USERNAME': { string_value: 'mallory', kind: 'string_value' },
        'aws:PrincipalTag/team': { string_value: 'red', kind: 'string_value' },
        'aws:PrincipalTag/admin': { string_value: 'true', kind: 'string_value' },
        'aws:TagKeys': { list_value: { values: ['a', 'b'] }, kind: 'list_value' },
      },
      derived,
    );
    expect(context).toEqual({
      'aws:SourceIp': '10.0.0.1',
      'aws:TagKeys': ['a', 'b'],
      'aws:username': 'alice',
      'aws:userid': alice.principalId,
      'aws:PrincipalType': 'User',
      'aws:PrincipalArn': alice._id,
      'aws:PrincipalAccount': '123456789012',
      'aws:PrincipalTag/team': 'blue',
    });
    expect(checkContext(undefined, derived)).toBe(derived);
  });

  it('gives the root its account as user id and type Account', () => {
    expect(principalContext(principalRef('arn:aws:iam::123456789012:root'), null)).toEqual({
      'aws:userid': '123456789012',
      'aws:PrincipalArn': 'arn:aws:iam::123456789012:root',
      'aws:PrincipalAccount': '123456789012',
      'aws:PrincipalType': 'Account',
    });
  });
});

describe('context entries (AWS ContextEntry)', () => {
  it('takes AWS’s type names: booleans become booleans, lists lists, the rest stays text', () => {
    expect(
      contextFromEntries([
        {
          context_key_name: 'aws:SourceIp',
          context_key_values: ['203.0.113.7'],
          context_key_type: 'ip',
        },
        {
          context_key_name: 'aws:MultiFactorAuthPresent',
          context_key_values: ['TRUE'],
          context_key_type: 'boolean',
        },
        {
          context_key_name: 'aws:MultiFactorAuthAge',
          context_key_values: ['300'],
          context_key_type: 'numeric',
        },
        {
          context_key_name: 'aws:TagKeys',
          context_key_values: ['a', 'b'],
          context_key_type: 'stringList',
        },
        {
          context_key_name: 'aws:CurrentTime',
          context_key_values: ['2026-01-01T00:00:00Z'],
          context_key_type: 'date',
        },
        { context_key_name: 's3:prefix', context_key_values: ['home/'] },
      ]),
    ).toEqual({
      'aws:SourceIp': '203.0.113.7',
      'aws:MultiFactorAuthPresent': true,
      'aws:MultiFactorAuthAge': '300',
      'aws:TagKeys': ['a', 'b'],
      'aws:CurrentTime': '2026-01-01T00:00:00Z',
      's3:prefix': 'home/',
    });
  });

  it.each([
    [
      { context_key_name: 'aws:SourceIp', context_key_values: ['nope'], context_key_type: 'ip' },
      'IPv4 or IPv6',
    ],
    [
      { context_key_name: 'aws:X', context_key_values: ['1', '2'], context_key_type: 'numeric' },
      'exactly one value',
    ],
    [
      { context_key_name: 'aws:X', context_key_values: ['abc'], context_key_type: 'numeric' },
      'not a number',
    ],
    [
      { context_key_name: 'aws:X', context_key_values: ['yes'], context_key_type: 'boolean' },
      'true or false',
    ],
    [
      { context_key_name: 'aws:X', context_key_values: ['x'], context_key_type: 'text' },
      'is not one of',
    ],
    [
      { context_key_name: 'aws:X', context_key_values: ['not a date'], context_key_type: 'date' },
      'not a date',
    ],
    [
      { context_key_name: 'aws:X', context_key_values: ['***'], context_key_type: 'binary' },
      'not base64',
    ],
    [{ context_key_name: 'nocolon', context_key_values: ['x'] }, 'not a condition key'],
  ])('refuses %j with INVALID_ARGUMENT', (entry, why) => {
    expect(() => contextFromEntries([entry])).toThrow(
      expect.objectContaining({ code: 3, message: expect.stringContaining(why) }),
    );
  });
});
