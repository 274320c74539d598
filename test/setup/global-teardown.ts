// Jest global teardown of the integration project: stops only what global-setup.ts started
// (containers, local services); PORTCULLIS_KEEP_SERVICES=1 leaves the local services running.
import { stopWhatSetupStarted } from './state';

export default async function globalTeardown(): Promise<void> {
  await stopWhatSetupStarted();
}
