import type { AccountView } from '@cabinet/shared-types';
import type { ReactNode } from 'react';

/**
 * What other features add to the account page (composed in src/app, since features never import
 * each other): tabs of their own and actions next to "top up".
 */
export interface AccountTabSlot {
  /** The URL segment: /accounts/:id/<key>. */
  key: string;
  label: string;
  visible: (account: AccountView) => boolean;
  render: (account: AccountView) => ReactNode;
}

export interface AccountSlots {
  tabs?: AccountTabSlot[];
  /** Shown under the page heading on every tab (promised or deferred payment…). */
  actions?: (account: AccountView) => ReactNode;
}
