import { apiRequest } from '../api/client';
import { sessionStore, type SessionEndReason } from './session-store';

/** POST /auth/logout — ends the session on the server (best effort), then here in any case. */
export async function logout(reason: SessionEndReason = 'logout'): Promise<void> {
  try {
    if (sessionStore.getState().accessToken) {
      await apiRequest<void>('/auth/logout', { method: 'POST', refreshOn401: false });
    }
  } catch {
    // The server may already have ended it; the person is signed out here either way.
  } finally {
    sessionStore.end(reason);
  }
}
