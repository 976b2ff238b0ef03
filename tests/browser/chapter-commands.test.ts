/**
 * "Copy all N commands of this part" in a real browser, on every tutorial
 * chapter of every version: the clipboard holds exactly the page's command
 * blocks, in order, under a header and one `# section` line each; blocks
 * the chapter marks as alternative or optional are there commented out
 * under their note and counted apart; no prompt is copied; the
 * confirmation is announced; without JavaScript the folded script reads
 * the same.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import type {BrowserContext, Page} from 'playwright-core';
import {useSiteAndBrowser, browserTests, contextWithoutServiceWorker} from './browser';
import {pageProblems, settle, sitemapPaths} from './site';
import {chapters} from '../../src/data/chapters';
import {countCommandLines} from '../../src/remark/command-text';

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
  /** The mark the chapter gave the block (a class on its code block), if any. */
  mark: 'alternative' | 'optional' | null;
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
        const mark = el.classList.contains('chapter-commands-alternative')
          ? ('alternative' as const)
          : el.classList.contains('chapter-commands-optional')
            ? ('optional' as const)
            : null;
        return {text: lines.join('\n').replace(/\n+$/, ''), heading, mark};
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

/** The folded preview's text, line by line as the page shows it. */
function previewText(page: Page): Promise<string> {
  return page
    .locator('.chapter-commands details pre code .token-line')
    .evaluateAll((ls) => ls.map((l) => (l.textContent ?? '').replace(/\n$/, '')).join('\n'))
    .then((t) => t.replace(/\n+$/, ''));
}

const LABEL = {alternative: 'Alternative', optional: 'Optional'} as const;

/**
 * Check a script (copied, or shown in the folded preview) against the
 * page's command blocks and the button's count: every block, in order,
 * under its heading; an unmarked block exactly; a marked one commented
 * out line by line under a `# Alternative: …` or `# Optional: …` note;
 * the count is of the unmarked blocks' commands only. Returns the number
 * of commands commented out.
 */
