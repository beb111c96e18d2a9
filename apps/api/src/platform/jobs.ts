import { Client } from 'pg';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';

/** The advisory lock that lets one node at a time set up its queues ('cabjobs' in ASCII). */
const SETUP_LOCK = 0x636162_6a6f6273n;

export interface JobDefinition {
  name: string;
  /** cron, in UTC */
  cron: string;
  run(): Promise<unknown>;
}

/**
 * Jobs on PostgreSQL (pg-boss). Schedules live in the database, so N API nodes share them; a job is
 * taken by one worker at a time. Every job here is idempotent, so a retry or a double run is harmless.
 *
 * Nodes set their queues up one at a time (a session advisory lock): pg-boss creates a queue as a partition of its
 * job table, and two nodes creating the same new queue at once deadlock, so the second node of a first deploy
 * exited at start (`deadlock detected`; test/platform/jobs.test.ts).
 */
export async function startJobs(url: string, jobs: JobDefinition[], logger: Logger, opts: { pollingIntervalSeconds?: number } = {}): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 2, application_name: 'cabinet-jobs' });
  boss.on('error', (err) => logger.error({ err }, 'job queue error'));
  const lock = new Client({ connectionString: url, application_name: 'cabinet-jobs-setup' });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [SETUP_LOCK.toString()]);
    await boss.start();
    for (const job of jobs) {
      await boss.createQueue(job.name);
      await boss.schedule(job.name, job.cron, undefined, { tz: 'UTC' });
    }
  } finally {
    await lock.end(); // the lock goes with the session
  }
  for (const job of jobs) {
    await boss.work(job.name, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 }, async () => {
      const result = await job.run();
      logger.info({ job: job.name, result }, 'job done');
      return result;
    });
  }
  return boss;
}
