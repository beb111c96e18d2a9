import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { sessionStore } from '@/shared/session/session-store';
import { getSessions, sessionsQueryKey } from './get-sessions';

/** DELETE /me/sessions/:id — ends one session; ending the current one signs this tab out. */
export function endSession(id: string): Promise<void> {
  return apiRequest<void>(`/me/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id }: { id: string; current: boolean }) => endSession(id),
    onSuccess: (_result, { current }) => {
      if (current) sessionStore.end('logout');
      else void queryClient.invalidateQueries({ queryKey: sessionsQueryKey });
    },
  });
}

/** Ends every session but this one (the API has no bulk call: one DELETE each). */
export async function endOtherSessions(): Promise<number> {
  const others: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await getSessions(cursor);
    others.push(...page.items.filter((session) => !session.current).map((session) => session.id));
    cursor = page.nextCursor;
  } while (cursor);
  for (const id of others) await endSession(id);
  return others.length;
}

export function useEndOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: endOtherSessions,
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionsQueryKey }),
  });
}
