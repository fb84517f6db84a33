import { chromiumHelp, findChromium } from './find-chromium.mjs';

if (!findChromium()) {
  console.error(chromiumHelp);
  process.exit(1);
}
