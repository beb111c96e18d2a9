/**
 * What leaves the SPA for another page or the file system. One object, so tests can watch these
 * calls (jsdom cannot navigate away or save files).
 */
export const browser = {
  /** A full page load of `url`: the acquirer's card page, its 3-D Secure page, a wallet. */
  assign(url: string): void {
    window.location.assign(url);
  },
  /** Hands a downloaded Blob to the browser as a file. */
  saveFile(blob: Blob, fileName: string): void {
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.rel = 'noopener';
    link.style.display = 'none';
    document.body.append(link);
    link.click();
    link.remove();
    // Some engines start the download after the click handler returns.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
  print(): void {
    window.print();
  },
};

/** A fresh key for one attempt of a money-moving POST (`Idempotency-Key`). */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Old engines without randomUUID: a v4-shaped key from getRandomValues.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
