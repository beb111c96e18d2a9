import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import type { RouteSpec, SchemaRef } from './routes';

type Schema = Record<string, unknown>;

const PROBLEM_SCHEMA: Schema = {
  type: 'object',
  description: 'RFC 9457 problem details. `code` is stable; switch on it.',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', examples: ['validation_failed'] },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'code', 'message'],
        properties: { field: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
      },
    },
    lockedUntil: { type: 'string', format: 'date-time', description: 'Only with `login_locked`.' },
    attemptsLeft: { type: 'integer', description: 'Only with one-time code errors.' },
    retryAfter: { type: 'integer', description: 'Only with 429: seconds to wait.' },
    captcha: {
      description: 'Only with `captcha_required`, `captcha_invalid` and a 401 after two failed sign-ins.',
      type: 'object',
      properties: { id: { type: 'string' }, image: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } },
    },
  },
};

const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid input (`validation_failed`, `malformed_json`, …)',
  401: 'Not signed in, or the token or session is no longer valid',
  403: 'Not allowed (`password_change_required`, `forbidden`, …)',
  404: 'Not found (also when it is not yours)',
  409: 'Conflict',
  413: 'Body too large',
  415: 'Body is not JSON',
  423: 'Locked',
  428: 'Captcha required',
  429: 'Too many requests; see `Retry-After`',
};

/** A realistic problem per status, so the reference shows what really comes back. */
const PROBLEM_EXAMPLES: Record<number, Record<string, unknown>> = {
  400: { code: 'validation_failed', title: 'Bad Request', detail: 'The request has invalid fields.', errors: [{ field: 'records.0.quantity', code: 'isInt', message: 'quantity must be a whole number from 1 to 1000000' }] },
  401: { code: 'authentication_required', title: 'Unauthorized', detail: 'Sign in first: send `Authorization: Bearer <access token>`.' },
  403: { code: 'forbidden', title: 'Forbidden', detail: 'Your access to this account is view-only.' },
  404: { code: 'not_found', title: 'Not Found', detail: 'The account was not found.' },
  409: { code: 'idempotency_key_reused', title: 'Conflict', detail: 'This Idempotency-Key was used with other parameters; use a new key for a new request.' },
  413: { code: 'payload_too_large', title: 'Content Too Large', detail: 'The body is too large.' },
  415: { code: 'unsupported_media_type', title: 'Unsupported Media Type', detail: 'Send the body as JSON (Content-Type: application/json).' },
  423: { code: 'login_locked', title: 'Locked', detail: 'Too many failed attempts: sign-in for this login is locked until 2026-11-22T09:15:00.000Z.', lockedUntil: '2026-11-22T09:15:00.000Z' },
  428: { code: 'captcha_required', title: 'Precondition Required', detail: 'Enter the characters from the picture.', captcha: { id: '0b6f9c0e-6d1e-4c61-9a86-2c1f0b0e7a11', image: 'data:image/svg+xml;base64,PHN2Zy…', expiresAt: '2026-11-22T09:05:00.000Z' } },
  429: { code: 'rate_limited', title: 'Too Many Requests', detail: 'Too many requests; try again in 42 s.', retryAfter: 42 },
  503: { code: 'service_unavailable', title: 'Service Unavailable', detail: 'The database does not answer.' },
};

const RATE_LIMIT_HEADERS: Record<string, unknown> = {
  'RateLimit-Policy': { description: 'The key\'s limit and window, e.g. `6000;w=60`.', schema: { type: 'string' } },
  'RateLimit-Limit': { description: 'Requests allowed in the window.', schema: { type: 'integer' } },
  'RateLimit-Remaining': { description: 'Requests left in this window.', schema: { type: 'integer' } },
  'RateLimit-Reset': { description: 'Seconds until the window starts afresh.', schema: { type: 'integer' } },
};

const DEPRECATION_HEADERS: Record<string, unknown> = {
  Deprecation: { description: 'RFC 9745: `@<unix seconds>` since when the operation is deprecated.', schema: { type: 'string' } },
  Sunset: { description: 'RFC 8594: the HTTP-date after which it stops answering.', schema: { type: 'string' } },
};

function problemExample(status: number): Record<string, unknown> {
  const e = PROBLEM_EXAMPLES[status] ?? { code: 'internal_error', title: 'Error', detail: '…' };
  return { type: `https://cabinet.example/problems/${String(e.code).replace(/_/g, '-')}`, status, ...e };
}

