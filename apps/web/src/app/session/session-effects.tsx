import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { refreshSession } from '@/shared/api/client';
import { activity } from '@/shared/session/activity';
import { sessionStore } from '@/shared/session/session-store';

/**
 * Session life outside any page: restore the session once at start (the refresh cookie is
 * the only thing that survives a reload), and forget every cached answer when it ends.
 */
export function SessionEffects() {
  const queryClient = useQueryClient();

  useEffect(() => {
    if (sessionStore.getState().status !== 'restoring') return;
    // refreshSession is single-flight, so StrictMode's double effect still sends one request.
    refreshSession().then(
      (token) => {
        if (!token) sessionStore.markAnonymous();
      },
      () => sessionStore.markAnonymous(),
    );
  }, []);

  useEffect(() => {
    let previous = sessionStore.getState().status;
    return sessionStore.subscribe(() => {
      const { status } = sessionStore.getState();
      if (status === previous) return;
      if (status === 'anonymous' && previous === 'authenticated') queryClient.clear();
      if (status === 'authenticated') activity.reset();
      previous = status;
    });
  }, [queryClient]);

  return null;
}
