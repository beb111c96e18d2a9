import { existsSync } from 'node:fs';

/** Debian's chromium (apt-get install -y chromium); playwright-core drives it, never downloads one. */
export const chromiumCandidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  (path): path is string => Boolean(path),
);

export function findChromium(): string | null {
  return chromiumCandidates.find((path) => existsSync(path)) ?? null;
}

/** Flags for a quiet, hermetic headless run in a container (playwright-core adds a temp profile). */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