function ref(name: string) {
  return { $ref: `#/components/schemas/${name}` };
}

function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

export interface OpenApiInfo {
  title: string;
  version: string;
  description: string;
  serverUrl: string;
}

/** Builds the OpenAPI 3.1 document from the same route table that Express serves. */
export function buildOpenApi(routes: RouteSpec[], info: OpenApiInfo): Schema {
  const generated = validationMetadatasToSchemas({
    refPointerPrefix: '#/components/schemas/',
    classTransformerMetadataStorage: defaultMetadataStorage as never,
  }) as Record<string, Schema>;
  const schemas: Record<string, Schema> = { Problem: PROBLEM_SCHEMA };
  const useSchema = (name: string) => {
    if (!generated[name]) throw new Error(`OpenAPI: no schema for ${name} (does it have validation decorators?)`);
    schemas[name] = withoutRefBesideOneOf(generated[name]);
    return ref(name);
  };
  const schemaOf = (s: SchemaRef) => ('schema' in s && typeof s !== 'function' ? s.schema : useSchema((s as { name: string }).name));

  const paths: Record<string, Record<string, unknown>> = {};
  const problemResponses: Record<string, Schema> = {};
  for (const r of routes) {
    const parameters: unknown[] = [];
    for (const [where, dto] of [
      ['path', r.params],
      ['query', r.query],
    ] as const) {
      if (!dto) continue;
      // A DTO that only `extends` another has no metadata of its own: its parent's schema is its schema.
      let owner: unknown = dto;
      while (typeof owner === 'function' && owner.name && !generated[owner.name]) owner = Object.getPrototypeOf(owner);
      const s = generated[(owner as { name: string }).name] as { properties?: Record<string, Schema>; required?: string[] } | undefined;
      if (!s) throw new Error(`OpenAPI: no schema for the ${where} of ${r.method.toUpperCase()} ${r.path} (${dto.name} has no validation decorators)`);
      for (const [name, schema] of Object.entries(s?.properties ?? {})) {
        const { description, ...rest } = schema as Schema & { description?: string };
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (s?.required ?? []).includes(name),
          ...(description ? { description } : {}),
          schema: rest,
        });
      }
    }
    if (r.idempotent) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: r.idempotent === 'required',
        description: 'Any unique string (a UUID): a retry with the same key returns the first response (kept 24 h) instead of acting twice.',
        schema: { type: 'string', maxLength: 255 },
      });
    }
    const status = String(r.status ?? 200);
    const success: Record<string, unknown> = { description: 'Success' };
    if (r.page) {
      success.content = {
        'application/json': {
          schema: {
            type: 'object',
            required: ['items', 'nextCursor'],
            properties: { items: { type: 'array', items: useSchema(r.page.name) }, nextCursor: { type: ['string', 'null'] } },
          },
        },
      };
    } else if (r.produces) {
      success.content = { [r.produces]: { schema: { type: 'string' } } };
    } else if (r.response && status !== '204') {
      success.content = { 'application/json': { schema: schemaOf(r.response), ...(r.examples?.response !== undefined ? { example: r.examples.response } : {}) } };
    }
    const headers: Record<string, unknown> = {};
    if (r.auth === 'integrator') Object.assign(headers, RATE_LIMIT_HEADERS);
    if (r.deprecated) Object.assign(headers, DEPRECATION_HEADERS);
    if (Object.keys(headers).length) success.headers = headers;
    const responses: Record<string, unknown> = { [status]: success };
    const errorStatuses = new Set<number>(r.errors ?? []);
    if (r.body || r.query || r.params) errorStatuses.add(400);
    if (r.auth !== 'public') errorStatuses.add(401);
    if (r.auth !== 'public' && !r.allowWhenPasswordChangeRequired) errorStatuses.add(403);
    if (r.auth === 'integrator') errorStatuses.add(429);
    if (r.body || r.consumes) {
      errorStatuses.add(413);
      errorStatuses.add(415);
    }
    if (r.middleware?.length) errorStatuses.add(429);
    if (r.idempotent) errorStatuses.add(409);
    for (const s of [...errorStatuses].sort()) {
      // One shared problem response per status (and a rate-limited one with the key's headers): the document stays small.
      const name = s === 429 && r.auth === 'integrator' ? 'Problem429ApiKey' : `Problem${s}`;
      problemResponses[name] ??= {
        description: STATUS_TEXT[s] ?? 'Error',
        ...(s === 429 ? { headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } }, ...(r.auth === 'integrator' ? RATE_LIMIT_HEADERS : {}) } } : {}),
        content: { 'application/problem+json': { schema: ref('Problem'), example: problemExample(s) } },
      };
      responses[String(s)] = { $ref: `#/components/responses/${name}` };
    }
    const notes: string[] = [];
    if (r.auth === 'integrator') notes.push(`**API key** with scope${(r.scopes ?? []).length === 1 ? '' : 's'} ${(r.scopes ?? []).map((x) => `\`${x}\``).join(', ') || '(any)'}; rate-limited per key (\`RateLimit-*\` headers).`);
    if (r.auth === 'staff') notes.push('**Staff** only (operator or admin; some actions admin only).');
    if (r.deprecated) notes.push(`**Deprecated** since ${r.deprecated.since}; stops answering on ${r.deprecated.sunset}${r.deprecated.successor ? `; use ${r.deprecated.successor}` : ''}.`);
    const description = [r.description, ...notes].filter(Boolean).join('\n\n');
    const op: Record<string, unknown> = {
      operationId: `${r.method}${toOpenApiPath(r.path)
        .split(/[/{}-]/)
        .filter(Boolean)
        .map((p) => p[0].toUpperCase() + p.slice(1))
        .join('')}`,
      summary: r.summary,
      ...(description ? { description } : {}),
      tags: r.tags,
      ...(r.deprecated ? { deprecated: true } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: useSchema(r.body.name), ...(r.examples?.body !== undefined ? { example: r.examples.body } : {}) } } } }
        : r.consumes
          ? { requestBody: { required: true, content: { [r.consumes]: { schema: { type: 'string', format: 'binary' } } } } }
          : {}),
      responses,
      security: r.auth === 'public' ? [] : r.auth === 'integrator' ? [{ apiKeyAuth: r.scopes ?? [] }] : [{ bearerAuth: [] }],
    };
    const p = toOpenApiPath(r.path);
    paths[p] ??= {};
    if (paths[p][r.method]) throw new Error(`OpenAPI: duplicate route ${r.method.toUpperCase()} ${r.path}`);
    paths[p][r.method] = op;
  }

  // Nested DTOs (e.g. LoginDto.captcha) point at further schemas: include them too.
  const pending = Object.values(schemas);
  while (pending.length) {
    const json = JSON.stringify(pending.pop());
    for (const [, name] of json.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      if (!schemas[name]) {
        useSchema(name);
        pending.push(schemas[name]);
      }
    }
  }

  // The server refuses unknown fields in bodies (forbidNonWhitelisted): say so for request schemas.
  const closed = new Set<string>();
  const close = (name: string) => {
    if (closed.has(name) || !schemas[name]) return;
    closed.add(name);
    schemas[name] = { ...schemas[name], additionalProperties: false };
    for (const [, inner] of JSON.stringify(schemas[name]).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) close(inner);
  };
  for (const r of routes) if (r.body) close(r.body.name);

  return {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version, description: info.description },
    servers: [{ url: info.serverUrl }],
    paths,
    components: {
      schemas,
      responses: Object.fromEntries(Object.entries(problemResponses).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Access token from POST /auth/login (15 minutes).' },
        apiKeyAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'Integrator API key (`cab_…`), sent as `Authorization: Bearer <key>`. Each operation lists the scopes it needs.',
        },
        refreshCookie: { type: 'apiKey', in: 'cookie', name: 'cabinet_refresh', description: 'httpOnly refresh token, path /api/v1/auth.' },
      },
    },
  };
}

/**
 * A nullable nested DTO is declared with `@JSONSchema({ oneOf: [{ $ref }, { type: 'null' }] })`, which
 * class-validator-jsonschema merges beside the `$ref` it derives itself; the `oneOf` alone is right.
 */
function withoutRefBesideOneOf(schema: Schema): Schema {
  const props = schema.properties as Record<string, Schema> | undefined;
  if (!props) return schema;
  const fixed = Object.fromEntries(
    Object.entries(props).map(([k, v]) => {
      if (v && '$ref' in v && 'oneOf' in v) {
        const { $ref: _ref, ...rest } = v;
        return [k, rest];
      }
      return [k, v];
    }),
  );
  return { ...schema, properties: fixed };
}
