import type { ErrorCode, FieldError, Problem } from '@cabinet/shared-types';

/** Codes the client adds for failures that never reached the API's error handler. */
export type ClientErrorCode = 'network_error' | 'unknown_error';

/** Every failed API call rejects with this: the HTTP status plus the problem+json body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | ClientErrorCode;
  readonly problem: Problem | null;
  /** Seconds to wait, from `Retry-After` or the problem's `retryAfter`. */
  readonly retryAfter: number | null;

  constructor(status: number, problem: Problem | null, retryAfter: number | null = null, cause?: unknown) {
    super(problem?.detail ?? problem?.title ?? (status ? `HTTP ${status}` : 'Network error'), { cause });
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.code = problem?.code ?? (status === 0 ? 'network_error' : 'unknown_error');
    this.retryAfter = retryAfter ?? problem?.retryAfter ?? null;
  }

  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? [];
  }

  /** The first message for a field (`newPassword`, `captcha.answer`, …), if the API named it. */
  fieldError(field: string): FieldError | undefined {
    return this.fieldErrors.find((error) => error.field === field);
  }
}

export function isApiError(error: unknown, ...codes: Array<ErrorCode | ClientErrorCode>): error is ApiError {
  return error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
}

function parseRetryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

export async function toApiError(response: Response): Promise<ApiError> {
  let problem: Problem | null = null;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body: unknown = await response.json();
      if (body && typeof body === 'object' && 'code' in body) problem = body as Problem;
    } catch {
      problem = null;
    }
  }
  return new ApiError(response.status, problem, parseRetryAfter(response.headers.get('retry-after')));
}
