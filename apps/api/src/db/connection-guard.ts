import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * Finds the pattern that wedges the API under load: code inside `ds.transaction(...)` that asks the data source
 * (`ds.query`, `ds.manager`, a root repository, another `ds.transaction`) for a second connection instead of using
 * the transaction's `em`. With N pool connections, N such requests at once each hold one connection and wait for a
 * second forever. The guard marks the time a transaction's callback runs; a new query runner asked for then is the
 * mistake, reported through `onViolation` (the test contexts throw, so a suite that does it fails and names the place).
 * Also reported: two queries at once on the transaction's one connection (`Promise.all` over `em`), which pg 8 queues
 * with a deprecation warning and pg 9 refuses.
 */
export function guardNestedConnections(ds: DataSource, onViolation: (stack: string) => void): void {
  const inside = new AsyncLocalStorage<{ open: boolean }>();
  const manager = ds.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  // `transaction(run)` or `transaction(isolation, run)`; DataSource.transaction passes both, the second undefined.
  (manager as { transaction: unknown }).transaction = (a: unknown, b?: unknown) => {
    const [isolation, run] = (typeof a === 'function' ? [undefined, a] : [a, b]) as [unknown, (em: unknown) => Promise<unknown>];
    const guarded = (em: unknown) => {
      const mark = { open: true };
      watchOverlap((em as EntityManager).queryRunner, onViolation);
      return inside.run(mark, async () => {
        try {
          return await run(em);
        } finally {
          mark.open = false;
        }
      });
    };
    return isolation === undefined ? transaction(guarded) : transaction(isolation, guarded);
  };
  const createQueryRunner = ds.createQueryRunner.bind(ds);
  ds.createQueryRunner = (...args: Parameters<DataSource['createQueryRunner']>) => {
    if (inside.getStore()?.open) onViolation(new Error('a second connection asked for inside a transaction').stack ?? '');
    return createQueryRunner(...args);
  };
}

function watchOverlap(runner: QueryRunner | undefined, onViolation: (stack: string) => void): void {
  if (!runner) return;
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  let running = 0;
  (runner as { query: unknown }).query = async (...args: unknown[]) => {
    if (running > 0) onViolation(new Error('two queries at once on one transaction\'s connection').stack ?? '');
    running++;
    try {
      return await query(...args);
    } finally {
      running--;
    }
  };
}
