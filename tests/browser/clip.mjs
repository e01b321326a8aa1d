import { chromium } from 'playwright-core';
const [base, login, password, out, lang, path, ...offsets] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const context = await browser.newContext({ locale: lang === 'fr' ? 'fr-CA' : 'en-GB', viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
await page.goto(`${base}/login`);
await page.fill('#login', login);
await page.fill('#password', password);
await Promise.all([page.waitForEvent('load'), page.click('form[action="/login"] button')]);
await page.goto(`${base}${path}`);
for (const o of offsets) {
  await page.screenshot({ path: `${out}/${lang}-clip-${o}.png`, fullPage: true, clip: { x: 0, y: Number(o), width: 1280, height: 1100 } });
}
await browser.close();
