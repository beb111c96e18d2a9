import { AppError } from '../../platform/errors';
import type { AuthContext } from '../../platform/routes';

/** Partners, keys and webhooks are managed by admins only (`staff` routes let operators in too). */
export function requireAdmin(actor: AuthContext): void {
  if (actor.role !== 'admin') throw new AppError('forbidden', 403, 'Only an administrator manages partners, API keys and webhooks.');
}
