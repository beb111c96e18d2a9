import type { ApplicationStatusView, CallbackRequestRequest, InternetApplicationRequest, MobileApplicationRequest } from '@cabinet/shared-types';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '@/shared/api/client';

/** POST /applications/mobile — public: no sign-in. */
export function submitMobileApplication(body: MobileApplicationRequest): Promise<ApplicationStatusView> {
  return apiRequest<ApplicationStatusView>('/applications/mobile', { method: 'POST', body, auth: false });
}

export function useSubmitMobileApplication() {
  return useMutation({ mutationFn: submitMobileApplication });
}

/** POST /applications/internet */
export function submitInternetApplication(body: InternetApplicationRequest): Promise<ApplicationStatusView> {
  return apiRequest<ApplicationStatusView>('/applications/internet', { method: 'POST', body, auth: false });
}

export function useSubmitInternetApplication() {
  return useMutation({ mutationFn: submitInternetApplication });
}

/** POST /callback-requests */
export function submitCallbackRequest(body: CallbackRequestRequest): Promise<ApplicationStatusView> {
  return apiRequest<ApplicationStatusView>('/callback-requests', { method: 'POST', body, auth: false });
}

export function useSubmitCallbackRequest() {
  return useMutation({ mutationFn: submitCallbackRequest });
}
