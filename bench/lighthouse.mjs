// Lighthouse on many pages with one browser: Debian's Chromium (CHROME_PATH), never a downloaded one.
// Launching Chromium once saves a few seconds a page over the `lighthouse` command, which is what lets
// tests/test_lighthouse.py run every page type in the test suite. Called by bench/lighthouse.py.
//
// stdin:  [{"url": "http://…/", "categories": ["accessibility", …]}, …]
// stdout: one Lighthouse result (LHR) per line, in the same order, without screenshots.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu'];
// The screenshots are for people reading an HTML report; no score depends on them.
const SKIPPED = ['screenshot-thumbnails', 'final-screenshot'];

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const pages = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const chrome = await chromeLauncher.launch({chromePath: process.env.CHROME_PATH, chromeFlags: FLAGS});
try {
  for (const {url, categories} of pages) {
    const {lhr} = await lighthouse(url, {port: chrome.port, logLevel: 'error', formFactor: 'mobile',
      onlyCategories: categories, skipAudits: SKIPPED, disableFullPageScreenshot: true});
    delete lhr.i18n;
    delete lhr.timing;
    process.stdout.write(JSON.stringify(lhr) + '\n');
  }
} finally {
  await chrome.kill();
}