function checkScript(where: string, script: string, blocks: CommandBlock[], count: number, h1: string): number {
  for (const line of script.split('\n')) {
    assert.doesNotMatch(line, /^\s*\$ /, `${where}: copied a prompt: ${line}`);
  }
  const {header, sections, blocks: copied} = parseScript(script);
  assert.equal(header[0], '#!/usr/bin/env bash', `${where}: no bash header`);
  assert.ok(header.slice(1).every((l) => l.startsWith('# ')), `${where}: the header has a non-comment line:\n${header.join('\n')}`);
  assert.ok(header[1].includes(`"${h1}"`), `${where}: the header does not name the chapter "${h1}": ${header[1]}`);
  assert.match(header.join('\n'), /Replace placeholders such as \S+/, `${where}: the header does not mention placeholders`);
  assert.equal(copied.length, blocks.length, `${where}: ${copied.length} blocks in the script, ${blocks.length} on the page`);
  blocks.forEach((b, i) => {
    assert.ok(sections[i].startsWith(`# ${b.heading}`), `${where}: block ${i + 1} is labelled "${sections[i]}", under heading "${b.heading}"`);
    if (!b.mark) {
      assert.equal(copied[i], b.text, `${where}: block ${i + 1} differs from the page's`);
      return;
    }
    // A marked block: its note, then every line the page shows, commented out.
    const [note, ...lines] = copied[i].split('\n');
    assert.match(note, new RegExp(`^# ${LABEL[b.mark]}: \\S`), `${where}: block ${i + 1} is marked ${b.mark} but has no note: ${note}`);
    assert.ok(lines.every((l) => l === '#' || l.startsWith('# ')), `${where}: block ${i + 1} is marked ${b.mark} but not all commented out:\n${copied[i]}`);
    assert.equal(lines.map((l) => l.replace(/^# ?/, '')).join('\n'), b.text, `${where}: block ${i + 1} commented out is not the page's block`);
  });
  // Without the generated comment lines and the commented-out blocks,
  // what remains is exactly the page's unmarked blocks, one after the other.
  const running = copied.filter((_, i) => !blocks[i].mark).join('\n');
  const unmarked = blocks.filter((b) => !b.mark).map((b) => b.text).join('\n');
  assert.equal(running, unmarked, `${where}: the commands that run differ from the page's unmarked blocks`);
  assert.equal(count, countCommandLines(unmarked), `${where}: the button's count is not that of the commands that run`);
  return countCommandLines(blocks.filter((b) => b.mark).map((b) => b.text).join('\n'));
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
      let marked = 0;
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
        const n = Number(/\d+/.exec((await button.textContent()) ?? '')![0]);

        await page.evaluate(() => navigator.clipboard.writeText('(clipboard not written)'));
        await button.click();
        const status = page.locator('.chapter-commands [role="status"]');
        await status.filter({hasText: `Copied ${n} command`}).waitFor({timeout: 5000});
        assert.equal(await status.getAttribute('aria-live'), 'polite');
        const clip = await page.evaluate(() => navigator.clipboard.readText());

        const h1 = (await page.locator('article h1').first().textContent())!.trim();
        const commented = checkScript(path, clip, blocks, n, h1);
        // The confirmation counts the commented-out commands apart.
        const said = (await status.textContent()) ?? '';
        if (commented > 0) assert.ok(said.includes(`, plus ${commented} commented out.`), `${path}: "${said}"`);
        else assert.doesNotMatch(said, /commented out/, `${path}: "${said}"`);
        marked += blocks.filter((b) => b.mark).length;
        if (/\/docker-layer$/.test(path)) {
          // The reader's report: the NVIDIA-only deploy ran before the build.
          const nvidia = blocks.find((b) => b.text.includes('docker_runtime=apt'));
          assert.equal(nvidia?.mark, 'alternative', `${path}: the NVIDIA deploy is not marked as an alternative`);
        }
        // The folded preview shows the same script.
        const preview = page.locator('.chapter-commands details');
        await preview.locator('summary').click();
        assert.equal(await previewText(page), clip.replace(/\n+$/, ''), `${path}: the preview differs from what was copied`);
        withButton++;
      }
      console.log(`${version}: copied all commands on ${withButton} of ${paths.length} chapters (${marked} marked blocks commented out)`);
      assert.ok(withButton >= 2, `${version}: fewer than two chapters with a copy-all button`);
      assert.ok(marked > 0, `${version}: no marked block, so commenting out was not checked`);
    }
    assert.deepEqual(problems(), []);
    await page.close();
  });

  test('without JavaScript the script is readable, reads the same, and no dead button is shown', async () => {
    const noJs = await site.browser.newContext({colorScheme: 'light', javaScriptEnabled: false});
    const page = await noJs.newPage();
    // A chapter with marked blocks, so the commented-out form is checked too.
    const path = (chapterPages().get('latest') ?? []).find((p) => p.endsWith('/docker-layer'));
    assert.ok(path, 'no docker-layer chapter in the latest version');
    await page.goto(site.origin + path);
    const box = page.locator('.chapter-commands');
    assert.equal(await box.count(), 1, `${path} has no commands box`);
    // Hidden buttons are not in the accessibility tree, so find it by tag.
    const button = box.locator('button', {hasText: /^Copy all \d+ commands? of this part$/});
    assert.equal(await button.count(), 1, 'the copy button is not in the server-rendered page');
    assert.equal(await button.isVisible(), false, 'the copy button shows without JavaScript');
    const code = box.locator('details pre code');
    assert.equal(await code.isVisible(), false, 'the preview should start folded');
    await box.locator('summary').click();
    assert.ok(await code.isVisible(), 'the preview does not unfold without JavaScript');
    const blocks = await visibleCommandBlocks(page);
    assert.ok(blocks.some((b) => b.mark), `${path}: no marked block in the server-rendered page`);
    // The server-rendered script passes the same checks as a copied one.
    const n = Number(/\d+/.exec((await button.textContent()) ?? '')![0]);
    const h1 = (await page.locator('article h1').first().textContent())!.trim();
    assert.ok(checkScript(`${path} (no JavaScript)`, await previewText(page), blocks, n, h1) > 0);
    await noJs.close();
  });
});
