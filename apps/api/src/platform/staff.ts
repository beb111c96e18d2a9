import { AppError } from './errors';
import type { AuthContext } from './routes';

/**
 * Staff routes (`auth: 'staff'`) let operators and admins in; an admin-only action checks here, in its
 * service, so no other way in (a job, another module) skips the rule.
 */
export function assertAdmin(auth: Pick<AuthContext, 'role'>): void {
  if (auth.role !== 'admin') throw new AppError('forbidden', 403, 'Only an administrator may do this.');
}

/** The tag every admin-only back-office route carries (the OpenAPI document groups them; tests loop over them). */
export const ADMIN_TAG = 'Back office: admin';
export const STAFF_TAG = 'Back office';
