import { IamEventType, type PasswordPolicyPayload } from '@portcullis/contracts';
import { Scenario } from '../testing/account.fixture';

const POLICY: PasswordPolicyPayload = {
  minimumPasswordLength: 12,
  requireSymbols: true,
  requireNumbers: true,
  requireUppercaseCharacters: true,
  requireLowercaseCharacters: true,
  allowUsersToChangePassword: true,
  maxPasswordAge: 90,
  passwordReusePrevention: 3,
  hardExpiry: false,
};

describe('UpdateAccountPasswordPolicy / DeleteAccountPasswordPolicy', () => {
  it('raises the whole policy; the same policy again raises nothing; Get answers it', () => {
    const s = Scenario.given();
    expect(s.account.getPasswordPolicy()).toBeUndefined();
    expect(s.when((a) => a.updateAccountPasswordPolicy({ policy: POLICY }))).toEqual([
      { type: IamEventType.AccountPasswordPolicyUpdated, sequence: 1, payload: { policy: POLICY } },
    ]);
    expect(s.when((a) => a.updateAccountPasswordPolicy({ policy: { ...POLICY } }))).toEqual([]);
    expect(s.account.getPasswordPolicy()).toEqual(POLICY);
  });

  it('a replacement drops what it leaves out (AWS replaces the policy, it does not patch it)', () => {
    const s = Scenario.given((a) => a.updateAccountPasswordPolicy({ policy: POLICY }));
    const { maxPasswordAge: _a, passwordReusePrevention: _r, ...rest } = POLICY;
    s.when((a) => a.updateAccountPasswordPolicy({ policy: rest }));
    expect(s.account.getPasswordPolicy()).toEqual(rest);
  });

  it.each([
    [
      { minimumPasswordLength: 5 },
      "Value '5' at 'minimumPasswordLength' failed to satisfy constraint: Member must have value greater than or equal to 6",
    ],
    [
      { maxPasswordAge: 1096 },
      "Value '1096' at 'maxPasswordAge' failed to satisfy constraint: Member must have value less than or equal to 1095",
    ],
    [
      { passwordReusePrevention: 25 },
      "Value '25' at 'passwordReusePrevention' failed to satisfy constraint: Member must have value less than or equal to 24",
    ],
  ])('out of AWS’s ranges %j: ValidationError', (change, message) => {
    const s = Scenario.given();
    s.rejects(
      (a) => a.updateAccountPasswordPolicy({ policy: { ...POLICY, ...change } }),
      'ValidationError',
      `1 validation error detected: ${message}`,
    );
  });

  it('Delete: back to none; without one, NoSuchEntity with AWS’s message', () => {
    const s = Scenario.given((a) => a.updateAccountPasswordPolicy({ policy: POLICY }));
    expect(s.when((a) => a.deleteAccountPasswordPolicy())).toMatchObject([
      { type: IamEventType.AccountPasswordPolicyDeleted, payload: {} },
    ]);
    expect(s.account.getPasswordPolicy()).toBeUndefined();
    s.rejects(
      (a) => a.deleteAccountPasswordPolicy(),
      'NoSuchEntity',
      'The Password Policy with domain name 123456789012 cannot be found.',
    );
  });
});
