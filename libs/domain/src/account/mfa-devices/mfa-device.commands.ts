import { IamEventType, type IamTag } from '@portcullis/contracts';
import type { AccountState, UserState, VirtualMfaDeviceState } from '../account.state';
import { mfaDeviceArn } from '../arns';
import type { CommandContext } from '../shared/command-context';
import { requireUser } from '../shared/lookups';
import { checkTags, tagsAfterTagging } from '../tags';
import { userRef } from '../users/user.commands';
import { NAME_LIMITS, RequestValidation } from '../validation';
import {
  invalidAuthenticationCode,
  mfaDeviceExists,
  mfaDeviceInUse,
  mfaDeviceNotEnabledForUser,
  mfaDeviceQuotaExceeded,
  mfaDeviceStillEnabled,
  noSuchVirtualMfaDevice,
} from './mfa-device.errors';

/**
 * Virtual MFA devices (TOTP). The seed is generated and sealed by the application layer; checking
 * codes needs it in clear, so the application layer passes a `verifyCodes` function that opens
 * the sealed seed and checks the codes (the way `random` is passed to CreateUser): the domain
 * decides when codes are checked and what a failure means, and stays free of crypto.
 */

/** What a code check answers: the TOTP step of the (last) code accepted, or a refusal. */
export type TotpCheck = { readonly ok: true; readonly step: number } | { readonly ok: false };

/** A device as a code check needs it. */
export interface MfaDeviceToVerify {
  readonly serialNumber: string;
  readonly sealedSeed: string;
  /** Codes at or before this step were used already: a check must refuse them (replay). */
  readonly lastUsedStep?: number;
}

export type VerifyMfaCodes = (device: MfaDeviceToVerify) => TotpCheck;

export interface CreateVirtualMfaDeviceInput {
  virtualMfaDeviceName: string;
  /** Defaults to `/`. */
  path?: string;
  tags?: IamTag[];
  sealedSeed: string;
  now: Date;
}

export interface EnableMfaDeviceInput {
  userName: string;
  serialNumber: string;
  /** Checks AuthenticationCode1 and 2: two consecutive codes. */
  verifyCodes: VerifyMfaCodes;
  now: Date;
}

export interface ResyncMfaDeviceInput {
  userName: string;
  serialNumber: string;
  verifyCodes: VerifyMfaCodes;
}

export interface DeactivateMfaDeviceInput {
  userName: string;
  serialNumber: string;
}

export interface UseMfaCodeInput {
  userName: string;
  serialNumber: string;
  /** Checks the one code given (TokenCode). */
  verifyCode: VerifyMfaCodes;
  purpose: string;
}

export interface DeleteVirtualMfaDeviceInput {
  serialNumber: string;
}

/** The serial number a CreateVirtualMFADevice of this name and path would give (its ARN). */
export function virtualMfaSerialNumber(accountId: string, name: string, path = '/'): string {
  return mfaDeviceArn(accountId, path, name);
}

/** CreateVirtualMFADevice: unique by serial number (path + name). */
export function createVirtualMfaDevice(
  ctx: CommandContext,
  input: CreateVirtualMfaDeviceInput,
): void {
  const path = input.path ?? '/';
  const v = new RequestValidation();
  v.name('virtualMFADeviceName', input.virtualMfaDeviceName, NAME_LIMITS.mfaDevice);
  v.path('path', path).throwIfAny();
  const tags = input.tags ?? [];
  checkTags(tags, ctx.limits.tagsPerEntity);
  const serialNumber = virtualMfaSerialNumber(
    ctx.state.accountId,
    input.virtualMfaDeviceName,
    path,
  );
  if (ctx.state.virtualMfaDevices.has(serialNumber)) throw mfaDeviceExists();
  ctx.raise(IamEventType.VirtualMfaDeviceCreated, {
    serialNumber,
    virtualMfaDeviceName: input.virtualMfaDeviceName,
    path,
    sealedSeed: input.sealedSeed,
    createDate: input.now.toISOString(),
    tags: tagsAfterTagging(new Map(), tags, ctx.limits.tagsPerEntity),
  });
}

/**
 * EnableMFADevice: an unassigned virtual device, for a user under its MFA quota, with two
 * consecutive valid codes (checked last: a code is only worth checking for a device that can be
 * enabled).
 */
export function enableMfaDevice(ctx: CommandContext, input: EnableMfaDeviceInput): void {
  const { user, device } = userAndDevice(ctx.state, input);
  if (device.userKey !== undefined) throw mfaDeviceInUse();
  if (user.mfaDevices.size >= ctx.limits.mfaDevicesPerUser) {
    throw mfaDeviceQuotaExceeded(ctx.limits.mfaDevicesPerUser);
  }
  const step = acceptedStep(device, input.verifyCodes);
  ctx.raise(IamEventType.MfaDeviceEnabled, {
    ...userRef(user),
    serialNumber: device.serialNumber,
    enableDate: input.now.toISOString(),
    lastUsedStep: step,
  });
}

