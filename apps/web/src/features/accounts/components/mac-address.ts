/** `AA:BB:CC:DD:EE:FF`, `aa-bb-cc-dd-ee-ff` or `aabb.ccdd.eeff` — the forms the API accepts. */
const macForms = [/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i, /^([0-9a-f]{2}-){5}[0-9a-f]{2}$/i, /^([0-9a-f]{4}\.){2}[0-9a-f]{4}$/i];

export function isMacAddress(value: string): boolean {
  const trimmed = value.trim();
  return macForms.some((form) => form.test(trimmed));
}

/** Any accepted form → `AA:BB:CC:DD:EE:FF` (for comparing with what is registered). */
export function normalizeMac(value: string): string {
  const hex = value.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return hex.match(/.{2}/g)?.join(':') ?? hex;
}
