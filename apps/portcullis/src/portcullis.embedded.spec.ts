import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Harness, startPortcullis } from '../../../test/support/portcullis-harness';
import { runRoundTripScenario } from '../../../test/support/round-trip.scenario';

describe('portcullis, embedded defaults (file-backed log, in-memory read models)', () => {
  let dir: string;
  let harness: Harness;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portcullis-'));
    harness = await startPortcullis({ IAM_DATA_DIR: dir, IAM_LOG_LEVEL: 'silent' });
  });
  afterAll(async () => {
    await harness?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  runRoundTripScenario(() => harness);

  it('keeps its state across a restart: the log is replayed before commands are taken', async () => {
    await harness.close();
    harness = await startPortcullis({ IAM_DATA_DIR: dir, IAM_LOG_LEVEL: 'silent' });
    const again = await harness.call('CreateUser', { UserName: 'alice' });
    expect(again.body.Error).toMatchObject({ Code: 'EntityAlreadyExists' });
    const check = await harness.authz.check({
      principal_arn: 'arn:aws:iam::123456789012:user/alice',
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::reports/q1.csv',
      consistency: { fully_consistent: true },
    });
    expect(check.decision).toBe('ALLOW');
  });
});
