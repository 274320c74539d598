import { IamError } from '../account.errors';

/** `Login Profile for user alice already exists.` */
export const loginProfileExists = (userName: string): IamError =>
  new IamError('EntityAlreadyExists', `Login Profile for user ${userName} already exists.`);

/** `Login Profile for User alice cannot be found.` */
export const noSuchLoginProfile = (userName: string): IamError =>
  new IamError('NoSuchEntity', `Login Profile for User ${userName} cannot be found.`);
