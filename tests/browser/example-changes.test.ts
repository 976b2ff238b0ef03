/**
 * "What changed since Part N" on a chapter of each version: a reader opens
 * a changed file with the keyboard, sees its diff, then the whole file. The
 * expectations are read here from that version's example folders (marker
 * lines dropped as listings drop them), not from the site's own diff code.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type {Locator, Page} from 'playwright-core';
import {useSiteAndBrowser, browserTests, contextWithoutServiceWorker} from './browser';
import {settle, pageProblems} from './site';

const SITE_DIR = path.resolve(__dirname, '..', '..');

/** A file as a listing shows it: no docs:region lines, no blank edges. */
function shownLines(abs: string): string[] {
  const lines = fs
    .readFileSync(abs, 'utf8')
    .split('\n')
    .filter((l) => !/docs:(end)?region\s/.test(l))
    .map((l) => l.trimEnd());
  while (lines.length && lines[0] === '') lines.shift();
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The text lines of a rendered code block. */
function codeLines(block: Locator): Promise<string[]> {
  return block.locator('pre code').evaluate((el) =>
    [...el.querySelectorAll('.token-line')].map((l) => (l.textContent ?? '').replace(/\n$/, '').trimEnd()),
  );
}

interface Case {
  page: string;
  examples: string;
  from: string;
  to: string;
  file: string;
}

const CASES: Case[] = [
  {page: '/docs/next/configuration', examples: 'examples', from: '04-juju-status', to: '05-configuration', file: 'reactive/docker_webapp.py'},
  {page: '/docs/reactive', examples: 'versioned_examples/version-1.0', from: '07-relations', to: '09-reactive', file: 'reactive/docker_webapp.py'},
];

browserTests(() => {
  const site = useSiteAndBrowser();
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

  /**
   * axe on the opened section only (quality.test.ts checks whole pages,
   * closed). The code lines are left out: axe takes minutes over thousands
   * of token spans, and token colours are the site's Prism themes, raised to
   * 4.5:1 by src/lib/accessible-prism.ts and axe-checked on every listing by
   * quality.test.ts.
   */
  async function axeViolations(page: Page, section: Locator): Promise<string[]> {
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({content: axeSource});
    await section.evaluate((el) => el.setAttribute('data-under-test', ''));
    const result = (await page.evaluate(() =>
      (window as unknown as {axe: {run: (ctx: object, o: object) => Promise<unknown>}}).axe.run(
        {include: [['[data-under-test]']], exclude: [['[data-under-test] .token-line']]},
        {resultTypes: ['violations']},
      ),
    )) as {violations: Array<{id: string; help: string; nodes: Array<{target: unknown[]}>}>};
    return result.violations.map((v) => `axe ${v.id}: ${v.help} ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
  }

  for (const c of CASES) {
    test(`${c.page}: the diff of ${c.file} matches ${c.examples}/${c.from} -> ${c.to}, and the whole file is shown`, async () => {
      const before = shownLines(path.join(SITE_DIR, c.examples, c.from, c.file));
      const after = shownLines(path.join(SITE_DIR, c.examples, c.to, c.file));
      const gone = before.find((l) => l.trim().length > 8 && !after.includes(l));
      const came = after.find((l) => l.trim().length > 8 && !before.includes(l));
      assert.ok(gone && came, `${c.file} should have both a removed and an added line between ${c.from} and ${c.to}`);

      const context = await contextWithoutServiceWorker(site.browser, {colorScheme: 'light'});
      const page = await context.newPage();
      const problems = await pageProblems(page, site.origin);
      const fetched: string[] = [];
      page.on('request', (r) => r.url().includes('/example-changes/') && fetched.push(r.url()));
      try {
        await page.goto(site.origin + c.page);
        await settle(page);
        const section = page.locator('article div:has(> ul > li > details)').first();
        await section.waitFor();
        assert.match((await section.locator('p').first().innerText()).replace(/\s+/g, ' '), new RegExp(`From examples/${c.from}/ to examples/${c.to}/: \\d+ files? changed`));
        assert.deepEqual(fetched, [], 'diffs were fetched before any file was opened');

        const item = section.locator('details', {has: page.locator(`summary > code:text-is("${c.file}")`)}).first();
        const summary = item.locator('> summary');
        // Keyboard: focus the summary and press Enter.
        await summary.focus();
        await page.keyboard.press('Enter');
        assert.equal(await item.evaluate((d) => (d as HTMLDetailsElement).open), true, 'Enter did not open the file');
        const diffBlock = item.locator('.theme-code-block.language-diff');
        await diffBlock.waitFor();
        assert.equal(fetched.length, 1, `expected one fetch of the diffs, saw: ${fetched.join(', ')}`);
        assert.match(await diffBlock.innerText(), new RegExp(`examples/${c.to}/${c.file}`), 'the diff is not titled with the file path');

        const lines = await codeLines(diffBlock);
        assert.ok(lines.includes(`-${gone}`), `the diff lacks the removed line "-${gone}"`);
        assert.ok(lines.includes(`+${came}`), `the diff lacks the added line "+${came}"`);
        // Every shown line belongs where its sign says it does.
        for (const line of lines) {
          if (line.startsWith('@@')) continue;
          const text = line.slice(1);
          if (line.startsWith('+')) assert.ok(after.includes(text), `"+${text}" is not a line of ${c.to}/${c.file}`);
          else if (line.startsWith('-')) assert.ok(before.includes(text), `"-${text}" is not a line of ${c.from}/${c.file}`);
          else if (text !== '') assert.ok(before.includes(text) && after.includes(text), `context "${text}" is not in both files`);
        }
        // The counts in the summary are the lines shown.
        const plus = lines.filter((l) => l.startsWith('+')).length;
        const minus = lines.filter((l) => l.startsWith('-')).length;
        assert.match(await summary.innerText(), new RegExp(`\\+${plus} −${minus}`));

        // Show whole file: the complete new file, in its own language.
        const whole = item.locator('details', {has: page.locator('summary', {hasText: 'Show whole file'})});
        await whole.locator('> summary').focus();
        await page.keyboard.press('Enter');
        const wholeBlock = whole.locator('.theme-code-block.language-python');
        await wholeBlock.waitFor();
        assert.deepEqual(await codeLines(wholeBlock), after, 'the whole file differs from the example file');

        // Opened, in both colour modes: no axe violation.
        const violations = await axeViolations(page, section);
        // Switch to dark without Infima's colour transitions, which axe would
        // otherwise catch half-way.
        await page.addStyleTag({content: '*, *::before, *::after { transition: none !important; }'});
        await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
        violations.push(...(await axeViolations(page, section)).map((v) => `dark: ${v}`));
        assert.deepEqual([...violations, ...problems()], []);
      } finally {
        await context.close();
      }
    });
  }

  test('a diff viewer that cannot load leaves the chapter in place and says so; opening the file again retries', async () => {
    const c = CASES[0];
    const context = await contextWithoutServiceWorker(site.browser, {colorScheme: 'light'});
    const page = await context.newPage();
    const crashes: string[] = [];
    page.on('pageerror', (e) => crashes.push(e.message));
    try {
      await page.goto(site.origin + c.page);
      await settle(page);
      const title = await page.locator('article h1').first().innerText();
      // What a reader offline without the service worker, or on a page left
      // open across a deploy, meets: every script not yet loaded fails.
      await page.route('**/assets/js/**', (route) => route.abort());
      const item = page.locator('details', {has: page.locator(`summary > code:text-is("${c.file}")`)}).first();
      await item.locator('> summary').click();
      const alert = item.getByRole('alert');
      await alert.waitFor({timeout: 10000});
      assert.match(await alert.innerText(), /could not be loaded/);
      assert.equal(await page.locator('article h1').first().innerText(), title, 'the chapter was replaced');
      assert.deepEqual(crashes, []);

      // Back online: closing and opening the file loads the viewer.
      await page.unroute('**/assets/js/**');
      await item.locator('> summary').click();
      await item.locator('> summary').click();
      await item.locator('.theme-code-block.language-diff').waitFor({timeout: 10000});
      assert.equal(await alert.count(), 0, 'the error stayed after the viewer loaded');
    } finally {
      await context.close();
    }
  });

  test('without JavaScript an opened file points to the two folders in the repository', async () => {
    // Chromium with scripts turned off by the test browser still parses
    // <noscript> as if scripts ran, so this reads the served HTML instead:
    // each file's box holds a <noscript> note linking both folders, and no
    // "Loading" message that would never end.
    const c = CASES[0];
    const html = await (await fetch(site.origin + c.page)).text();
    const boxes = [...html.matchAll(/<details class=[^>]*>\s*<summary>([\s\S]*?)<\/summary>([\s\S]*?)<\/details>/g)];
    assert.ok(boxes.length > 1, `${c.page}: no changed-file boxes in the HTML`);
    for (const [, summary, body] of boxes) {
      const label = summary.replace(/<[^>]+>/g, '');
      const note = /<noscript>([\s\S]*?)<\/noscript>/.exec(body)?.[1];
      assert.ok(note, `${c.page}: no <noscript> note in the box of ${label}`);
      assert.match(note, /needs JavaScript/);
      const hrefs = [...note.matchAll(/href=(?:"([^"]+)"|([^\s>]+))/g)].map((m) => m[1] ?? m[2]);
      assert.equal(hrefs.length, 2, `${label}: expected links to both folders, got ${hrefs.join(', ')}`);
      assert.ok(hrefs[0].endsWith(`/examples/${c.from}`) && hrefs[1].endsWith(`/examples/${c.to}`), hrefs.join(', '));
      assert.doesNotMatch(body, /Loading the changes/, `${label}: a loading message in the static HTML`);
    }
  });
});
