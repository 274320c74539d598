import { PasswordHasher } from './password-hasher';
import {
  checkPassword,
  checkPasswordComposition,
  DEFAULT_CUSTOM_PASSWORD_POLICY,
  passwordExpiry,
  passwordPolicyViolationMessage,
  type PasswordPolicy,
  toAwsPasswordPolicy,
  validatePasswordPolicy,
} from './password-policy';

const strict: PasswordPolicy = {
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

const reasons = (violations: { reason: string }[]) => violations.map((v) => v.reason);

describe('validatePasswordPolicy', () => {
  it('applies AWS defaults to absent parameters', () => {
    expect(validatePasswordPolicy({})).toEqual({
      ok: true,
      policy: DEFAULT_CUSTOM_PASSWORD_POLICY,
    });
    expect(DEFAULT_CUSTOM_PASSWORD_POLICY.minimumPasswordLength).toBe(6);
  });

  it('accepts the full AWS parameter set at the range limits', () => {
    const result = validatePasswordPolicy({
      MinimumPasswordLength: 128,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      MaxPasswordAge: 1095,
      PasswordReusePrevention: 24,
      HardExpiry: true,
    });
    expect(result.ok && result.policy).toEqual({
      minimumPasswordLength: 128,
      requireSymbols: true,
      requireNumbers: true,
      requireUppercaseCharacters: true,
      requireLowercaseCharacters: true,
      allowUsersToChangePassword: true,
      maxPasswordAge: 1095,
      passwordReusePrevention: 24,
      hardExpiry: true,
    });
    const low = validatePasswordPolicy({
      MinimumPasswordLength: 6,
      MaxPasswordAge: 1,
      PasswordReusePrevention: 1,
    });
    expect(low.ok).toBe(true);
  });

  it.each([
    [
      { MinimumPasswordLength: 5 },
      'minimumPasswordLength',
      'must have value greater than or equal to 6',
    ],
    [
      { MinimumPasswordLength: 129 },
      'minimumPasswordLength',
      'must have value less than or equal to 128',
    ],
    [{ MaxPasswordAge: 0 }, 'maxPasswordAge', 'must have value greater than or equal to 1'],
    [{ MaxPasswordAge: 1096 }, 'maxPasswordAge', 'must have value less than or equal to 1095'],
    [
      { PasswordReusePrevention: 0 },
      'passwordReusePrevention',
      'must have value greater than or equal to 1',
    ],
    [
      { PasswordReusePrevention: 25 },
      'passwordReusePrevention',
      'must have value less than or equal to 24',
    ],
    [{ MinimumPasswordLength: 8.5 }, 'minimumPasswordLength', 'must be an integer'],
    [{ MaxPasswordAge: '90' }, 'maxPasswordAge', 'must be an integer'],
    [{ HardExpiry: 'yes' }, 'hardExpiry', 'must be a boolean'],
  ])('rejects %j naming the field', (request, field, constraint) => {
    const result = validatePasswordPolicy(request);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].field).toBe(field);
    expect(result.message).toMatch(
      new RegExp(
        `^1 validation error detected: Value '.*' at '${field}' failed to satisfy constraint: Member ${constraint}$`,
      ),
    );
  });

  it('reports every invalid field at once, as AWS does', () => {
    const result = validatePasswordPolicy({
      MinimumPasswordLength: 3,
      PasswordReusePrevention: 30,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual([
      'minimumPasswordLength',
      'passwordReusePrevention',
    ]);
    expect(result.message).toMatch(
      /^2 validation errors detected: Value '3' at 'minimumPasswordLength'.*; Value '30' at 'passwordReusePrevention'/,
    );
  });
});

describe('toAwsPasswordPolicy', () => {
  it('has GetAccountPasswordPolicy’s shape, with ExpirePasswords derived from MaxPasswordAge', () => {
    expect(toAwsPasswordPolicy(strict)).toEqual({
      MinimumPasswordLength: 12,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      ExpirePasswords: true,
      MaxPasswordAge: 90,
      PasswordReusePrevention: 3,
      HardExpiry: false,
    });
    const plain = toAwsPasswordPolicy(DEFAULT_CUSTOM_PASSWORD_POLICY);
    expect(plain.ExpirePasswords).toBe(false);
    expect(plain).not.toHaveProperty('MaxPasswordAge');
    expect(plain).not.toHaveProperty('PasswordReusePrevention');
  });
});

describe('checkPasswordComposition with a custom policy', () => {
  it('accepts a password meeting every requirement', () => {
    expect(checkPasswordComposition(strict, 'Correct-Horse-9')).toEqual([]);
  });

  it('names each missing requirement with an AWS-style sentence', () => {
    const violations = checkPasswordComposition(strict, 'short');
    expect(reasons(violations)).toEqual([
      'MinimumLength',
      'RequireUppercaseCharacters',
      'RequireNumbers',
      'RequireSymbols',
    ]);
    expect(violations.map((v) => v.message)).toEqual([
      'Password should have a minimum length of 12',
      'Password should have at least one uppercase letter',
      'Password should have at least one number',
      'Password should have at least one symbol',
    ]);
    expect(reasons(checkPasswordComposition(strict, 'ALLUPPERCASE-9'))).toEqual([
      'RequireLowercaseCharacters',
    ]);
  });

  it('counts only AWS’s symbol list as symbols', () => {
    const symbolsOnly = { ...DEFAULT_CUSTOM_PASSWORD_POLICY, requireSymbols: true };
    for (const symbol of "!@#$%^&*()_+-=[]{}|'") {
      expect(checkPasswordComposition(symbolsOnly, `abcdef${symbol}`)).toEqual([]);
    }
    for (const notListed of ['~', '`', '.', ',', ' ', '"', '\\', '/', '?', '<']) {
      expect(reasons(checkPasswordComposition(symbolsOnly, `abcdef${notListed}`))).toEqual([
        'RequireSymbols',
      ]);
    }
  });

  it('enforces the 128-character maximum and AWS’s character set', () => {
    expect(
      reasons(checkPasswordComposition(DEFAULT_CUSTOM_PASSWORD_POLICY, 'a'.repeat(129))),
    ).toEqual(['MaximumLength']);
    expect(checkPasswordComposition(DEFAULT_CUSTOM_PASSWORD_POLICY, 'a'.repeat(128))).toEqual([]);
    expect(checkPasswordComposition(DEFAULT_CUSTOM_PASSWORD_POLICY, 'Ünïcødé ok')).toEqual([]); // Latin-1
    expect(reasons(checkPasswordComposition(DEFAULT_CUSTOM_PASSWORD_POLICY, 'emoji 🙂🙂'))).toEqual(
      ['InvalidCharacters'],
    );
    expect(
      reasons(checkPasswordComposition(DEFAULT_CUSTOM_PASSWORD_POLICY, 'nul\u0000byte')),
    ).toEqual(['InvalidCharacters']);
  });

  it('never repeats the password in a message', () => {
    const password = 'hunter2';
    const violations = checkPasswordComposition(strict, password);
    expect(passwordPolicyViolationMessage(violations)).not.toContain(password);
  });
});

describe('checkPasswordComposition with no custom policy (AWS default)', () => {
  it('wants 8 characters and three of the four character types', () => {
    expect(checkPasswordComposition(null, 'abcDEF12')).toEqual([]);
    expect(checkPasswordComposition(null, 'abcdef1!')).toEqual([]);
    expect(reasons(checkPasswordComposition(null, 'abcDE12'))).toEqual(['MinimumLength']);
    expect(reasons(checkPasswordComposition(null, 'abcdefgh12'))).toEqual(['CharacterTypes']);
  });

  it('refuses the account name or email address, case-insensitively', () => {
    const context = { accountName: 'Acme-Prod-1', accountEmail: 'Ops@Example.com' };
    expect(reasons(checkPasswordComposition(null, 'acme-prod-1', context))).toEqual([
      'SameAsAccountIdentity',
    ]);
    expect(reasons(checkPasswordComposition(null, 'ops@example.COM', context))).toEqual([
      'SameAsAccountIdentity',
    ]);
    expect(checkPasswordComposition(null, 'Acme-Prod-2', context)).toEqual([]);
  });
});

describe('checkPassword (reuse prevention)', () => {
  const hasher = new PasswordHasher({ ln: 10, r: 8, p: 1 });
  const verify = (password: string, hash: string) => hasher.verify(password, hash);

  it('refuses any of the last N passwords and allows older ones', async () => {
    // newest first: the current password, then two before it, then one outside the window of 3
    const history = await Promise.all(
      ['Current-Pass-1', 'Previous-Pass-2', 'Previous-Pass-3', 'Ancient-Pass-4'].map((p) =>
        hasher.hash(p),
      ),
    );
    for (const reused of ['Current-Pass-1', 'Previous-Pass-2', 'Previous-Pass-3']) {
      const violations = await checkPassword(strict, reused, { previousHashes: history, verify });
      expect(reasons(violations)).toEqual(['PasswordReused']);
      expect(violations[0].message).toBe('Password should not be one of your 3 previous passwords');
    }
    await expect(
      checkPassword(strict, 'Ancient-Pass-4', { previousHashes: history, verify }),
    ).resolves.toEqual([]);
    await expect(
      checkPassword(strict, 'Brand-New-Pass-5', { previousHashes: history, verify }),
    ).resolves.toEqual([]);
  });

  it('does not look at history when the policy allows reuse or the composition already fails', async () => {
    const history = [await hasher.hash('Current-Pass-1')];
    const noReuseRule = { ...strict, passwordReusePrevention: undefined };
    await expect(
      checkPassword(noReuseRule, 'Current-Pass-1', { previousHashes: history }),
    ).resolves.toEqual([]);
    const failing = await checkPassword(strict, 'bad', { previousHashes: history });
    expect(reasons(failing)).not.toContain('PasswordReused');
  });

  it('insists on a verifier when there is history to check', async () => {
    const history = [await hasher.hash('Current-Pass-1')];
    await expect(
      checkPassword(strict, 'Current-Pass-1', { previousHashes: history }),
    ).rejects.toThrow(TypeError);
  });
});

describe('passwordExpiry', () => {
  const changed = new Date('2026-01-01T00:00:00Z');

  it('never expires without MaxPasswordAge', () => {
    expect(passwordExpiry(DEFAULT_CUSTOM_PASSWORD_POLICY, changed, new Date('2030-01-01'))).toEqual(
      {
        expired: false,
        afterExpiry: 'change-at-sign-in',
      },
    );
    expect(passwordExpiry(null, changed, new Date('2030-01-01')).expired).toBe(false);
  });

  it('expires MaxPasswordAge days after the last change, exactly', () => {
    const expiresAt = new Date('2026-04-01T00:00:00Z'); // 90 days
    expect(passwordExpiry(strict, changed, new Date(expiresAt.getTime() - 1))).toEqual({
      expiresAt,
      expired: false,
      afterExpiry: 'change-at-sign-in',
    });
    expect(passwordExpiry(strict, changed, expiresAt).expired).toBe(true);
  });

  it('with HardExpiry, an expired password needs an administrator', () => {
    const hard = { ...strict, hardExpiry: true };
    expect(passwordExpiry(hard, changed, new Date('2027-01-01')).afterExpiry).toBe(
      'administrator-reset',
    );
  });
});
