import { IamEventType } from '@portcullis/contracts';
import { accountLimits } from '../account.limits';
import { ACCOUNT_ID, now, random, Scenario, userArn } from '../testing/account.fixture';
import type { MfaDeviceToVerify, TotpCheck, VerifyMfaCodes } from './mfa-device.commands';

const SEALED = 'v1.k1.AAAAAAAAAAAAAAAA.sealed-seed-opaque-to-the-domain';
const serial = (name: string, path = '/') => `arn:aws:iam::${ACCOUNT_ID}:mfa${path}${name}`;
const PHONE = serial('phone');

/** A code check that accepts step `step` unless it was used already (as the real one does). */
const codesAt =
  (step: number): VerifyMfaCodes =>
  (device: MfaDeviceToVerify): TotpCheck =>
    device.lastUsedStep !== undefined && step <= device.lastUsedStep
      ? { ok: false }
      : { ok: true, step };
const wrongCodes: VerifyMfaCodes = () => ({ ok: false });

const given = () =>
  Scenario.given((a) => {
    a.createUser({ userName: 'alice', now, random });
    a.createUser({ userName: 'bob', now, random });
    a.createVirtualMfaDevice({ virtualMfaDeviceName: 'phone', sealedSeed: SEALED, now });
  });
const enable = (userName: string, verifyCodes: VerifyMfaCodes, serialNumber = PHONE) => ({
  userName,
  serialNumber,
  verifyCodes,
  now,
});

describe('CreateVirtualMFADevice', () => {
  it('raises virtual-mfa-device-created: serial number = its ARN, the sealed seed, tags', () => {
    const s = Scenario.given();
    const [created] = s.when((a) =>
      a.createVirtualMfaDevice({
        virtualMfaDeviceName: 'phone',
        path: '/eng/',
        tags: [{ Key: 'owner', Value: 'alice' }],
        sealedSeed: SEALED,
        now,
      }),
    );
    expect(created).toEqual({
      type: IamEventType.VirtualMfaDeviceCreated,
      sequence: 1,
      payload: {
        serialNumber: serial('phone', '/eng/'),
        virtualMfaDeviceName: 'phone',
        path: '/eng/',
        sealedSeed: SEALED,
        createDate: now.toISOString(),
        tags: [{ Key: 'owner', Value: 'alice' }],
      },
    });
    expect(s.account.listVirtualMfaDevices()).toEqual([
      {
        serialNumber: serial('phone', '/eng/'),
        createDate: now.toISOString(),
        tags: [{ Key: 'owner', Value: 'alice' }],
      },
    ]);
  });

  it('the same path and name again: EntityAlreadyExists with AWS’s message; another path is another device', () => {
    const s = given();
    s.rejects(
      (a) => a.createVirtualMfaDevice({ virtualMfaDeviceName: 'phone', sealedSeed: SEALED, now }),
      'EntityAlreadyExists',
      'MFADevice entity at the same path and name already exists.',
    );
    s.when((a) =>
      a.createVirtualMfaDevice({
        virtualMfaDeviceName: 'phone',
        path: '/x/',
        sealedSeed: SEALED,
        now,
      }),
    );
  });

  it('a malformed name or path: ValidationError', () => {
    const s = Scenario.given();
    s.rejects(
      (a) =>
        a.createVirtualMfaDevice({ virtualMfaDeviceName: 'my phone', sealedSeed: SEALED, now }),
      'ValidationError',
      /virtualMFADeviceName/,
    );
    s.rejects(
      (a) =>
        a.createVirtualMfaDevice({
          virtualMfaDeviceName: 'p',
          path: 'eng',
          sealedSeed: SEALED,
          now,
        }),
      'ValidationError',
      /path/,
    );
  });
});

