import type { PushConfigView, PushSubscriptionView } from '@cabinet/shared-types';
import { apiRequest } from '@/shared/api/client';

export function getPushConfig(): Promise<PushConfigView> {
  return apiRequest('/push/config', { auth: false });
}

/** This browser's subscription, handed to the API (idempotent by its endpoint). */
export function saveSubscription(subscription: PushSubscriptionJSON): Promise<PushSubscriptionView> {
  return apiRequest('/me/push-subscriptions', { method: 'POST', body: { endpoint: subscription.endpoint, keys: subscription.keys } });
}

export function forgetSubscription(endpoint: string): Promise<void> {
  return apiRequest('/me/push-subscriptions/unsubscribe', { method: 'POST', body: { endpoint } });
}

/** base64url → the bytes `pushManager.subscribe` wants as `applicationServerKey`. */
export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const raw = atob(base64);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

export type PushState = 'unsupported' | 'unavailable' | 'denied' | 'off' | 'on';

function supported(): boolean {
  return typeof navigator !== 'undefined' && 'serviceWorker' in navigator && typeof window !== 'undefined' && 'PushManager' in window && 'Notification' in window;
}

async function registration(): Promise<ServiceWorkerRegistration | null> {
  if (!supported()) return null;
  return (await navigator.serviceWorker.getRegistration('/')) ?? null;
}

/** Where this browser stands: no push at all, blocked, off or on. */
export async function pushState(): Promise<PushState> {
  if (!supported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  const reg = await registration();
  if (!reg) return 'unavailable';
  return (await reg.pushManager.getSubscription()) ? 'on' : 'off';
}

/** Asks the browser's permission, subscribes with the server's VAPID key and tells the API. */
export async function enablePush(): Promise<PushState> {
  const config = await getPushConfig();
  if (!config.publicKey) return 'unavailable';
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return permission === 'denied' ? 'denied' : 'off';
  const reg = await navigator.serviceWorker.ready;
  const subscription = (await reg.pushManager.getSubscription()) ?? (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(config.publicKey) }));
  await saveSubscription(subscription.toJSON());
  return 'on';
}

export async function disablePush(): Promise<PushState> {
  const reg = await registration();
  const subscription = await reg?.pushManager.getSubscription();
  if (subscription) {
    await forgetSubscription(subscription.endpoint).catch(() => undefined);
    await subscription.unsubscribe();
  }
  return 'off';
}
