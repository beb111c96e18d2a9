import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { ValidateBy, buildMessage, getMetadataStorage, validate, type ValidationError, type ValidationOptions } from 'class-validator';
import type { FieldError } from '@cabinet/shared-types';
import { AppError } from './errors';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ClassType<T = any> = new (...args: any[]) => T;

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [rule, message] of Object.entries(e.constraints ?? {})) {
      out.push({ field, code: rule === 'whitelistValidation' ? 'unknown_field' : rule, message });
    }
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

/**
 * class-validator looks a DTO's rules up on every validation by walking every DTO class the program has (an
 * `instanceof` per class, for inherited rules): with this API's few hundred DTOs that walk was the largest cost of
 * a cheap read (≈5 % of the API's CPU under the load test). The answer only changes when a decorator adds a rule,
 * so it is kept per DTO class and forgotten whenever one is added.
 */
function memoizeRuleLookup(): void {
  type Storage = {
    getTargetValidationMetadatas(target: unknown, schema: unknown, always: boolean, strictGroups: boolean, groups?: string[]): unknown[];
    addValidationMetadata(m: unknown): void;
    __cabinetMemo?: true;
  };
  const storage = getMetadataStorage() as unknown as Storage;
  if (storage.__cabinetMemo) return;
  storage.__cabinetMemo = true;
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let memo = new Map<unknown, Map<string, unknown[]>>();
  storage.addValidationMetadata = (m) => {
    memo = new Map();
    add(m);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (groups?.length || typeof target !== 'function') return lookup(target, schema, always, strictGroups, groups);
    const key = `${schema}|${always}|${strictGroups}`;
    let byTarget = memo.get(target);
    if (!byTarget) memo.set(target, (byTarget = new Map()));
    let rules = byTarget.get(key);
    if (!rules) byTarget.set(key, (rules = lookup(target, schema, always, strictGroups, groups)));
    return rules;
  };
}
memoizeRuleLookup();

/** No request of this API nests deeper than a few levels; anything past this is refused before it is walked. */
const MAX_DEPTH = 32;

/**
 * What no DTO can be trusted to catch, found in one iterative walk (so the walk itself cannot overflow the
 * stack): nesting past `MAX_DEPTH` (class-transformer recurses once per level, and 2,000 levels of `[{…}]`
 * overflow the stack — a 500), the NUL character, which PostgreSQL cannot store in text (another 500), and
 * lone surrogates, which are not text at all.
 */
function firstUnsafe(value: unknown, source: string): FieldError | null {
  const stack: [unknown, number, string][] = [[value, 0, '']];
  while (stack.length) {
    const [v, depth, path] = stack.pop() as [unknown, number, string];
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return { field: path || source, code: 'nullCharacter', message: `${path || source} must not contain the NUL character (U+0000)` };
      // A lone surrogate (`"\ud800"`) is not Unicode text: PostgreSQL refuses it in json and text alike.
      if (!(v as string & { isWellFormed(): boolean }).isWellFormed()) return { field: path || source, code: 'unicode', message: `${path || source} is not well-formed Unicode text` };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_DEPTH) {
      const field = path.split('.')[0] || source; // the field it started in, not a path 32 levels long
      return { field, code: 'maxDepth', message: `${field} is nested deeper than ${MAX_DEPTH} levels` };
    }
    for (const [key, child] of Object.entries(v)) stack.push([child, depth + 1, path ? `${path}.${key}` : key]);
  }
  return null;
}

/**
 * Path params repeat: the same account id on every page of a visit. A params DTO's answer depends on its strings
 * alone (its rules are formats: ids, codes, slugs; none may read the clock or the database), so the instance made
 * for a set of strings that passed is kept, at most `PARAMS_MEMO_MAX` per DTO (the oldest forgotten), and each
 * caller gets its own copy. Under the load test validation was a tenth of a history page's CPU, its params half of it.
 */
const PARAMS_MEMO_MAX = 1000;
const paramsMemo = new Map<ClassType, Map<string, object>>();

/**
 * The one validation path: plain → DTO instance, whitelist, unknown fields refused.
 * `source` says where the input came from, so a query string may convert types and a JSON body may not.
 */
export async function validateInput<T extends object>(
  dto: ClassType<T>,
  input: unknown,
  source: 'body' | 'query' | 'params',
): Promise<T> {
  if (input === undefined || input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw AppError.validation(
      [{ field: source, code: 'isObject', message: `The ${source} must be a JSON object.` }],
      `The ${source} must be a JSON object.`,
    );
  }
  if (source !== 'params') return validated(dto, input, source);
  const key = JSON.stringify(input);
  let known = paramsMemo.get(dto);
  const hit = known?.get(key);
  if (hit) return Object.assign(Object.create(dto.prototype) as T, hit);
  const instance = await validated(dto, input, source);
  if (!known) paramsMemo.set(dto, (known = new Map()));
  if (known.size >= PARAMS_MEMO_MAX) known.delete(known.keys().next().value!);
  known.set(key, { ...instance });
  return instance;
}

async function validated<T extends object>(dto: ClassType<T>, input: object, source: 'body' | 'query' | 'params'): Promise<T> {
  const unsafe = firstUnsafe(input, source);
  if (unsafe) throw AppError.validation([unsafe]);
  const instance = plainToInstance(dto, input, {
    enableImplicitConversion: source !== 'body',
    exposeDefaultValues: true,
  }) as T;
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    stopAtFirstError: true,
  });
  if (errors.length) throw AppError.validation(flatten(errors));
  return instance;
}

/**
 * A finite number with at most `places` decimals. class-validator's `IsNumber({ maxDecimalPlaces })` reads the
 * decimals off `String(value)` and throws on exponent notation (`1e-323` has no "."): a 500 the fuzzer found.
 * Keeps the `isNumber` code, so answers stay the same.
 */
export function IsDecimal(places: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNumber',
      constraints: [places],
      validator: {
        validate: (v: unknown) => typeof v === 'number' && Number.isFinite(v) && Number(v.toFixed(places)) === v, // 1e-323 is not 0.000
        defaultMessage: buildMessage((each) => `${each}$property must be a number with at most ${places} decimal places`, options),
      },
    },
    options,
  );
}
