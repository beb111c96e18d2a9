import {
  SUPPORT_TOKEN_HEADER,
  type CloseChatRequest,
  type OpenChatRequest,
  type OpenVisitorChatRequest,
  type Page,
  type SendMessageRequest,
  type SupportAttachmentView,
  type SupportChatDetailView,
  type SupportChatView,
  type SupportMessageView,
  type SupportOperatorView,
  type SupportQueueItemView,
  type SupportQueueQuery,
  type SupportStaffChatView,
  type SupportTopic,
  type VisitorChatView,
} from '@cabinet/shared-types';
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDownload, apiRequest } from '@/shared/api/client';
import { newIdempotencyKey } from '@/shared/lib/browser';

export const supportQueryKey = ['support'] as const;

/**
 * Who is talking: the signed-in customer (`/support/chats`), a visitor of the public site with the token
 * of their chat (`/support/visitor/chats`), or staff (`/backoffice/support/chats`).
 */
export type ChatSide = { kind: 'customer' } | { kind: 'visitor'; token: string } | { kind: 'staff' };

export function chatBase(side: ChatSide): string {
  return side.kind === 'customer' ? '/support/chats' : side.kind === 'visitor' ? '/support/visitor/chats' : '/backoffice/support/chats';
}

/** The request options of a side: a visitor sends the chat's token and no bearer token. */
export function sideOptions(side: ChatSide): { auth?: boolean; headers?: Record<string, string> } {
  return side.kind === 'visitor' ? { auth: false, headers: { [SUPPORT_TOKEN_HEADER]: side.token } } : {};
}

// ---- the customer's chats ----

export function myChatsQueryOptions() {
  return queryOptions({
    queryKey: [...supportQueryKey, 'mine'],
    queryFn: ({ signal }) => apiRequest<Page<SupportChatView>>('/support/chats', { signal, query: { limit: 50 } }),
    staleTime: 10_000,
  });
}

export function useMyChats() {
  return useQuery(myChatsQueryOptions());
}

export function chatQueryOptions(side: ChatSide, id: string) {
  return queryOptions({
    queryKey: [...supportQueryKey, side.kind, 'chat', id],
    queryFn: ({ signal }) => apiRequest<SupportChatDetailView | SupportStaffChatView>(`${chatBase(side)}/${encodeURIComponent(id)}`, { signal, ...sideOptions(side) }),
    staleTime: 5_000,
  });
}

export function useChat(side: ChatSide, id: string) {
  return useQuery(chatQueryOptions(side, id));
}

export function useOpenChat() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: OpenChatRequest) => apiRequest<SupportChatDetailView>('/support/chats', { method: 'POST', body, headers: { 'Idempotency-Key': newIdempotencyKey() } }),
    onSuccess: () => client.invalidateQueries({ queryKey: myChatsQueryOptions().queryKey }),
  });
}

export function useOpenVisitorChat() {
  return useMutation({
    mutationFn: (body: OpenVisitorChatRequest) =>
      apiRequest<VisitorChatView>('/support/visitor/chats', { method: 'POST', body, auth: false, headers: { 'Idempotency-Key': newIdempotencyKey() } }),
  });
}

export function useSendMessage(side: ChatSide, id: string) {
  return useMutation({
    mutationFn: (body: SendMessageRequest) =>
      apiRequest<SupportMessageView>(`${chatBase(side)}/${encodeURIComponent(id)}/messages`, {
        method: 'POST',
        body,
        ...sideOptions(side),
        headers: { ...sideOptions(side).headers, 'Idempotency-Key': newIdempotencyKey() },
      }),
  });
}

/** Reads a file as base64 (without the `data:` prefix) for the JSON upload. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export function useUploadAttachment(side: ChatSide, id: string) {
  return useMutation({
    mutationFn: async (file: File) =>
      apiRequest<SupportAttachmentView>(`${chatBase(side)}/${encodeURIComponent(id)}/attachments`, {
        method: 'POST',
        body: { fileName: file.name, contentBase64: await fileToBase64(file) },
        ...sideOptions(side),
        headers: { ...sideOptions(side).headers, 'Idempotency-Key': newIdempotencyKey() },
      }),
  });
}

/** An attached file as a Blob (a plain link could not carry the token). */
export async function downloadAttachment(side: ChatSide, chatId: string, attachmentId: string, fileName: string): Promise<Blob> {
  const { blob } = await apiDownload(`${chatBase(side)}/${encodeURIComponent(chatId)}/attachments/${encodeURIComponent(attachmentId)}`, {
    fallbackName: fileName,
    ...sideOptions(side),
  });
  return blob;
}

export function useCloseChat(side: ChatSide, id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CloseChatRequest | undefined) =>
      side.kind === 'staff'
        ? apiRequest<SupportStaffChatView>(`/backoffice/support/chats/${encodeURIComponent(id)}/close`, { method: 'POST' })
        : apiRequest<SupportChatDetailView>(`${chatBase(side)}/${encodeURIComponent(id)}/close`, { method: 'POST', body, ...sideOptions(side) }),
    onSuccess: (chat) => {
      client.setQueryData(chatQueryOptions(side, id).queryKey, chat);
      void client.invalidateQueries({ queryKey: supportQueryKey });
    },
  });
}

// ---- the back office ----

export function queueQueryOptions(q: Omit<SupportQueueQuery, 'cursor' | 'limit'>) {
  return infiniteQueryOptions({
    queryKey: [...supportQueryKey, 'queue', q],
    queryFn: ({ signal, pageParam }) =>
      apiRequest<Page<SupportQueueItemView>>('/backoffice/support/chats', { signal, query: { ...q, limit: 50, cursor: pageParam ?? undefined } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** The queue, read again every 5 s (new chats arrive all the time). */
export function useQueue(q: Omit<SupportQueueQuery, 'cursor' | 'limit'>) {
  return useInfiniteQuery({ ...queueQueryOptions(q), refetchInterval: 5_000 });
}

export function useTakeChat(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<SupportStaffChatView>(`/backoffice/support/chats/${encodeURIComponent(id)}/take`, { method: 'POST' }),
    onSuccess: (chat) => {
      client.setQueryData(chatQueryOptions({ kind: 'staff' }, id).queryKey, chat);
      void client.invalidateQueries({ queryKey: [...supportQueryKey, 'queue'] });
    },
  });
}

export function useOperators(enabled: boolean) {
  return useQuery({
    queryKey: [...supportQueryKey, 'operators'],
    queryFn: ({ signal }) => apiRequest<{ items: SupportOperatorView[] }>('/backoffice/support/operators', { signal }),
    enabled,
    select: (d) => d.items,
  });
}

export function useSetOperatorTopics() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, topics }: { id: string; topics: SupportTopic[] }) =>
      apiRequest<SupportOperatorView>(`/backoffice/support/operators/${encodeURIComponent(id)}/topics`, { method: 'PUT', body: { topics } }),
    onSuccess: () => client.invalidateQueries({ queryKey: [...supportQueryKey, 'operators'] }),
  });
}
