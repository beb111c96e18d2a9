/**
 * Requests made from the OpenAPI document, for the fuzzer and the authorization sweep: fast-check
 * arbitraries of values a schema accepts, and of values it must refuse (wrong types, huge and odd strings,
 * deep nesting, extreme numbers, missing and extra fields).
 */
import fc from 'fast-check';

export type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  examples?: unknown[];
  example?: unknown;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
};

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  operationId: string;
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  deprecated?: boolean;
}

export interface OperationRef {
  method: string;
  /** OpenAPI form: `/accounts/{accountId}`. */
  path: string;
  op: Operation;
}

export function operations(doc: OpenApiDocument): OperationRef[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method, path, op })));
}

export function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  let s = schema;
  for (let i = 0; s.$ref && i < 10; i++) {
    const name = s.$ref.replace('#/components/schemas/', '');
    const { $ref: _ref, ...rest } = s;
    s = { ...doc.components.schemas[name], ...rest };
  }
  if (s.allOf?.length) s = s.allOf.reduce<Schema>((acc, part) => ({ ...acc, ...resolve(doc, part) }), { ...s, allOf: undefined });
  return s;
}

const EMAILS = ['qa@example.ru', 'ivan.petrov@example.com', 'test+tag@example.org'];

/** Values the schema accepts (as far as JSON Schema can say; a DTO may check more). */
export function validValue(doc: OpenApiDocument, schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  const examples = examplesOf(s);
  const fromSchema = valueOf(doc, s, depth);
  return examples.length ? fc.oneof(fc.constantFrom(...examples), fromSchema) : fromSchema;
}

function examplesOf(s: Schema): unknown[] {
  return [...(s.examples ?? []), ...(s.example !== undefined ? [s.example] : [])];
}

/**
 * One value the schema accepts, the documented example wherever there is one (what an integrator would
 * send first) — for checks that need a request to pass validation.
 */
export function exampleValue(doc: OpenApiDocument, schema: Schema, seed = 1): unknown {
  const s = resolve(doc, schema);
  const examples = examplesOf(s);
  if (examples.length) return examples[0];
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if ((type === 'object' || type === undefined) && s.properties) {
    const required = new Set(s.required ?? []);
    return Object.fromEntries(
      Object.entries(s.properties)
        .filter(([k]) => required.has(k))
        .map(([k, v]) => [k, exampleValue(doc, v, seed)]),
    );
  }
  if (type === 'array' && s.items) return Array.from({ length: s.minItems ?? 1 }, () => exampleValue(doc, s.items!, seed));
  return fc.sample(valueOf(doc, s, 0), { numRuns: 1, seed })[0];
}

function valueOf(doc: OpenApiDocument, s: Schema, depth: number): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const alternatives = s.oneOf ?? s.anyOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => validValue(doc, a, depth + 1)));
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      return stringOf(s);
    case 'integer': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0);
      const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : Math.max(min, 0) + 100_000);
      return fc.integer({ min, max });
    }
    case 'number':
      return fc.double({ min: s.minimum ?? 0, max: s.maximum ?? 100_000, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const minLength = s.minItems ?? 0;
      return fc.array(s.items ? validValue(doc, s.items, depth + 1) : fc.string(), { minLength, maxLength: Math.max(minLength, Math.min(s.maxItems ?? 3, 3)) });
    }
    case 'object':
    case undefined: {
      if (!s.properties) return fc.constant({});
      const required = s.required ?? [];
      const model = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, validValue(doc, v, depth + 1)]));
      return fc.record(model, { requiredKeys: required.filter((k) => k in model) });
    }
    default:
      return fc.constant(null);
  }
}

function stringOf(s: Schema): fc.Arbitrary<string> {
  const maxLength = s.maxLength ?? 40;
  const minLength = s.minLength ?? 0;
  switch (s.format) {
    case 'uuid':
      return fc.uuid({ version: 4 });
    case 'email':
      return fc.constantFrom(...EMAILS);
    case 'date-time':
      return fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'date':
      return fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'uri':
      return fc.constant('https://example.com/hook');
  }
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    const fits = (v: string) => v.length >= minLength && v.length <= maxLength;
    try {
      return fc.stringMatching(re).filter(fits);
    } catch {
      // A pattern fast-check cannot generate from (look-ahead): short strings that happen to match.
      return fc.oneof(fc.constantFrom('/', 'a', 'A1', '0'), fc.string({ maxLength: 8 })).filter((v) => re.test(v) && fits(v));
    }
  }
  return fc.string({ minLength: Math.max(minLength, 1), maxLength: Math.max(Math.min(maxLength, 40), Math.max(minLength, 1)) });
}

