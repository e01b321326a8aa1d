// Screenshots of a few pages for a person to look at (not a test):
// node look.mjs BASE LOGIN PASSWORD OUTDIR LANG PATH...
import { chromium } from 'playwright-core';
const [base, login, password, out, lang, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ locale: lang === 'fr' ? 'fr-CA' : 'en-GB', viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
await page.goto(`${base}/login`);
await page.fill('#login', login);
await page.fill('#password', password);
await Promise.all([page.waitForEvent('load'), page.click('form[action="/login"] button')]);
for (const p of paths) {
  await page.goto(`${base}${p}`);
  const name = p.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home';
  await page.screenshot({ path: `${out}/${lang}-${name}.png`, fullPage: true });
}
await browser.close();