/** ResyncMFADevice: a device enabled for the user, with two consecutive valid codes. */
export function resyncMfaDevice(ctx: CommandContext, input: ResyncMfaDeviceInput): void {
  const { user, device } = enabledForUser(ctx.state, input);
  const step = acceptedStep(device, input.verifyCodes);
  ctx.raise(IamEventType.MfaDeviceResynced, {
    ...userRef(user),
    serialNumber: device.serialNumber,
    lastUsedStep: step,
  });
}

/**
 * A user proves MFA (GetSessionToken, AssumeRole, sign-in): the device must be enabled for the
 * user and the code valid and unused; its step is then spent.
 */
export function useMfaCode(ctx: CommandContext, input: UseMfaCodeInput): void {
  const { user, device } = enabledForUser(ctx.state, input);
  const step = acceptedStep(device, input.verifyCode);
  ctx.raise(IamEventType.MfaCodeUsed, {
    ...userRef(user),
    serialNumber: device.serialNumber,
    step,
    purpose: input.purpose,
  });
}

/** The audit record of a console sign-in lockout (the edge counts the failures). */
export function recordSignInLockout(
  ctx: CommandContext,
  input: { userName: string; failures: number; until: Date; sourceIp?: string },
): void {
  const user = requireUser(ctx.state, input.userName);
  ctx.raise(IamEventType.SignInLockedOut, {
    ...userRef(user),
    failures: input.failures,
    until: input.until.toISOString(),
    ...(input.sourceIp !== undefined ? { sourceIp: input.sourceIp } : {}),
  });
}

/** DeactivateMFADevice: the device goes back to unassigned (it keeps its seed). */
export function deactivateMfaDevice(ctx: CommandContext, input: DeactivateMfaDeviceInput): void {
  const { user, device } = enabledForUser(ctx.state, input);
  ctx.raise(IamEventType.MfaDeviceDeactivated, {
    ...userRef(user),
    serialNumber: device.serialNumber,
  });
}

/** DeleteVirtualMFADevice: only an unassigned device (DeleteConflict while enabled). */
export function deleteVirtualMfaDevice(
  ctx: CommandContext,
  input: DeleteVirtualMfaDeviceInput,
): void {
  new RequestValidation().serialNumber('serialNumber', input.serialNumber).throwIfAny();
  const device = ctx.state.virtualMfaDevices.get(input.serialNumber);
  if (!device) throw noSuchVirtualMfaDevice(input.serialNumber);
  if (device.userKey !== undefined) throw mfaDeviceStillEnabled();
  ctx.raise(IamEventType.VirtualMfaDeviceDeleted, { serialNumber: device.serialNumber });
}

function acceptedStep(device: VirtualMfaDeviceState, verifyCodes: VerifyMfaCodes): number {
  const check = verifyCodes({
    serialNumber: device.serialNumber,
    sealedSeed: device.sealedSeed,
    ...(device.lastUsedStep !== undefined && { lastUsedStep: device.lastUsedStep }),
  });
  if (!check.ok) throw invalidAuthenticationCode();
  if (device.lastUsedStep !== undefined && check.step <= device.lastUsedStep) {
    // A check that ignored lastUsedStep: refuse the replay here too.
    throw invalidAuthenticationCode();
  }
  return check.step;
}

function userAndDevice(
  state: AccountState,
  input: { userName: string; serialNumber: string },
): { user: UserState; device: VirtualMfaDeviceState } {
  const v = new RequestValidation().name('userName', input.userName, NAME_LIMITS.user);
  v.serialNumber('serialNumber', input.serialNumber).throwIfAny();
  const user = requireUser(state, input.userName);
  const device = state.virtualMfaDevices.get(input.serialNumber);
  if (!device) throw noSuchVirtualMfaDevice(input.serialNumber);
  return { user, device };
}

function enabledForUser(
  state: AccountState,
  input: { userName: string; serialNumber: string },
): { user: UserState; device: VirtualMfaDeviceState } {
  const v = new RequestValidation().name('userName', input.userName, NAME_LIMITS.user);
  v.serialNumber('serialNumber', input.serialNumber).throwIfAny();
  const user = requireUser(state, input.userName);
  const device = state.virtualMfaDevices.get(input.serialNumber);
  if (!device || device.userKey !== user.key) {
    throw mfaDeviceNotEnabledForUser(input.serialNumber, user.name);
  }
  return { user, device };
}
