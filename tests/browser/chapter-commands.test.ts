/**
 * "Copy all N commands of this part" in a real browser, on every tutorial
 * chapter of every version: the clipboard holds exactly the page's command
 * blocks, in order, under a header and one `# section` line each; no prompt
 * is copied; the confirmation is announced; the script can be read without
 * JavaScript.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {BrowserContext, Page} from 'playwright-core';
import {useSiteAndBrowser, browserTests, contextWithoutServiceWorker} from './browser';
import {pageProblems, settle, sitemapPaths} from './site';
import {chapters} from '../../src/data/chapters';

/** Tutorial chapter pages of the build, per version (1.0 at /docs/, Next at /docs/next/, ...). */
function chapterPages(): Map<string, string[]> {
  const slugs = new Set(chapters.map((c) => c.to.replace(/^\/docs\//, '')));
  const byVersion = new Map<string, string[]>();
  for (const p of sitemapPaths()) {
    const m = /^\/docs\/(?:([^/]+)\/)?([^/]+)$/.exec(p);
    if (!m || !slugs.has(m[2])) continue;
    const version = m[1] ?? 'latest';
    byVersion.set(version, [...(byVersion.get(version) ?? []), p]);
  }
  return byVersion;
}

interface CommandBlock {
  text: string;
  /** The nearest h2/h3 before the block in the article, or the h1. */
  heading: string;
}

/**
 * The command blocks a reader sees: bash code blocks not titled with an
 * examples/ path (those are example files) and not the folded script itself.
 */
function visibleCommandBlocks(page: Page): Promise<CommandBlock[]> {
  return page.locator('article .theme-code-block.language-bash').evaluateAll((els) => {
    const headings = [...document.querySelectorAll('article h1, article h2, article h3')];
    return els
      .filter((el) => !el.closest('.chapter-commands'))
      .filter((el) => !/^examples\//.test(el.querySelector('[class*="codeBlockTitle"]')?.textContent?.trim() ?? ''))
      .map((el) => {
        const before = headings.filter((h) => h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
        const h = before.at(-1);
        // The heading's own text, without the "#" anchor link.
        const heading = h
          ? [...h.childNodes]
              .filter((n) => n.nodeType === Node.TEXT_NODE || (n instanceof HTMLElement && !(n instanceof HTMLAnchorElement)))
              .map((n) => n.textContent)
              .join('')
              .trim()
          : '';
        const lines = [...el.querySelectorAll('pre code .token-line')].map((l) => (l.textContent ?? '').replace(/\n$/, ''));
        return {text: lines.join('\n').replace(/\n+$/, ''), heading};
      });
  });
}

/** Split a copied script into its generated lines and the command text of each section. */
function parseScript(script: string): {header: string[]; sections: string[]; blocks: string[]} {
  const [head, ...parts] = script.replace(/\n$/, '').split(/\n\n(?=# )/);
  return {
    header: head.split('\n'),
    sections: parts.map((p) => p.split('\n')[0]),
    blocks: parts.map((p) => p.split('\n').slice(1).join('\n')),
  };
}

/** Commands in a text, counted as the button counts them. */
function countCommands(text: string): number {
  let n = 0;
  let continued = false;
  for (const line of text.split('\n')) {
    if (!continued && line.trim() !== '' && !line.trim().startsWith('#')) n++;
    continued = /\\\s*$/.test(line);
  }
  return n;
}

browserTests(() => {
  let context: BrowserContext;
  const site = useSiteAndBrowser(async () => {
    context = await contextWithoutServiceWorker(site.browser, {colorScheme: 'light'});
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: site.origin});
  });

  test('the button copies every command block of the chapter, in order, and nothing else', async () => {
    const versions = chapterPages();
    assert.ok(versions.size >= 2, `expected two docs versions, found: ${[...versions.keys()].join(', ')}`);
    const page = await context.newPage();
    const problems = await pageProblems(page, site.origin);
    for (const [version, paths] of versions) {
      let withButton = 0;
      for (const path of paths) {
        await page.goto(site.origin + path);
        await settle(page);
        const blocks = await visibleCommandBlocks(page);
        const button = page.getByRole('button', {name: /^Copy all \d+ commands? of this part$/});
        if (blocks.length === 0) {
          assert.equal(await button.count(), 0, `${path}: a copy-all button on a chapter without commands`);
          continue;
        }
        assert.equal(await button.count(), 1, `${path}: ${blocks.length} command blocks but no copy-all button`);
        const allText = blocks.map((b) => b.text).join('\n');
        const n = Number(/\d+/.exec((await button.textContent()) ?? '')![0]);
        assert.equal(n, countCommands(allText), `${path}: the button's count is wrong`);

        await page.evaluate(() => navigator.clipboard.writeText('(clipboard not written)'));
        await button.click();
        const status = page.locator('.chapter-commands [role="status"]');
        await status.filter({hasText: `Copied ${n} command`}).waitFor({timeout: 5000});
        assert.equal(await status.getAttribute('aria-live'), 'polite');
        const clip = await page.evaluate(() => navigator.clipboard.readText());

        for (const line of clip.split('\n')) {
          assert.doesNotMatch(line, /^\s*\$ /, `${path}: copied a prompt: ${line}`);
        }
        const {header, sections, blocks: copied} = parseScript(clip);
        assert.equal(header[0], '#!/usr/bin/env bash', `${path}: no bash header`);
        assert.ok(header.slice(1).every((l) => l.startsWith('# ')), `${path}: the header has a non-comment line:\n${header.join('\n')}`);
        const h1 = (await page.locator('article h1').first().textContent())!.trim();
        assert.ok(header[1].includes(`"${h1}"`), `${path}: the header does not name the chapter "${h1}": ${header[1]}`);
        assert.match(header.join('\n'), /Replace placeholders such as \S+/, `${path}: the header does not mention placeholders`);
        // Without the generated comment lines, what remains is exactly the
        // page's command blocks, one after the other.
        assert.equal(copied.join('\n'), allText, `${path}: the copied commands differ from the page's command blocks`);
        assert.equal(copied.length, blocks.length);
        blocks.forEach((b, i) => {
          assert.ok(sections[i].startsWith(`# ${b.heading}`), `${path}: block ${i + 1} is labelled "${sections[i]}", under heading "${b.heading}"`);
        });
        // The folded preview shows the same script.
        const preview = page.locator('.chapter-commands details');
        await preview.locator('summary').click();
        const shown = await preview.locator('pre code .token-line').evaluateAll((ls) => ls.map((l) => (l.textContent ?? '').replace(/\n$/, '')).join('\n'));
        assert.equal(shown.replace(/\n+$/, ''), clip.replace(/\n+$/, ''), `${path}: the preview differs from what was copied`);
        withButton++;
      }
      console.log(`${version}: copied all commands on ${withButton} of ${paths.length} chapters`);
      assert.ok(withButton >= 2, `${version}: fewer than two chapters with a copy-all button`);
    }
    assert.deepEqual(problems(), []);
    await page.close();
  });

  test('without JavaScript the script is readable and no dead button is shown', async () => {
    const noJs = await site.browser.newContext({colorScheme: 'light', javaScriptEnabled: false});
    const page = await noJs.newPage();
    // The first chapter with commands.
    for (const p of chapterPages().get('latest') ?? []) {
      await page.goto(site.origin + p);
      if ((await page.locator('.chapter-commands').count()) > 0) break;
    }
    const box = page.locator('.chapter-commands');
    assert.equal(await box.count(), 1, 'no chapter page has the commands box');
    assert.equal(await box.getByRole('button', {name: /Copy all/}).isVisible(), false, 'the copy button shows without JavaScript');
    const code = box.locator('details pre code');
    assert.equal(await code.isVisible(), false, 'the preview should start folded');
    await box.locator('summary').click();
    assert.ok(await code.isVisible(), 'the preview does not unfold without JavaScript');
    assert.match((await code.innerText()).split('\n')[0], /^#!\/usr\/bin\/env bash/);
    await noJs.close();
  });
});
