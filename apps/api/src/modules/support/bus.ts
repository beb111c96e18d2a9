import { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import type { Logger } from 'pino';

const CHANNEL = 'support_events';

/**
 * Live delivery across API nodes and cluster workers: a new event of a chat is a `pg_notify` in the
 * transaction that writes it (PostgreSQL sends it on commit); every process keeps one LISTEN connection
 * and wakes its streams of that chat, which then read the events after their last id from the table.
 * The notification only says "look again"; the rows are the truth, so nothing is lost or doubled.
 */
export class SupportBus {
  private client: Client | null = null;
  private connecting: Promise<Client> | null = null;
  private readonly listeners = new Map<string, Set<() => void>>();
  private closed = false;

  constructor(
    private readonly url: string | null,
    private readonly logger?: Logger,
  ) {}

  /** Announce a change of this chat (in its transaction: sent on commit, dropped on rollback). */
  static async announce(em: EntityManager, chatId: string): Promise<void> {
    await em.query('SELECT pg_notify($1, $2)', [CHANNEL, chatId]);
  }

  /** Calls `wake` whenever the chat changes, on any node. Returns the unsubscribe function. */
  async subscribe(chatId: string, wake: () => void): Promise<() => void> {
    let set = this.listeners.get(chatId);
    if (!set) this.listeners.set(chatId, (set = new Set()));
    set.add(wake);
    try {
      await this.connect();
    } catch (err) {
      // Streams still poll on every heartbeat: a missing listener delays delivery, never loses it.
      this.logger?.warn({ err }, 'support: LISTEN connection failed');
    }
    return () => {
      set.delete(wake);
      if (!set.size) this.listeners.delete(chatId);
    };
  }

  private connect(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    if (this.closed || !this.url) return Promise.reject(new Error('support bus: no database URL'));
    this.connecting ??= (async () => {
      const client = new Client({ connectionString: this.url!, application_name: 'cabinet-support-listen' });
      client.on('notification', (n) => {
        for (const wake of this.listeners.get(n.payload ?? '') ?? []) wake();
      });
      client.on('error', (err) => {
        this.logger?.warn({ err }, 'support: LISTEN connection lost');
        if (this.client === client) this.client = null;
        client.end().catch(() => {});
        this.wakeAll(); // they read again now, and keep polling until a stream reconnects us
      });
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      if (this.closed) {
        await client.end();
        throw new Error('support bus closed');
      }
      this.client = client;
      return client;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private wakeAll(): void {
    for (const set of this.listeners.values()) for (const wake of set) wake();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeAll();
    const c = this.client ?? (this.connecting ? await this.connecting.catch(() => null) : null);
    this.client = null;
    await c?.end().catch(() => {});
  }
}
