// What test/setup/global-setup.ts started, for global-teardown.ts (both run in jest's main process),
// and how to stop exactly that.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

export interface StoppableContainer {
  stop(): Promise<unknown>;
}

export interface SetupState {
  /** Containers started by the setup (testcontainers). */
  containers: StoppableContainer[];
  /** Services started by `scripts/services.sh start` on behalf of the setup. */
  services: string[];
}

const KEY = Symbol.for('portcullis.integration.setup-state');
const ROOT = resolve(__dirname, '..', '..');

export function setupState(): SetupState {
  const g = globalThis as unknown as Record<symbol, SetupState | undefined>;
  g[KEY] ??= { containers: [], services: [] };
  return g[KEY];
}

/** Stops the containers and local services that the setup started, and forgets them. */
export async function stopWhatSetupStarted(): Promise<void> {
  const state = setupState();
  const containers = state.containers.splice(0);
  await Promise.allSettled(containers.map((c) => c.stop()));

  const services = state.services.splice(0);
  if (services.length === 0) return;
  if (process.env.PORTCULLIS_KEEP_SERVICES === '1') {
    process.stdout.write(
      `[integration] leaving ${services.join(', ')} running (PORTCULLIS_KEEP_SERVICES=1)\n`,
    );
    return;
  }
  const run = spawnSync('bash', [join(ROOT, 'scripts', 'services.sh'), 'stop', ...services], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 2 * 60 * 1000,
  });
  if (run.status !== 0) {
    process.stderr.write(
      `[integration] services.sh stop ${services.join(' ')} failed:\n${run.stdout}${run.stderr}\n`,
    );
  }
}
