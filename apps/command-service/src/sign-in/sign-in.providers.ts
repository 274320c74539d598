import type { Provider } from '@nestjs/common';
import { SignInLimiter } from '@portcullis/credentials';
import { ConsoleSignIn } from './console-sign-in';
import { signInLimitsFromEnv } from './sign-in-limits';

/** The sign-in edge: its limiter (one per process, settings from IAM_SIGN_IN_*) and service. */
export const SIGN_IN_PROVIDERS: Provider[] = [
  {
    provide: SignInLimiter,
    useFactory: () => new SignInLimiter(() => Date.now(), signInLimitsFromEnv(process.env)),
  },
  ConsoleSignIn,
];
