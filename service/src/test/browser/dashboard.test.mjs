// Drives the dashboard in Debian's headless Chromium through Playwright, as DashboardBrowserIT asks:
// BASE_URL, USERNAME, PASSWORD, SCREENSHOT and EVIL (a program name made of markup) come from the
// environment. Prints one line per step; exits non-zero at the first that fails.
import {chromium, request} from 'playwright-core';

const {BASE_URL, USERNAME, PASSWORD, SCREENSHOT, EVIL} = process.env;
const TIMEOUT = 30000;

function step(text) {
    console.log('ok: ' + text);
}

function check(condition, text) {
    if (!condition) {
        throw new Error('failed: ' + text);
    }
    step(text);
}

const anonymous = await request.newContext();
check((await anonymous.get(BASE_URL)).status() === 401, 'the page without credentials is 401');
check((await anonymous.get(BASE_URL + 'api/state')).status() === 401, 'the API without credentials is 401');
await anonymous.dispose();

const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
});
let failed = false;
const page = await (await browser.newContext({
    httpCredentials: {username: USERNAME, password: PASSWORD},
    viewport: {width: 1200, height: 760},
})).newPage();
page.setDefaultTimeout(TIMEOUT);
const errors = [];
page.on('pageerror', error => errors.push(String(error)));
page.on('dialog', dialog => {
    errors.push('a dialog opened: ' + dialog.message());
    dialog.dismiss();
});
try {
    await page.goto(BASE_URL);
    const web = page.locator('tr.process[data-name="pool:web"]');
    await web.and(page.locator('[data-state="RUNNING"]')).waitFor();
    step('logged in: the table shows pool:web RUNNING');
    check(await page.locator('#static-status').count() === 0, 'the script replaced the plain table');
    check((await page.locator('[data-fact="pid"]').textContent()).match(/^\d+$/) !== null, 'the supervisor panel shows the pid');

    const evil = page.locator('tr.process').filter({has: page.locator('td.name', {hasText: EVIL})});
    await evil.and(page.locator('[data-state="RUNNING"]')).waitFor();
    check(await evil.locator('td.name').textContent() === EVIL, 'a name made of markup shows as its text');
    check(await page.locator('tbody b, tbody i, tbody script, tbody img').count() === 0, 'no element came from a name');

    await web.locator('button[data-action="stop"]').click();
    await web.and(page.locator('[data-state="STOPPED"]')).waitFor();
    step('stop: pool:web turned STOPPED on the page');
    await web.locator('button[data-action="start"]').click();
    await web.and(page.locator('[data-state="RUNNING"]')).waitFor();
    step('start: pool:web turned RUNNING again');

    await web.locator('button[data-action="tail"]').click();
    const tail = page.locator('#tail-text');
    await page.waitForFunction(() => (document.querySelector('#tail-text').textContent.match(/tick/g) || []).length >= 1);
    const first = (await tail.textContent()).match(/tick/g).length;
    await page.waitForFunction(seen => (document.querySelector('#tail-text').textContent.match(/tick/g) || []).length > seen, first);
    step('tail: the log follows, new lines arrive without a reload');

    await evil.locator('button[data-action="tail"]').click();
    await page.waitForFunction(() => document.querySelector('#tail-text').textContent.includes('<script>'));
    check(await page.locator('#tail pre *').count() === 0, 'log text made of markup shows as text');

    await page.locator('#reread').click();
    await page.locator('#changes', {hasText: 'no changes'}).waitFor();
    step('reread: the page says the configuration has no changes');

    await page.locator('#tail button', {hasText: 'Close'}).click();
    await page.screenshot({path: SCREENSHOT, fullPage: true});
    step('screenshot saved to ' + SCREENSHOT);
    check(await page.evaluate(() => window.pwned === undefined), 'no script from a name or a log ran');
    check(errors.length === 0, 'no script errors or dialogs: ' + errors.join('; '));
} catch (error) {
    failed = true;
    console.log(String(error));
    await page.screenshot({path: SCREENSHOT.replace(/\.png$/, '-failure.png'), fullPage: true}).catch(() => {});
} finally {
    await browser.close();
}
process.exit(failed ? 1 : 0);
