import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

export type { paths, components, operations } from './schema';

/** The Cabinet API with every path, parameter, body and answer typed from the OpenAPI document. */
export type CabinetClient = Client<paths>;

export interface CabinetClientOptions {
  /** Where the API is, with `/api/v1`, e.g. `https://cabinet.example/api/v1`. */
  baseUrl: string;
  /** An integrator's API key (`cab_…`), sent as `Authorization: Bearer <key>`. */
  apiKey?: string;
  /** Or a person's access token from POST /auth/login. */
  accessToken?: string;
  /** A fetch of your own (tests, proxies). */
  fetch?: typeof fetch;
}

/**
 *   const cabinet = createCabinetClient({ baseUrl: 'https://cabinet.example/api/v1', apiKey: '<the key your provider issued>' });
 *   const { data, error } = await cabinet.POST('/integrations/usage', {
 *     params: { header: { 'Idempotency-Key': crypto.randomUUID() } },
 *     body: { records: [{ id: 'cdr-1', msisdn: '+79210000001', type: 'sms', quantity: 1, occurredAt: new Date().toISOString() }] },
 *   });
 *
 * `error` is the RFC 9457 problem (switch on `error.code`); `response` carries the `RateLimit-*` headers.
 */
export function createCabinetClient(opts: CabinetClientOptions): CabinetClient {
  const client = createClient<paths>({ baseUrl: opts.baseUrl, ...(opts.fetch ? { fetch: opts.fetch } : {}) });
  const token = opts.apiKey ?? opts.accessToken;
  if (token) {
    const auth: Middleware = {
      onRequest({ request }) {
        if (!request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${token}`);
        return request;
      },
    };
    client.use(auth);
  }
  return client;
}
