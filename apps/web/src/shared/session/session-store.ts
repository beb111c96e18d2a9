import { SESSION_HINT_COOKIE, type TokenResponse } from '@cabinet/shared-types';
import { onTabMessage, postToTabs } from './tab-sync';

/**
 * The signed-in state of this tab. The access token lives only here, in memory: never in
 * localStorage or a cookie readable by scripts. The refresh token is an httpOnly cookie the
 * browser sends to /api/v1/auth by itself.
 */
export type SessionStatus = 'restoring' | 'authenticated' | 'anonymous';

/** Why the last session ended; the sign-in page words its message after it. */
export type SessionEndReason = 'logout' | 'expired' | 'idle';

export interface SessionState {
  status: SessionStatus;
  accessToken: string | null;
  mustChangePassword: boolean;
  endReason: SessionEndReason | null;
}

type Listener = () => void;

/**
 * Whether the API left its session hint (set and cleared with the httpOnly refresh cookie). Without it there is no
 * session to restore: the page starts anonymous and never asks `POST /auth/refresh` (a 401 and a wait for nothing).
 */
export function hasSessionHint(): boolean {
  return typeof document !== 'undefined' && document.cookie.split(/;\s*/).some((c) => c.startsWith(`${SESSION_HINT_COOKIE}=`));
}

const initialState = (): SessionState => ({
  status: hasSessionHint() ? 'restoring' : 'anonymous',
  accessToken: null,
  mustChangePassword: false,
  endReason: null,
});

let state: SessionState = initialState();
const listeners = new Set<Listener>();

function setState(next: Partial<SessionState>): void {
  state = { ...state, ...next };
  listeners.forEach((listener) => listener());
}

export const sessionStore = {
  getState: (): SessionState => state,

  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },

  /** A token came from sign-in or refresh. */
  signIn(token: TokenResponse): void {
    setState({
      status: 'authenticated',
      accessToken: token.accessToken,
      mustChangePassword: token.mustChangePassword,
      endReason: null,
    });
  },

  /** The session is over (signed out, refresh refused, idle). Safe to call twice. */
  end(reason: SessionEndReason): void {
    if (state.status === 'anonymous') return;
    setState({ status: 'anonymous', accessToken: null, mustChangePassword: false, endReason: reason });
    // The other tabs share the server session that has just ended: they leave too.
    if (reason !== 'expired') postToTabs({ type: 'signed-out', reason });
  },

  /** The start-up refresh found no session: anonymous, with nothing to tell the person. */
  markAnonymous(): void {
    if (state.status === 'restoring') setState({ status: 'anonymous' });
  },

  requirePasswordChange(): void {
    if (!state.mustChangePassword) setState({ mustChangePassword: true });
  },

  passwordChanged(): void {
    if (state.mustChangePassword) setState({ mustChangePassword: false });
  },

  /** The sign-in page has shown the "why you were signed out" message. */
  clearEndReason(): void {
    if (state.endReason !== null) setState({ endReason: null });
  },

  /** Tests only: back to the state of a fresh page load. */
  reset(): void {
    state = initialState();
    listeners.forEach((listener) => listener());
  },
};

onTabMessage((message) => {
  if (message.type === 'signed-out' && state.status === 'authenticated') {
    setState({ status: 'anonymous', accessToken: null, mustChangePassword: false, endReason: message.reason });
  }
});
