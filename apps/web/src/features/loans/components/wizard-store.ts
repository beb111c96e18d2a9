import { useSyncExternalStore } from 'react';

export type WizardStep = 'amount' | 'phone' | 'personal' | 'consents';
export const wizardSteps: WizardStep[] = ['amount', 'phone', 'personal', 'consents'];

export interface WizardState {
  productId: string | null;
  amount: number | null;
  termDays: number | null;
  step: WizardStep;
  /** The server-side draft, once the phone is confirmed. */
  loanId: string | null;
  /** Memory only: the proof the phone was confirmed (never stored). */
  verificationToken: string | null;
  phone: string | null;
  registered: boolean | null;
  /** Memory only: why creating the draft failed (the page may have remounted in between). */
  failure: string | null;
}

const storageKey = 'cabinet.loanWizard';
const initial: WizardState = { productId: null, amount: null, termDays: null, step: 'amount', loanId: null, verificationToken: null, phone: null, registered: null, failure: null };

/** What survives a reload: the chosen amount and term, the step and the draft's id — no token, no personal data. */
function load(): WizardState {
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey) ?? 'null') as Partial<WizardState> | null;
    if (!saved) return initial;
    return {
      ...initial,
      productId: typeof saved.productId === 'string' ? saved.productId : null,
      amount: typeof saved.amount === 'number' ? saved.amount : null,
      termDays: typeof saved.termDays === 'number' ? saved.termDays : null,
      step: wizardSteps.includes(saved.step as WizardStep) ? (saved.step as WizardStep) : 'amount',
      loanId: typeof saved.loanId === 'string' ? saved.loanId : null,
    };
  } catch {
    return initial;
  }
}

let state: WizardState | null = null;
const listeners = new Set<() => void>();

function current(): WizardState {
  state ??= load();
  return state;
}

function save(next: WizardState): void {
  try {
    const { productId, amount, termDays, step, loanId } = next;
    localStorage.setItem(storageKey, JSON.stringify({ productId, amount, termDays, step, loanId }));
  } catch {
    // Private mode: the draft lives as long as the page.
  }
}

/**
 * The wizard's state outside React: signing in halfway swaps the page's frame (public → cabinet) and
 * remounts the page, which must find the wizard where it was. Saved in localStorage as the draft.
 */
export const wizardStore = {
  get: current,
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  set(patch: Partial<WizardState>) {
    state = { ...current(), ...patch };
    save(state);
    listeners.forEach((l) => l());
  },
  /** The application was submitted (or abandoned): start afresh next time. */
  clear() {
    state = { ...initial };
    try {
      localStorage.removeItem(storageKey);
    } catch {
      // nothing saved
    }
    listeners.forEach((l) => l());
  },
  /** Tests only. */
  reset() {
    state = null;
  },
};

export function useWizard(): WizardState {
  return useSyncExternalStore(wizardStore.subscribe, current, current);
}
