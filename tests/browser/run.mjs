// Tandem's pages in Debian's Chromium, driven by playwright-core: every page of the plan, in
// English and French, for each role that can see it, checked by axe for WCAG 2.1 A and AA and
// saved as a full-page screenshot; then a keyboard-only path through the hub's pages.
//
// The plan (TANDEM_BROWSER_PLAN, a JSON file) is written by tests/tests/browser.rs, which
// starts a real hub and node on loopback first. Exit code 0 only if every check passed.

import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

const plan = JSON.parse(fs.readFileSync(process.env.TANDEM_BROWSER_PLAN, 'utf8'));
fs.mkdirSync(plan.screenshots, { recursive: true });

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const LANGS = ['en', 'fr'];
const failures = [];
let checked = 0;

const browser = await chromium.launch({
  executablePath: plan.chromium,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
});

function fail(message) {
  failures.push(message);
  console.error(`FAIL ${message}`);
}

// A browser whose Accept-Language asks for `lang`, as a person's own browser would.
async function newContext(lang) {
  const context = await browser.newContext({
    locale: lang === 'fr' ? 'fr-CA' : 'en-GB',
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(15000);
  return context;
}

// Check the page in front of us: its language, axe's verdict, and a screenshot to look at.
async function check(page, name, lang) {
  const htmlLang = await page.getAttribute('html', 'lang');
  if (htmlLang !== lang) fail(`${name}: <html lang="${htmlLang}">, expected ${lang}`);
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  for (const v of results.violations) {
    const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
    fail(`${name}: ${v.id} (${v.impact}): ${v.help} at ${where}`);
  }
  await page.screenshot({ path: path.join(plan.screenshots, `${name}.png`), fullPage: true });
  checked += 1;
}

function slug(p) {
  const s = p.replace(/^\/+/, '').replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, '');
  return s === '' ? 'home' : s;
}

async function logIn(page, base, person) {
  await page.goto(`${base}/login`);
  await page.fill('#login', person.login);
  await page.fill('#password', person.password);
  await Promise.all([page.waitForEvent('load'), page.click('form[action="/login"] button')]);
  if (new URL(page.url()).pathname === '/login') {
    throw new Error(`${person.login} could not log in at ${base}`);
  }
}

async function visit(page, base, entry, name, lang) {
  const response = await page.goto(`${base}${entry.path}`);
  const want = entry.status ?? 200;
  if (response.status() !== want) fail(`${name}: status ${response.status()}, expected ${want}`);
  await check(page, name, lang);
}

for (const site of plan.sites) {
  for (const lang of LANGS) {
    const context = await newContext(lang);
    const page = await context.newPage();
    for (const entry of site.anonymous) {
      await visit(page, site.url, entry, `${site.binary}-anonymous-${lang}-${entry.name ?? slug(entry.path)}`, lang);
    }
    await context.close();
    for (const person of site.people) {
      const context = await newContext(lang);
      const page = await context.newPage();
      try {
        await logIn(page, site.url, person);
        for (const entry of site.pages.filter((e) => e.roles.includes(person.role))) {
          const name = `${site.binary}-${person.role}-${lang}-${entry.name ?? slug(entry.path)}`;
          await visit(page, site.url, entry, name, lang);
        }
      } catch (e) {
        fail(`${site.binary} ${person.role} ${lang}: ${e.message}`);
      }
      await context.close();
    }
  }
}

// The states pages reach after a form: a definitions file previewed before publishing.
if (plan.definitions) {
  const hub = plan.sites.find((s) => s.binary === 'hub');
  const admin = hub.people.find((p) => p.role === 'admin');
  for (const lang of LANGS) {
    const context = await newContext(lang);
    const page = await context.newPage();
    try {
      await logIn(page, hub.url, admin);
      await page.goto(`${hub.url}/admin/definitions`);
      await page.setInputFiles('#definitions-file', plan.definitions);
      await Promise.all([
        page.waitForEvent('load'),
        page.click('form[enctype="multipart/form-data"] button'),
      ]);
      if (!(await page.isVisible('#preview-heading'))) fail(`definitions preview (${lang}) not shown`);
      await check(page, `hub-admin-${lang}-definitions-preview`, lang);
    } catch (e) {
      fail(`definitions preview ${lang}: ${e.message}`);
    }
    await context.close();
  }
}

// The public catalogue as a family uses it, with no account: search and filters in both
// languages (WCAG 2.2 AA too), the page at 320 px wide without sideways scrolling and with
// every control at least 24 px high, a practice read, a reaction given and thanked.
if (plan.catalogue) {
  const { url, practice, title } = plan.catalogue;
  const TAGS22 = [...TAGS, 'wcag22a', 'wcag22aa'];
  try {
    for (const lang of LANGS) {
      const context = await newContext(lang);
      const page = await context.newPage();
      await page.goto(`${url}/catalogue?lang=${lang}`);
      await page.fill('#q', lang === 'fr' ? 'flare' : 'flares');
      await Promise.all([page.waitForEvent('load'), page.click('form.search button[type="submit"]')]);
      const found = await page.textContent('#results');
      if (!/1 (idea|idée)/.test(found)) throw new Error(`${lang} search found: ${found}`);
      if (lang === 'fr' && !(await page.isVisible('.untranslated'))) throw new Error('no not-yet-translated note in French');
      await page.selectOption('#evidence', 'several-clinics');
      await Promise.all([page.waitForEvent('load'), page.click('form.search button[type="submit"]')]);
      if (!/^(No idea|Aucune idée)/.test((await page.textContent('#results')).trim())) throw new Error('the evidence filter kept an untested practice');
      const axe = await new AxeBuilder({ page }).withTags(TAGS22).analyze();
      for (const v of axe.violations) fail(`catalogue ${lang} filtered: ${v.id}: ${v.help}`);
      await page.setViewportSize({ width: 320, height: 640 });
      for (const p of [`/catalogue?lang=${lang}`, `${practice}?lang=${lang}`]) {
        await page.goto(`${url}${p}`);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        if (wide > 320) fail(`${p} at 320 px is ${wide} px wide`);
        const small = await page.$$eval('main button, main input, main select, main a, header a', (els) => els
          .filter((e) => e.type !== 'hidden' && e.offsetParent !== null)
          .filter((e) => { const r = e.getBoundingClientRect(); return r.height < 24 || r.width < 24; })
          .map((e) => e.outerHTML.slice(0, 80)));
        if (small.length > 0) fail(`${p}: targets under 24 px: ${small.join(' | ')}`);
        await page.screenshot({ path: path.join(plan.screenshots, `catalogue-320-${lang}-${slug(p)}.png`), fullPage: true });
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${url}/catalogue?lang=${lang}`);
      await Promise.all([page.waitForEvent('load'), page.click(`ul.results a:has-text("${title}")`)]);
      if (!(await page.textContent('h1')).includes(title)) throw new Error('the practice page does not show its title');
      const ladder = await page.textContent('ol.ladder');
      if (!/(1\.|2\.)/.test(ladder)) throw new Error(`no evidence ladder: ${ladder}`);
      await Promise.all([page.waitForEvent('load'), page.click('form.reactions button[value="tried"]')]);
      if (!new URL(page.url()).search.includes('noted=')) throw new Error(`no note after a reaction: ${page.url()}`);
      const said = await page.textContent('#reactions');
      if (!/(Thank you|Merci)/.test(said)) throw new Error(`the reaction was not thanked: ${said}`);
      await check(page, `hub-anonymous-${lang}-catalogue-reacted`, lang);
      await page.emulateMedia({ media: 'print' });
      if (await page.isVisible('form.reactions')) fail(`${lang}: the reaction buttons print`);
      if (await page.isVisible('details.tell')) fail(`${lang}: the story form prints`);
      await page.emulateMedia({ media: 'screen' });
      // A story that is not one yet comes back with what is wrong, the words kept.
      await page.click('details.tell summary');
      await page.fill('#story-text', lang === 'fr' ? 'Trop court' : 'Too short');
      await Promise.all([page.waitForEvent('load'), page.click('#story-form button[type="submit"]')]);
      if (!(await page.isVisible('#story-errors'))) throw new Error(`${lang}: a short story was not refused`);
      if ((await page.inputValue('#story-text')) === '') throw new Error(`${lang}: the refused words were lost`);
      await check(page, `hub-anonymous-${lang}-catalogue-story-refused`, lang);
      await context.close();
    }
    // A family tells a story; it shows nowhere until the editor publishes it, edited; the
    // family then takes it back with their link.
    const family = await (await newContext('en')).newPage();
    await family.goto(`${url}${practice}?lang=en`);
    await family.click('details.tell summary');
    const told = 'My daughter Emma Gagnon had the call on 3 May. The nurse asked how she was, and we felt less alone.';
    const edited = 'The nurse called a week after the flare and asked how my daughter was. We felt less alone.';
    await family.fill('#story-text', told);
    await family.check('#story-own');
    await family.check('#story-agree');
    await Promise.all([family.waitForEvent('load'), family.click('#story-form button[type="submit"]')]);
    const link = await family.getAttribute('#story-link', 'href');
    if (!link) throw new Error('no link for the teller');
    await check(family, 'hub-anonymous-en-catalogue-story-sent', 'en');
    await family.goto(`${url}${practice}?lang=en`);
    if ((await family.textContent('#stories')).includes('Emma')) throw new Error('a story shows before moderation');
    const editor = await (await newContext('en')).newPage();
    await editor.goto(`${url}/login`);
    await editor.fill('#login', plan.catalogue.editor.login);
    await editor.fill('#password', plan.catalogue.editor.password);
    await Promise.all([editor.waitForEvent('load'), editor.click('form[action="/login"] button')]);
    await editor.goto(`${url}/editor/stories`);
    await check(editor, 'hub-editor-en-stories', 'en');
    await Promise.all([editor.waitForEvent('load'), editor.click('tbody a')]);
    const story = editor.url();
    await editor.goto(`${url}/lang/fr?next=${encodeURIComponent(new URL(story).pathname)}`);
    await check(editor, 'hub-editor-fr-story', 'fr');
    await editor.goto(`${url}/lang/en?next=${encodeURIComponent(new URL(story).pathname)}`);
    const marked = await editor.$$eval('.story-original mark.finding', (m) => m.map((e) => e.textContent));
    if (!marked.some((m) => m.includes('Emma'))) throw new Error(`the name is not marked: ${marked}`);
    await check(editor, 'hub-editor-en-story', 'en');
    await Promise.all([editor.waitForEvent('load'), editor.click('button[value="publish"]')]);
    if (!(await editor.isVisible('#decide-error'))) throw new Error('a story naming a child was published as sent');
    await editor.fill('#text', edited);
    await Promise.all([editor.waitForEvent('load'), editor.click('button[value="publish"]')]);
    if (!/published/.test(await editor.textContent('.notice'))) throw new Error('the story was not published');
    // The page may be kept for a minute (Cache-Control): a reload asks again, by its ETag.
    await family.goto(`${url}${practice}?lang=en`);
    await family.reload();
    const shown = await family.textContent('#stories');
    if (!shown.includes('felt less alone') || shown.includes('Emma')) throw new Error(`published story: ${shown}`);
    await check(family, 'hub-anonymous-en-catalogue-story-published', 'en');
    await family.goto(link.replace('lang=en', 'lang=fr'));
    await check(family, 'hub-anonymous-fr-catalogue-story-teller', 'fr');
    await family.goto(link);
    await check(family, 'hub-anonymous-en-catalogue-story-teller', 'en');
    await Promise.all([family.waitForEvent('load'), family.click('form.withdraw button')]);
    if (!(await family.textContent('main')).includes('Your story is gone')) throw new Error('the story was not withdrawn');
    await family.goto(`${url}${practice}?lang=en`);
    await family.reload();
    if ((await family.textContent('#stories')).includes('felt less alone')) throw new Error('a withdrawn story still shows');
    console.log('catalogue: searched and filtered in both languages, reflowed at 320 px with 24 px targets, read a practice, reacted');
    console.log('catalogue story: refused with its words kept, sent, hidden until moderated, marked for the editor, refused as sent, published edited, withdrawn');
  } catch (e) {
    fail(`catalogue: ${e.message}`);
  }
}

// Press Tab until `selector` has the focus, as a keyboard user would; at most `limit` presses.
async function tabTo(page, selector, limit = 60) {
  for (let i = 0; i < limit; i += 1) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`the keyboard never reaches ${selector}`);
}

async function pressEnterAndLoad(page) {
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
}

// Log in, add a person, issue an enrolment code and log out with the keyboard alone.
if (plan.keyboard) {
  const { url, login, password } = plan.keyboard;
  const context = await newContext('en');
  const page = await context.newPage();
  try {
    await page.goto(`${url}/login`);
    await tabTo(page, '#login');
    await page.keyboard.type(login);
    await tabTo(page, '#password');
    await page.keyboard.type(password);
    await pressEnterAndLoad(page);
    if (new URL(page.url()).pathname === '/login') throw new Error('the keyboard login failed');

    await tabTo(page, 'a[href="/admin/people"]');
    await pressEnterAndLoad(page);
    await tabTo(page, '#new-login');
    await page.keyboard.type('keyboard.user@example.org');
    await tabTo(page, '#new-name');
    await page.keyboard.type('Kim Keyboard');
    await tabTo(page, '#new-role');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, 'form[action="/admin/people"] button');
    await pressEnterAndLoad(page);
    const link = await page.inputValue('#new-link');
    if (!link.includes('/set-password/')) throw new Error(`no set-password link shown: ${link}`);
    await check(page, 'hub-keyboard-en-person-added', 'en');

    await tabTo(page, 'a[href="/admin/clinics"]');
    await pressEnterAndLoad(page);
    await tabTo(page, '#clinic-id');
    await page.keyboard.type('keyboard-clinic');
    await tabTo(page, '#clinic-name');
    await page.keyboard.type('Keyboard Clinic');
    await tabTo(page, 'form[action="/admin/clinics"] button');
    await pressEnterAndLoad(page);
    const code = await page.inputValue('#new-code');
    if (code.length < 20) throw new Error(`no enrolment code shown: ${code}`);
    await check(page, 'hub-keyboard-en-code-issued', 'en');

    // A measure: accept the suggested centre line with a note, undo it, download the CSV.
    await tabTo(page, 'nav a[href="/"]');
    await pressEnterAndLoad(page);
    await tabTo(page, 'a[href="/measures/remission"]');
    await pressEnterAndLoad(page);
    await tabTo(page, 'form.suggestion input[name="note"]', 120);
    await page.keyboard.type('The flare line opened');
    await tabTo(page, 'form.suggestion button');
    await pressEnterAndLoad(page);
    if (!(await page.content()).includes('New centre line from')) throw new Error('the centre line was not accepted');
    await check(page, 'hub-keyboard-en-centre-line-accepted', 'en');
    await tabTo(page, 'form[action$="/undo"] button', 120);
    await pressEnterAndLoad(page);
    if (!(await page.content()).includes('<del>New centre line from')) throw new Error('the centre line was not undone');
    await tabTo(page, 'a[href="/measures/remission/network.csv"]', 120);
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    if (!csv.replace(/^\uFEFF/, '').startsWith('month,numerator,denominator,value,')) throw new Error(`the CSV: ${csv.slice(0, 80)}`);

    await tabTo(page, 'form[action="/logout"] button');
    await pressEnterAndLoad(page);
    if (new URL(page.url()).pathname !== '/login') throw new Error(`after logging out: ${page.url()}`);

    // The language switch, by keyboard, is remembered on the next page.
    await tabTo(page, 'a.switch');
    await pressEnterAndLoad(page);
    await page.goto(`${url}/login`);
    if ((await page.getAttribute('html', 'lang')) !== 'fr') throw new Error('the switch to French is not remembered');
    console.log('keyboard path: logged in, added a person, issued a code, accepted and undid a centre line, downloaded its CSV, logged out, switched language');
  } catch (e) {
    fail(`keyboard path: ${e.message}`);
    await page.screenshot({ path: path.join(plan.screenshots, 'hub-keyboard-failure.png'), fullPage: true });
  }
  await context.close();
}

// A fresh node's set-up page: refused without its key, then, by keyboard alone, the lead
// enrols the node, chooses a password and reaches the home page.
if (plan.setup) {
  const { url, link, hub, code, password } = plan.setup;
  for (const lang of LANGS) {
    const context = await newContext(lang);
    const page = await context.newPage();
    await visit(page, url, { path: '/setup', status: 403 }, `node-first-run-${lang}-setup-no-key`, lang);
    await page.goto(link);
    await check(page, `node-first-run-${lang}-setup-form`, lang);
    await context.close();
  }
  const context = await newContext('en');
  const page = await context.newPage();
  try {
    await page.goto(link);
    await tabTo(page, '#name');
    await page.keyboard.type('Rue Lead');
    await tabTo(page, '#hub');
    await page.keyboard.type(hub);
    await tabTo(page, '#code');
    await page.keyboard.type(code);
    await pressEnterAndLoad(page);
    if (!(await page.isVisible('text=Birch Clinic'))) throw new Error(`not enrolled: ${await page.textContent('main')}`);
    await check(page, 'node-first-run-en-setup-done', 'en');
    await tabTo(page, 'a.button');
    await pressEnterAndLoad(page);
    await tabTo(page, '#password');
    await page.keyboard.type(password);
    await tabTo(page, '#confirm');
    await page.keyboard.type(password);
    await pressEnterAndLoad(page);
    await page.goto(`${url}/`);
    if (!(await page.isVisible('text=Birch Clinic'))) throw new Error(`no home page: ${page.url()}`);
    await check(page, 'node-first-run-en-home', 'en');
    console.log('set-up by keyboard: enrolled, chose a password, reached home');
  } catch (e) {
    fail(`set-up by keyboard: ${e.message}`);
    await page.screenshot({ path: path.join(plan.screenshots, 'node-setup-failure.png'), fullPage: true });
  }
  await context.close();
}

// The node by keyboard, before the extract makes every measure computed: from the home page
// to a measure, and the due month entered.
if (plan.node_flows) {
  const { url, login, password } = plan.node_flows;
  const context = await newContext('en');
  const page = await context.newPage();
  try {
    await page.goto(`${url}/login`);
    await tabTo(page, '#login');
    await page.keyboard.type(login);
    await tabTo(page, '#password');
    await page.keyboard.type(password);
    await pressEnterAndLoad(page);
    await tabTo(page, 'a[href="/measures"]');
    await pressEnterAndLoad(page);
    await tabTo(page, 'a[href="/measures/remission"]');
    await pressEnterAndLoad(page);
    // The month is filled in with the one due; the counts are typed.
    await tabTo(page, '#numerator');
    await page.keyboard.type('44');
    await tabTo(page, '#denominator');
    await page.keyboard.type('81');
    await pressEnterAndLoad(page);
    if (!new URL(page.url()).search.includes('saved=')) throw new Error(`not saved: ${page.url()}`);
    await check(page, 'node-keyboard-en-month-entered', 'en');
    console.log('node keyboard path: entered a month');
  } catch (e) {
    fail(`node keyboard path: ${e.message}`);
    await page.screenshot({ path: path.join(plan.screenshots, 'node-keyboard-failure.png'), fullPage: true });
  }
  await context.close();
}

// Release review by keyboard alone: a member prepares a release and adds a redaction by
// quoting the words (no JavaScript, no mouse); the lead reads it, approves it, withdraws it from
// the outbound log, and syncs.
if (plan.node_flows) {
  const { url, password } = plan.node_flows;
  try {
    const context = await newContext('en');
    const page = await context.newPage();
    await logIn(page, url, { login: plan.node_flows.login, password });
    await page.goto(`${url}/releases`);
    await tabTo(page, 'form[action="/releases"] button');
    await pressEnterAndLoad(page);
    if (!/\/releases\/\d+$/.test(new URL(page.url()).pathname)) throw new Error(`no review page: ${page.url()}`);
    if (!(await page.isVisible('mark.finding'))) throw new Error('no finding marked');
    await check(page, 'node-member-en-release-review', 'en');
    const field = 'div.field[data-field="aim"]';
    const before = await page.locator(`${field} .redacted`).textContent();
    if (!before.includes("twins' mother")) throw new Error(`expected the scrubber to leave these words: ${before}`);
    await tabTo(page, `${field} details summary`, 300);
    await page.keyboard.press('Enter');
    await tabTo(page, `${field} input[name="quote"]`, 20);
    await page.keyboard.type("twins' mother");
    await tabTo(page, `${field} select[name="category"]`, 5);
    // Typing on a focused list picks the option whose name starts so.
    const names = await page.locator(`${field} select[name="category"] option`).allTextContents();
    const name = names.find((n) => /^name/i.test(n));
    if (!name) throw new Error(`no name category: ${names}`);
    await page.keyboard.type(name);
    if ((await page.inputValue(`${field} select[name="category"]`)) !== 'name') throw new Error('the category was not chosen by keyboard');
    await tabTo(page, `${field} form.stack button`, 5);
    await pressEnterAndLoad(page);
    const after = await page.locator(`${field} .redacted`).textContent();
    if (after.includes("twins' mother")) throw new Error(`the redaction was not applied: ${after}`);
    await check(page, 'node-member-en-release-redacted', 'en');
    // With the mouse (and the page's small script): selecting words in the original fills in
    // the form to redact them.
    await page.evaluate((selector) => {
      const original = document.querySelector(`${selector} .original`);
      const walker = document.createTreeWalker(original, NodeFilter.SHOW_TEXT);
      const first = walker.nextNode();
      const range = document.createRange();
      range.setStart(first, 0);
      range.setEnd(first, first.textContent.indexOf(' '));
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      original.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    }, field);
    const selected = await page.inputValue(`${field} input[name="quote"]`);
    if (!selected || !(await page.isVisible(`${field} input[name="quote"]`))) {
      throw new Error(`selecting words did not fill in the form: "${selected}"`);
    }
    const reviewUrl = page.url();
    await context.close();
    for (const lang of ['fr', 'en']) {
      const lead = await newContext(lang);
      const leadPage = await lead.newPage();
      await logIn(leadPage, url, { login: plan.node_flows.lead, password });
      await leadPage.goto(reviewUrl);
      await check(leadPage, `node-lead-${lang}-release-review`, lang);
      if (lang === 'en') {
        await tabTo(leadPage, '#confirm', 400);
        await leadPage.keyboard.press('Space');
        await tabTo(leadPage, 'form[action$="/approve"] button', 5);
        await pressEnterAndLoad(leadPage);
        if (!new URL(leadPage.url()).search.includes('approved=')) throw new Error(`not approved: ${leadPage.url()}`);
        await check(leadPage, 'node-lead-en-release-approved', 'en');
        await tabTo(leadPage, 'form[action$="/withdraw"] input[name="confirm"]', 200);
        await leadPage.keyboard.press('Space');
        await tabTo(leadPage, 'form[action$="/withdraw"] button', 5);
        await pressEnterAndLoad(leadPage);
        if (!new URL(leadPage.url()).search.includes('withdrawn=')) throw new Error(`not withdrawn: ${leadPage.url()}`);
        await check(leadPage, 'node-lead-en-release-withdrawn', 'en');
        await tabTo(leadPage, 'a[href="/sync"]');
        await pressEnterAndLoad(leadPage);
        await tabTo(leadPage, 'form[action="/sync"] button');
        await pressEnterAndLoad(leadPage);
        const synced = await leadPage.textContent('[role="status"]');
        if (!synced.includes('Synced')) throw new Error(`sync now: ${synced}`);
        await check(leadPage, 'node-lead-en-synced', 'en');
      }
      await lead.close();
    }
    console.log('release review by keyboard: prepared, a redaction added, approved by the lead, withdrawn, synced; selecting words fills in the form');
  } catch (e) {
    fail(`release review: ${e.message}`);
  }
}

// The node's forms: a month refused with its reason, then entered; an extract refused with
// its bad rows listed, then imported, its progress page refreshing until it is done.
if (plan.node_flows) {
  const { url, extract, bad_extract: badExtract } = plan.node_flows;
  const member = { login: plan.node_flows.login, password: plan.node_flows.password };
  try {
    for (const lang of LANGS) {
      const context = await newContext(lang);
      const page = await context.newPage();
      await logIn(page, url, member);
      await page.goto(`${url}/measures/remission`);
      await page.fill('#month', '2026-05');
      await page.fill('#numerator', '90');
      await page.fill('#denominator', '80');
      await Promise.all([page.waitForEvent('load'), page.click('form.stack button')]);
      const error = await page.textContent('#entry-error');
      if (!error || !error.includes('90') || !error.includes('80') || !error.includes(lang === 'en' ? 'larger than' : 'dépasse')) fail(`entry refused (${lang}): ${error}`);
      await check(page, `node-member-${lang}-measure-entry-refused`, lang);
      await page.fill('#numerator', lang === 'en' ? '50' : '51');
      await Promise.all([page.waitForEvent('load'), page.click('form.stack button')]);
      if (!new URL(page.url()).search.includes('saved=2026-05')) fail(`entry saved (${lang}): ${page.url()}`);
      await check(page, `node-member-${lang}-measure-entry-saved`, lang);
      await context.close();
    }
    const context = await newContext('en');
    const page = await context.newPage();
    await logIn(page, url, member);
    await page.goto(`${url}/extract`);
    await page.setInputFiles('#files', badExtract);
    await Promise.all([page.waitForEvent('load'), page.click('form[enctype="multipart/form-data"] button')]);
    const waitDone = async (what) => {
      for (let i = 0; i < 60 && (await page.locator('[role="status"]').count()) > 0
        && (await page.textContent('[role="status"]')).includes('refreshes'); i += 1) {
        await page.waitForTimeout(500);
        await page.reload();
      }
      if (await page.isVisible('text=refreshes by itself')) throw new Error(`${what}: still running`);
    };
    await waitDone('the bad extract');
    const refused = await page.textContent('[role="alert"]');
    if (!refused.includes('Nothing was imported') || !refused.includes('in_person_visit')) fail(`extract refused: ${refused}`);
    await check(page, 'node-member-en-extract-refused', 'en');
    await page.setInputFiles('#files', extract);
    await Promise.all([page.waitForEvent('load'), page.click('form[enctype="multipart/form-data"] button')]);
    await waitDone('the extract');
    const done = await page.textContent('[role="status"]');
    if (!done.includes('300 patients')) fail(`extract imported: ${done}`);
    await check(page, 'node-member-en-extract-imported', 'en');
    await page.goto(`${url}/measures`);
    if (!(await page.isVisible('text=Computed from the extract'))) fail('measures not computed after the import');
    await check(page, 'node-member-en-measures-computed', 'en');
    await context.close();
    const fr = await newContext('fr');
    const frPage = await fr.newPage();
    await logIn(frPage, url, member);
    for (const p of ['/extract', '/measures/remission', '/']) {
      await frPage.goto(`${url}${p}`);
      await check(frPage, `node-member-fr-after-import-${slug(p)}`, 'fr');
    }
    await fr.close();
    console.log('node flows: a month refused and entered, an extract refused and imported');
  } catch (e) {
    fail(`node flows: ${e.message}`);
  }
}

// A whole PDSA cycle by keyboard alone: from the project page, plan it (with a prediction and
// the data to collect), do, study beside the chart, act (adapt), then the next cycle starts
// pre-filled and linked to it.
if (plan.node_flows) {
  const { url, login, password, project } = plan.node_flows;
  const context = await newContext('en');
  const page = await context.newPage();
  const typeInto = async (selector, text) => {
    await tabTo(page, selector);
    await page.keyboard.type(text);
  };
  const advance = async (step) => {
    await tabTo(page, 'button[name="advance"]');
    await pressEnterAndLoad(page);
    const u = new URL(page.url());
    if (u.searchParams.get('saved') !== step) throw new Error(`${step} not saved: ${page.url()}`);
  };
  try {
    await logIn(page, url, { login, password });
    await page.goto(`${url}/projects`);
    await tabTo(page, `a[href="/projects/${project}"]`);
    await pressEnterAndLoad(page);
    await tabTo(page, `a[href="/projects/${project}/cycles/new"]`);
    await pressEnterAndLoad(page);
    await typeInto('#change_idea', 'A flare plan on one page');
    await typeInto('#objective', 'Learn whether a short plan fits a busy clinic day');
    await tabTo(page, 'button[name="advance"]');
    await pressEnterAndLoad(page);
    // Saved without a prediction or data: the page prompts for both.
    const prompts = await page.textContent('.prompts');
    for (const want of ['No prediction yet', 'No data planned', 'not linked to an earlier one']) {
      if (!prompts.includes(want)) throw new Error(`no prompt "${want}": ${prompts}`);
    }
    await check(page, 'node-keyboard-en-cycle-prompts', 'en');
    const cycleUrl = page.url().split('?')[0];
    // Linked to the project's earlier cycle (the only one offered), by keyboard.
    await tabTo(page, '#follows');
    await tabTo(page, 'form[action$="/link"] button');
    await pressEnterAndLoad(page);
    await page.goto(`${cycleUrl}?step=plan`);
    await typeInto('#prediction', '9 of the next 10 families get a plan');
    await typeInto('#data', 'A tick sheet at the desk');
    await tabTo(page, 'button[name="advance"]');
    await pressEnterAndLoad(page);
    if (await page.isVisible('.prompts')) throw new Error(`prompts remain: ${await page.textContent('.prompts')}`);
    await typeInto('#happened', 'Ran on four Tuesdays');
    await advance('do');
    if (!(await page.isVisible('.side-by-side'))) throw new Error('study does not show the prediction beside the result');
    await typeInto('#results', '8 of 10 got a plan');
    await check(page, 'node-keyboard-en-cycle-study', 'en');
    await advance('study');
    await typeInto('#next_step', 'Add a phone call the week after');
    await tabTo(page, '#decision-adopt');
    // Arrow keys move within a radio group, as a keyboard user chooses.
    await page.keyboard.press('ArrowDown');
    if (!(await page.isChecked('#decision-adapt'))) throw new Error('adapt was not chosen by keyboard');
    await advance('act');
    if (!(await page.textContent('h1')).includes('A flare plan on one page')) throw new Error('lost the cycle');
    if (!(await page.textContent('.muted')).includes('Complete')) throw new Error('the cycle is not complete');
    await check(page, 'node-keyboard-en-cycle-complete', 'en');
    await tabTo(page, 'a[href*="cycles/new?follows="]');
    await pressEnterAndLoad(page);
    const objective = await page.inputValue('#objective');
    if (objective !== 'Add a phone call the week after') throw new Error(`next cycle not pre-filled: ${objective}`);
    if ((await page.inputValue('#prediction')) !== '') throw new Error('the prediction was carried over');
    const follows = await page.getAttribute('input[name="follows"]', 'value');
    if (!cycleUrl.endsWith(follows)) throw new Error(`next cycle not linked: ${follows}`);
    await check(page, 'node-keyboard-en-next-cycle', 'en');
    await typeInto('#prediction', 'Fewer calls to the ward');
    await tabTo(page, 'button[name="advance"]');
    await pressEnterAndLoad(page);
    const ramp = await page.textContent('ol.ramp');
    if (!ramp.includes('A flare plan on one page')) throw new Error(`the ramp does not show both cycles: ${ramp}`);
    console.log('cycle by keyboard: planned, done, studied, adapted, next cycle pre-filled and linked');
  } catch (e) {
    fail(`cycle by keyboard: ${e.message}`);
    await page.screenshot({ path: path.join(plan.screenshots, 'node-cycle-keyboard-failure.png'), fullPage: true });
  }
  await context.close();
}

// The partnership pulse of a cycle, a partner's own answers (never shown one by one), and a
// practice written up with its readability hint, in both languages.
if (plan.node_flows) {
  const { url, login, password, partner, cycle } = plan.node_flows;
  try {
    for (const lang of LANGS) {
      const context = await newContext(lang);
      const page = await context.newPage();
      await logIn(page, url, { login: partner, password });
      await page.goto(`${url}/cycles/${cycle}/pulse`);
      await page.check('#place-clinic');
      await page.check('#design-partner');
      await page.check('#evaluate-involved');
      await page.fill('#patients', '2');
      await page.check('#compensation');
      await Promise.all([page.waitForEvent('load'), page.click('form.stack button[type="submit"]')]);
      if (!new URL(page.url()).search.includes('pulse=saved')) throw new Error(`pulse not saved: ${page.url()}`);
      await check(page, `node-partner-${lang}-pulse-saved`, lang);
      await page.goto(`${url}/cycles/${cycle}/voice`);
      for (const q of ['had-needed', 'heard', 'influence']) await page.check(`#${q}-4`);
      await Promise.all([page.waitForEvent('load'), page.click('form.stack button[type="submit"]')]);
      const text = await page.textContent('main');
      if (!/One partner has answered|Un partenaire a répondu/.test(text)) throw new Error('the answer count is not shown');
      if (await page.isVisible('#voice-caption')) throw new Error('counts shown below five answers');
      await check(page, `node-partner-${lang}-voice-saved`, lang);
      await context.close();

      const member = await newContext(lang);
      const mpage = await member.newPage();
      await logIn(mpage, url, { login, password });
      await mpage.goto(`${url}/practices/new`);
      await mpage.fill('#title', lang === 'fr' ? 'Appel après une poussée' : 'A call after a flare');
      await mpage.fill('#summary', lang === 'fr'
        ? 'L’infirmière vous appelle une semaine après une poussée. Elle demande comment vous allez.'
        : 'A nurse calls you a week after a flare. She asks how you are and what helps.');
      if (lang === 'fr') await mpage.check('#language-fr');
      await Promise.all([mpage.waitForEvent('load'), mpage.click('button[value="check"]')]);
      const hint = await mpage.textContent('#readability');
      if (!/(Flesch|Kandel)/.test(hint)) throw new Error(`no readability hint: ${hint}`);
      await check(mpage, `node-member-${lang}-practice-readability`, lang);
      await Promise.all([mpage.waitForEvent('load'), mpage.click('form.stack > p > button[type="submit"]')]);
      if (!new URL(mpage.url()).search.includes('saved=')) throw new Error(`practice not saved: ${mpage.url()}`);
      await check(mpage, `node-member-${lang}-practice-saved`, lang);
      // From the network catalogue: adapt a practice in a project; the cycle keeps where it came from.
      await mpage.goto(`${url}/catalogue`);
      await Promise.all([mpage.waitForEvent('load'), mpage.click(`a[href="/catalogue/${plan.node_flows.practice}"]`)]);
      await mpage.check('#how-adapt');
      await Promise.all([mpage.waitForEvent('load'), mpage.click('form[action="/cycles/new"] button')]);
      if (!new URL(mpage.url()).search.includes(`practice=${plan.node_flows.practice}`)) throw new Error(`adapt did not start a cycle: ${mpage.url()}`);
      const from = await mpage.getAttribute('input[name="from_practice"]', 'value');
      if (from !== plan.node_flows.practice) throw new Error(`the cycle lost its provenance: ${from}`);
      await check(mpage, `node-member-${lang}-adapt-cycle`, lang);
      await Promise.all([mpage.waitForEvent('load'), mpage.click('button[name="advance"]')]);
      if (!(await mpage.textContent('main')).includes('Flare calls')) throw new Error('the cycle does not name the practice it came from');
      await check(mpage, `node-member-${lang}-adapted-cycle`, lang);
      await member.close();
    }
    console.log('partnership and practices: pulse saved, a partner answered, readability shown, practice saved, a catalogue practice adapted');
  } catch (e) {
    fail(`partnership and practices: ${e.message}`);
  }
}

await browser.close();
console.log(`${checked} page states checked with axe (${TAGS.join(', ')}); screenshots in ${plan.screenshots}`);
if (failures.length > 0) {
  console.error(`${failures.length} failure(s)`);
  process.exit(1);
}
