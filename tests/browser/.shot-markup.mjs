import { chromium } from 'playwright-core';
const [base, login, password, out, lang] = process.argv.slice(2);
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
await page.goto(`${base}/projects/new`);
const html = await page.content();
console.log(html.match(/name="[a-z_]+"/g).join(' '));
await page.fill('[name="title"]', 'Flare calls');
await page.fill('[name="aim"]', 'Fewer flares <b>this year</b>');
await Promise.all([page.waitForEvent('load'), page.click('main form button[type="submit"], main form button')]);
await page.screenshot({ path: `${out}/${lang}-markup.png`, fullPage: true });
await browser.close();
