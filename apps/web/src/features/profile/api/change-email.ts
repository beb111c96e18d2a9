import type { CustomerView, EmailChangeRequest } from '@cabinet/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { meQueryKey } from '@/shared/api/me';

/** PUT /me/email — password again + the new address, or null to remove it. */
export function changeEmail(body: EmailChangeRequest): Promise<CustomerView> {
  return apiRequest<CustomerView>('/me/email', { method: 'PUT', body });
}

export function useChangeEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changeEmail,
    onSuccess: (customer) => queryClient.setQueryData(meQueryKey, customer),
  });
}