describe('EnableMFADevice', () => {
  it('with valid codes: mfa-device-enabled records the step of the second code', () => {
    const s = given();
    const [enabled] = s.when((a) => a.enableMfaDevice(enable('alice', codesAt(1000))));
    expect(enabled).toEqual({
      type: IamEventType.MfaDeviceEnabled,
      sequence: 4,
      payload: {
        userName: 'alice',
        userId: s.account.getUser('alice')!.userId,
        userArn: userArn('alice'),
        serialNumber: PHONE,
        enableDate: now.toISOString(),
        lastUsedStep: 1000,
      },
    });
    expect(s.account.listMfaDevices('alice')).toEqual([
      { userName: 'alice', serialNumber: PHONE, enableDate: now.toISOString() },
    ]);
    expect(s.account.listVirtualMfaDevices('Assigned')[0].user?.userName).toBe('alice');
    expect(s.account.listVirtualMfaDevices('Unassigned')).toEqual([]);
  });

  it('the code check sees the sealed seed and the last step used, nothing else', () => {
    const s = given();
    const seen: MfaDeviceToVerify[] = [];
    s.when((a) => a.enableMfaDevice(enable('alice', (d) => (seen.push(d), { ok: true, step: 7 }))));
    expect(seen).toEqual([{ serialNumber: PHONE, sealedSeed: SEALED }]);
  });

  it('wrong codes: InvalidAuthenticationCode with AWS’s message, nothing raised', () => {
    const s = given();
    s.rejects(
      (a) => a.enableMfaDevice(enable('alice', wrongCodes)),
      'InvalidAuthenticationCode',
      'Authentication code for device is not valid.',
    );
  });

  it('a device already enabled (for anyone): EntityAlreadyExists, before any code is checked', () => {
    const s = given();
    s.when((a) => a.enableMfaDevice(enable('alice', codesAt(1000))));
    const mustNotCheck: VerifyMfaCodes = () => {
      throw new Error('codes checked for a device that cannot be enabled');
    };
    s.rejects(
      (a) => a.enableMfaDevice(enable('bob', mustNotCheck)),
      'EntityAlreadyExists',
      'MFA Device is already in use.',
    );
    s.rejects((a) => a.enableMfaDevice(enable('alice', mustNotCheck)), 'EntityAlreadyExists');
  });

  it('replayed codes are refused after deactivation, also in an account rebuilt from the log', () => {
    const s = given();
    s.when((a) => a.enableMfaDevice(enable('alice', codesAt(1000))));
    s.when((a) => a.deactivateMfaDevice({ userName: 'alice', serialNumber: PHONE }));
    s.rejects(
      (a) => a.enableMfaDevice(enable('alice', codesAt(1000))),
      'InvalidAuthenticationCode',
    );
    // Even a check that ignores lastUsedStep cannot get an old step past the aggregate.
    s.rejects(
      (a) => a.enableMfaDevice(enable('alice', () => ({ ok: true, step: 999 }))),
      'InvalidAuthenticationCode',
    );
    const replayed = s.replay();
    expect(() => replayed.enableMfaDevice(enable('alice', codesAt(1000)))).toThrow(
      'Authentication code for device is not valid.',
    );
    s.when((a) => a.enableMfaDevice(enable('alice', codesAt(1001))));
  });

  it('unknown user or device: NoSuchEntity; over the per-user quota: LimitExceeded', () => {
    const s = given();
    s.rejects(
      (a) => a.enableMfaDevice(enable('carol', codesAt(1))),
      'NoSuchEntity',
      /user with name carol/,
    );
    s.rejects(
      (a) => a.enableMfaDevice(enable('alice', codesAt(1), serial('tablet'))),
      'NoSuchEntity',
      `VirtualMFADevice with serial number ${serial('tablet')} doesn't exist.`,
    );
    const limited = Scenario.given(
      (a) => {
        a.createUser({ userName: 'alice', now, random });
        a.createVirtualMfaDevice({ virtualMfaDeviceName: 'a', sealedSeed: SEALED, now });
        a.createVirtualMfaDevice({ virtualMfaDeviceName: 'b', sealedSeed: SEALED, now });
      },
      { limits: accountLimits({ mfaDevicesPerUser: 1 }) },
    );
    limited.when((a) => a.enableMfaDevice(enable('alice', codesAt(1), serial('a'))));
    limited.rejects(
      (a) => a.enableMfaDevice(enable('alice', codesAt(2), serial('b'))),
      'LimitExceeded',
      'Cannot exceed quota for MFADevicesPerUser: 1',
    );
  });
});

describe('ResyncMFADevice / DeactivateMFADevice / DeleteVirtualMFADevice', () => {
  it('resync records the new step; only for a device enabled for that user', () => {
    const s = given();
    s.rejects(
      (a) => a.resyncMfaDevice({ userName: 'alice', serialNumber: PHONE, verifyCodes: codesAt(5) }),
      'NoSuchEntity',
      `MFA Device with serial number ${PHONE} is not enabled for user alice.`,
    );
    s.when((a) => a.enableMfaDevice(enable('alice', codesAt(1000))));
    expect(
      s.when((a) =>
        a.resyncMfaDevice({ userName: 'alice', serialNumber: PHONE, verifyCodes: codesAt(1010) }),
      ),
    ).toMatchObject([{ type: IamEventType.MfaDeviceResynced, payload: { lastUsedStep: 1010 } }]);
    s.rejects(
      (a) =>
        a.resyncMfaDevice({ userName: 'alice', serialNumber: PHONE, verifyCodes: codesAt(1010) }),
      'InvalidAuthenticationCode',
    );
    s.rejects(
      (a) =>
        a.resyncMfaDevice({ userName: 'bob', serialNumber: PHONE, verifyCodes: codesAt(1020) }),
      'NoSuchEntity',
    );
  });

  it('deactivate unassigns; delete only an unassigned device', () => {
    const s = given();
    s.when((a) => a.enableMfaDevice(enable('alice', codesAt(1000))));
    s.rejects(
      (a) => a.deactivateMfaDevice({ userName: 'bob', serialNumber: PHONE }),
      'NoSuchEntity',
    );
    s.rejects(
      (a) => a.deleteVirtualMfaDevice({ serialNumber: PHONE }),
      'DeleteConflict',
      'Cannot delete entity, must deactivate the MFA device first.',
    );
    s.when((a) => a.deactivateMfaDevice({ userName: 'alice', serialNumber: PHONE }));
    expect(s.account.listMfaDevices('alice')).toEqual([]);
    expect(s.account.listVirtualMfaDevices('Unassigned')).toHaveLength(1);
    expect(s.when((a) => a.deleteVirtualMfaDevice({ serialNumber: PHONE }))).toMatchObject([
      { type: IamEventType.VirtualMfaDeviceDeleted, payload: { serialNumber: PHONE } },
    ]);
    s.rejects(
      (a) => a.deleteVirtualMfaDevice({ serialNumber: PHONE }),
      'NoSuchEntity',
      `VirtualMFADevice with serial number ${PHONE} doesn't exist.`,
    );
  });
});
