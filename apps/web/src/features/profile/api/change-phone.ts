import type {
  CustomerView,
  PhoneChangeConfirmRequest,
  PhoneChangeRequest,
  PhoneChangeStartedResponse,
} from '@cabinet/shared-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';
import { meQueryKey } from '@/shared/api/me';

/** POST /me/phone — password again + the new phone; a code goes to the new phone. */
export function startPhoneChange(body: PhoneChangeRequest): Promise<PhoneChangeStartedResponse> {
  return apiRequest<PhoneChangeStartedResponse>('/me/phone', { method: 'POST', body });
}

export function useStartPhoneChange() {
  return useMutation({ mutationFn: startPhoneChange });
}

/** POST /me/phone/confirm — the code from the SMS; answers the updated customer. */
export function confirmPhoneChange(body: PhoneChangeConfirmRequest): Promise<CustomerView> {
  return apiRequest<CustomerView>('/me/phone/confirm', { method: 'POST', body });
}

export function useConfirmPhoneChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmPhoneChange,
    onSuccess: (customer) => queryClient.setQueryData(meQueryKey, customer),
  });
}
