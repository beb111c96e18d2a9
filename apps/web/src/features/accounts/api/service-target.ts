/** What a tariff change, block or option applies to: one mobile line, or the internet contract. */
export type ServiceTarget = { accountId: string; lineId: string } | { accountId: string; lineId: null };

export function servicePath(target: ServiceTarget): string {
  const account = `/accounts/${encodeURIComponent(target.accountId)}`;
  return target.lineId ? `${account}/lines/${encodeURIComponent(target.lineId)}` : `${account}/contract`;
}
