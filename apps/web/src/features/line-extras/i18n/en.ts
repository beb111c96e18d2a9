import type { Dictionary } from '@/shared/i18n/dictionary';

/** English texts of the line extras, fetched when the language is English. */
export const en: Dictionary = {
  tab: 'Blacklist and subscriptions',
  line: 'Number',
  blacklist: {
    title: 'Call blacklist',
    intro: 'Calls and texts from these numbers will not reach you while the list is on.',
    switch: 'Blacklist on',
    fee: 'Costs {{amount}} per billing period, charged when switched on and at the start of each period.',
    count: '{{count}} of {{max}} on the list',
    number: 'Number to block',
    note: 'Note (optional)',
    add: 'Add',
    remove: 'Remove {{number}}',
    empty: 'The list is empty.',
    added: '{{number}} added.',
    removed: '{{number}} removed.',
    on: 'The blacklist is on; at most {{amount}} was charged.',
    off: 'The blacklist is off.',
    invalid: 'Enter a phone number, e.g. 8 921 000-00-00.',
  },
  content: {
    title: 'Paid subscriptions',
    intro: 'Why money disappears: subscriptions and content services on the number, their price and what they have cost.',
    total: 'Active subscriptions: {{amount}} per period',
    price: '{{amount}} per period',
    charged: 'Charged so far: {{amount}}',
    off: 'Switch off',
    switchedOff: 'Switched off',
    done: '“{{title}}” is off; no more charges.',
    empty: 'No paid subscriptions.',
    kind_subscription: 'Subscription',
    kind_content: 'Content service',
  },
  viewOnly: 'Your access is view-only.',
  errors: {
    blacklist_full: 'The list holds 300 numbers already — remove some.',
    blacklist_number_exists: 'This number is on the list already.',
    content_service_off: 'The subscription is off already.',
  },
};
