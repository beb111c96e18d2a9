import type PgBoss from 'pg-boss';
import { jobTable } from '../../src/app';
import { startJobs } from '../../src/platform/jobs';
import { createLogger } from '../../src/platform/logger';
import { createTestContext, type TestContext } from '../support';

describe('jobs on several nodes (pg-boss)', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('when two nodes start at once on a database without the queues, then both start and every queue exists once', async () => {
    const jobs = jobTable(t.services);
    // Each attempt starts from no queues at all, as the first deploy of two nodes does.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (attempt > 0) for (const job of jobs) await t.query('SELECT pgboss.delete_queue($1)', [job.name]);
      const started = await Promise.allSettled([0, 1].map(() => startJobs(t.config.databaseUrl!, jobs, createLogger('silent'), { pollingIntervalSeconds: 0.5 })));
      // Let every worker poll once: a pg-boss worker stopped before its first poll never reports stopped, and the
      // loop waiting for it would outlive the test.
      await new Promise((r) => setTimeout(r, 2500));
      await Promise.all(started.map((s) => (s.status === 'fulfilled' ? (s.value as PgBoss).stop({ graceful: true, wait: true }) : undefined)));
      expect(started.map((s) => (s.status === 'rejected' ? String((s.reason as Error).message) : 'started'))).toEqual(['started', 'started']);
      const queues = await t.query<{ name: string }>('SELECT name FROM pgboss.queue ORDER BY name');
      expect(queues.map((q) => q.name).filter((n) => !n.startsWith('__pgboss'))).toEqual(jobs.map((j) => j.name).sort());
    }
    // pg-boss forgets a stopped worker in a loop that checks once a second after stop() has returned.
    await new Promise((r) => setTimeout(r, 1500));
  });
});