/** Strings that test a server's edges: unicode of every kind, NUL, control characters, injection shapes. */
export const oddString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'abc\u0000def',
    '\u202e\u0627\u0644\u0639\u0631\u0628\u064a\u0629', // right-to-left
    '👨‍👩‍👧‍👦🇷🇺',
    '\ud800', // a lone surrogate
    'Ё'.repeat(300),
    "'; DROP TABLE customers; --",
    '{{7*7}}<script>alert(1)</script>',
    '../../../../etc/passwd',
    '%00%2e%2e',
    '1e309',
    'NaN',
    '-0',
    '0x10',
    'null',
    'true',
  ),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

/** Numbers no amount, limit or count should take. */
export const oddNumber = fc.constantFrom(-1, 0, -0, 1.5, -1e6, 2 ** 31, 2 ** 53 + 1, 9.3e18, 1e308, -1e308, Number.MIN_VALUE);

function nested(depth: number): unknown {
  let v: unknown = 'deep';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** Any JSON value of the wrong kind. */
export const anyJson = fc.oneof(
  oddString,
  oddNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.constantFrom(nested(64), nested(2000)),
  fc.constant('x'.repeat(1_200_000)), // past the body limit
);

/**
 * A body the schema must refuse: a valid one with one thing wrong — a field of the wrong type or an odd
 * value, a required field missing, an unknown field added — or not an object at all.
 */
export function invalidBody(doc: OpenApiDocument, schema: Schema): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  const valid = validValue(doc, s) as fc.Arbitrary<Record<string, unknown>>;
  const props = Object.keys(s.properties ?? {});
  const mutations: fc.Arbitrary<unknown>[] = [
    anyJson,
    valid.map((v) => ({ ...(v ?? {}), unexpectedField: 'x' })),
  ];
  if (props.length) {
    mutations.push(
      fc.tuple(valid, fc.constantFrom(...props), anyJson).map(([v, k, bad]) => ({ ...(v ?? {}), [k]: bad })),
      fc.tuple(valid, fc.constantFrom(...props), oddString).map(([v, k, bad]) => ({ ...(v ?? {}), [k]: bad })),
      fc.tuple(valid, fc.constantFrom(...props), oddNumber).map(([v, k, bad]) => ({ ...(v ?? {}), [k]: bad })),
    );
    // A nested object's field gone wrong (e.g. `amount.amount`).
    for (const k of props) {
      const inner = resolve(doc, s.properties![k]);
      const innerProps = Object.keys(inner.properties ?? {});
      if (innerProps.length) {
        mutations.push(
          fc.tuple(valid, fc.constantFrom(...innerProps), anyJson).map(([v, ik, bad]) => ({ ...(v ?? {}), [k]: { ...((v?.[k] as object) ?? {}), [ik]: bad } })),
        );
      }
    }
  }
  if (s.required?.length) {
    mutations.push(
      fc.tuple(valid, fc.constantFrom(...s.required)).map(([v, k]) => {
        const copy = { ...(v ?? {}) };
        delete copy[k];
        return copy;
      }),
    );
  }
  return fc.oneof(...mutations);
}

/** A path parameter that names nothing: not an id, too long, odd characters. */
export const oddPathParam = fc.oneof(oddString.filter((v) => v.length > 0), fc.uuid({ version: 4 }), fc.constant('x'.repeat(5000)));

/** A query string: each parameter valid, odd, of the wrong shape, or left out; plus an unknown one. */
export function queryOf(doc: OpenApiDocument, params: Parameter[], valid: boolean): fc.Arbitrary<Record<string, unknown>> {
  const model = Object.fromEntries(
    params.map((p) => [p.name, valid ? validValue(doc, p.schema ?? { type: 'string' }) : fc.oneof(validValue(doc, p.schema ?? { type: 'string' }), oddString, oddNumber.map(String), fc.constant(['a', 'b']))]),
  );
  const base = fc.record(model, { requiredKeys: valid ? params.filter((p) => p.required).map((p) => p.name) : [] });
  return valid ? base : fc.oneof(base, base.map((q) => ({ ...q, unexpected: '1' })));
}
