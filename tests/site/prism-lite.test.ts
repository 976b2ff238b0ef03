/**
 * src/lib/prism-lite stands in for prism-react-renderer in the bundles
 * (src/plugins/prism-lite.ts). It must render code exactly as the real
 * package does, and know every language the docs' fences name.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {createRequire} from 'node:module';
import {createElement, type ReactElement, type ReactNode} from 'react';
import * as real from 'prism-react-renderer';
import * as lite from '../../src/lib/prism-lite';
import {accessiblePrism} from '../../src/lib/accessible-prism';
import config from '../../docusaurus.config';

const ROOT = path.resolve(__dirname, '..', '..');
const requireHere = createRequire(__filename);
// react-dom ships no types here (no @types/react-dom).
const {renderToStaticMarkup} = requireHere('react-dom/server') as {renderToStaticMarkup(el: ReactElement): string};
const additional: string[] = (config.themeConfig as {prism: {additionalLanguages: string[]}}).prism.additionalLanguages;

/** What Docusaurus's prism-include-languages does, once per Prism instance. */
function addLanguages(prism: object) {
  lite.withGlobalPrism(prism, () => {
    for (const lang of additional) {
      const file = requireHere.resolve(`prismjs/components/prism-${lang}`);
      delete requireHere.cache[file]; // run it again for this instance
      requireHere(file);
    }
  });
}
addLanguages(real.Prism);
addLanguages(lite.Prism);

/**
 * Languages whose grammar is deliberately smaller in prism-lite (see its
 * base languages): for these, the real Highlight runs on prism-lite's
 * grammar, so the markup is still compared, and the sample must still be
 * coloured.
 */
const REDUCED = new Set(['css']);

function render(Highlight: typeof real.Highlight | typeof lite.Highlight, code: string, language: string, theme: real.PrismTheme, prism?: typeof lite.Prism): string {
  const children = ({className, style, tokens, getLineProps, getTokenProps}: real.RenderProps): ReactNode =>
    createElement('pre', {className, style},
      tokens.map((line, i) => createElement('div', {key: i, ...getLineProps({line})},
        line.map((token, k) => createElement('span', {key: k, ...getTokenProps({token})})))));
  return renderToStaticMarkup(createElement(Highlight as typeof real.Highlight, {code, language, theme, children, ...(prism ? {prism: prism as unknown as real.PrismLib} : {})}));
}

const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');
const SAMPLES: Array<[string, string]> = [
  ['python', read('examples/07-relations/reactive/docker_webapp.py')],
  ['yaml', read('examples/07-relations/metadata.yaml') + read('examples/07-relations/config.yaml')],
  ['html', read(fs.readdirSync(path.join(ROOT, 'examples')).map((d) => `examples/${d}`).flatMap((d) => fs.existsSync(path.join(ROOT, d, 'site')) ? fs.readdirSync(path.join(ROOT, d, 'site')).filter((f) => f.endsWith('.html')).map((f) => `${d}/site/${f}`) : [])[0] ?? 'static/.nojekyll')],
  ['css', 'body { color: #333; margin: 0 auto; }\n@media (max-width: 600px) { .x::after { content: "a"; } }\n'],
  ['bash', 'juju deploy ./docker-webapp_ubuntu-22.04-amd64.charm --config port=8080\nfor i in 1 2; do echo "$i ${HOME}" | grep -q x && exit 1; done # done\n'],
  ['docker', 'FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\nEXPOSE 80\nCMD ["nginx", "-g", "daemon off;"]\n'],
  ['ini', '[Unit]\nDescription=web ; comment\nRestart=always\n'],
  ['diff', '--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-old\n+new\n unchanged\n'],
  ['json', '{"a": [1, true, null, "s"], "b": {"c": 2.5}}\n'],
  ['text', 'plain text\n\nwith an empty line\n'],
  ['nginx', 'server { listen 80; }\n'],
];

const THEMES: Array<[string, real.PrismTheme]> = [
  ['light', accessiblePrism(real.themes.github, [29, 90, 150, 0.12])],
  ['dark', accessiblePrism(real.themes.vsDark, [122, 184, 255, 0.16])],
];

for (const [language, code] of SAMPLES) {
  for (const [mode, theme] of THEMES) {
    test(`prism-lite renders ${language} (${mode}) exactly as prism-react-renderer${REDUCED.has(language) ? " does with prism-lite's smaller grammar" : ''}`, () => {
      assert.ok(code.trim().length > 10, `${language}: empty sample`);
      const expected = render(real.Highlight, code, language, theme, REDUCED.has(language) ? lite.Prism : undefined);
      assert.equal(render(lite.Highlight, code, language, theme), expected);
      // The sample really was highlighted (or is a language meant to be plain).
      if (!['text', 'nginx'].includes(language)) assert.match(expected, /class="token (?!plain)/, `${language}: no tokens`);
    });
  }
}

/** Fence languages that render as plain text on purpose. */
const PLAIN = new Set(['text', 'nginx']);

test('every language a docs fence names is highlighted (or meant to be plain)', () => {
  const fences = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, {withFileTypes: true})) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.mdx?$/.test(e.name)) {
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/^\s*(`{3,}|~{3,})([\w-]+)/gm)) fences.set(m[2].toLowerCase(), path.relative(ROOT, p));
      }
    }
  };
  for (const d of ['docs', 'versioned_docs']) if (fs.existsSync(path.join(ROOT, d))) walk(path.join(ROOT, d));
  assert.ok(fences.size > 3, 'found no fenced code in docs/');
  for (const [lang, file] of fences) {
    assert.ok(PLAIN.has(lang) || lang in lite.Prism.languages,
      `${file}: \`\`\`${lang} is not a language src/lib/prism-lite loads; add it to the base languages there or to prism.additionalLanguages in docusaurus.config.ts`);
  }
});
