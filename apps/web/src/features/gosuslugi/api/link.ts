import type { EsiaLinkConfirmRequest, EsiaLinkSmsResponse, EsiaLinkTicketView, TokenResponse } from '@cabinet/shared-types';
import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { sessionStore } from '@/shared/session/session-store';

/** GET /auth/esia/link/:ticket — the customer found by the Gosuslugi phone, to confirm. */
export function getLinkTicket(ticket: string, signal?: AbortSignal): Promise<EsiaLinkTicketView> {
  return apiRequest<EsiaLinkTicketView>(`/auth/esia/link/${encodeURIComponent(ticket)}`, { auth: false, signal });
}

export function linkTicketQueryOptions(ticket: string) {
  return queryOptions({ queryKey: ['esia-link', ticket], queryFn: ({ signal }) => getLinkTicket(ticket, signal), staleTime: Infinity, retry: false });
}

export function useLinkTicket(ticket: string | null) {
  return useQuery({ ...linkTicketQueryOptions(ticket ?? ''), enabled: Boolean(ticket) });
}

/** POST /auth/esia/link/sms — a code to that customer's phone. */
export function sendLinkCode(ticket: string): Promise<EsiaLinkSmsResponse> {
  return apiRequest<EsiaLinkSmsResponse>('/auth/esia/link/sms', { method: 'POST', body: { ticket }, auth: false });
}

export function useSendLinkCode() {
  return useMutation({ mutationFn: sendLinkCode });
}

/** POST /auth/esia/link — the password or the code: links Gosuslugi and signs in. */
export function confirmLink(body: EsiaLinkConfirmRequest): Promise<TokenResponse> {
  return apiRequest<TokenResponse>('/auth/esia/link', { method: 'POST', body, auth: false });
}

export function useConfirmLink() {
  return useMutation({ mutationFn: confirmLink, onSuccess: (token) => sessionStore.signIn(token) });
}
