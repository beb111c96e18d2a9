import PgBoss from 'pg-boss';
import type { Logger } from 'pino';

export interface JobDefinition {
  name: string;
  /** cron, in UTC */
  cron: string;
  run(): Promise<unknown>;
}

/**
 * Jobs on PostgreSQL (pg-boss). Schedules live in the database, so N API nodes share them; a job is
 * taken by one worker at a time. Every job here is idempotent, so a retry or a double run is harmless.
 */
export async function startJobs(url: string, jobs: JobDefinition[], logger: Logger, opts: { pollingIntervalSeconds?: number } = {}): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 2, application_name: 'cabinet-jobs' });
  boss.on('error', (err) => logger.error({ err }, 'job queue error'));
  await boss.start();
  for (const job of jobs) {
    await boss.createQueue(job.name);
    await boss.schedule(job.name, job.cron, undefined, { tz: 'UTC' });
    await boss.work(job.name, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2 }, async () => {
      const result = await job.run();
      logger.info({ job: job.name, result }, 'job done');
      return result;
    });
  }
  return boss;
}
