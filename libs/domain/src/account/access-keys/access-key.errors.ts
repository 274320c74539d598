import { IamError, limitExceeded } from '../account.errors';

/** `The Access Key with id AKIA… cannot be found.` (also for a key of another user). */
export const noSuchAccessKey = (accessKeyId: string): IamError =>
  new IamError('NoSuchEntity', `The Access Key with id ${accessKeyId} cannot be found.`);

/** `Cannot exceed quota for AccessKeysPerUser: 2` */
export const accessKeyQuotaExceeded = (quota: number): IamError =>
  limitExceeded(`Cannot exceed quota for AccessKeysPerUser: ${quota}`);
