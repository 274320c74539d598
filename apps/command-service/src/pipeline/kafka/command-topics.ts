import type { Admin } from 'kafkajs';

/**
 * Creates the command topics if missing, with as many partitions as `iam.events`: commands and
 * events are co-partitioned by account id, so the owner of command partition P writes events
 * partition P. Auto-creation is not relied on (it races under KRaft).
 */
export async function ensureCommandTopics(
  admin: Admin,
  topics: { commands: string; commandResults: string },
  partitions: number,
): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = [topics.commands, topics.commandResults].filter((t) => !existing.has(t));
  if (missing.length === 0) return;
  await admin.createTopics({
    waitForLeaders: true,
    topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: -1 })),
  });
}
