import { existsSync } from 'node:fs';

/** Chromium for browser tests: `CHROME_PATH` if set, else Debian's package. Never downloads one. */
export function findChromium() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  return candidates.find((path) => existsSync(path));
}

export const chromiumHelp = `No Chromium was found for the browser tests.
Install Debian's package:   sudo apt-get install -y chromium
or point at another build:  CHROME_PATH=/path/to/chrome npm test`;
