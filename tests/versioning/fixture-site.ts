/**
 * A throwaway copy of the site for the versioning tests: the real config,
 * src/ (plugins, theme, scripts) and static/, with small fixture docs and
 * examples of its own (so the tests do not depend on chapters being
 * written), node_modules symlinked, in a fresh git repository so the
 * release command can see what is committed.
 */
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {SITE_DIR} from '../../src/remark/examples';

/** Prose term only in the released version's before-you-begin page. */
export const OLD_TERM = 'quokkavista';
/** Prose term only in Next's before-you-begin page (after the release). */
export const NEW_TERM = 'wombatvista';
/** Text of the example listing as released, and as changed after it. */
export const OLD_LISTING = 'listing-revision-one';
export const NEW_LISTING = 'listing-revision-two';

const COPY = ['docusaurus.config.ts', 'package.json', 'tsconfig.json', 'src', 'static'];

const HELLO_PY = `"""Fixture handler."""
from charms.reactive import set_flag, when


# docs:region flags
@when('docker.available')
def start_payload():
    # ${OLD_LISTING}
    set_flag('payload-register')
# docs:endregion flags
`;

const CONFIG_YAML = `options:
  site-banner-text:
    type: string
    default: "hello"
    description: Text the fixture payload shows.
`;

function doc(id: string, title: string, body: string, slug = `/${id}`): string {
  return `---\nid: ${path.basename(id)}\ntitle: ${title}\ndescription: ${title}, a fixture page for the versioning tests.\nslug: ${slug}\n---\n\n${body}\n`;
}

const DOCS: Record<string, string> = {
  'before-you-begin.mdx': doc(
    'before-you-begin',
    'Before you begin',
    `Set up your machine. The ${OLD_TERM} step is described here.\n\n## Install tools {#install-tools}\n\nInstall Juju and LXD.`,
  ),
  'charm-build.mdx': doc(
    'charm-build',
    'Building a charm',
    'The handler below starts the payload once the container runtime is ready.\n\n## The handler {#handler}\n\n```python file=01-hello/reactive/hello.py region=flags\n```',
  ),
  'docker-layer.mdx': doc(
    'docker-layer',
    'The docker layer',
    'The layer has one option.\n\n## Options {#options}\n\n```yaml file=01-hello/config.yaml\n```',
  ),
  'faq/why-flag.mdx': doc(
    'faq/why-flag',
    'Why is my flag never set?',
    'Because the handler waits for the runtime.\n\n## Short answer {#short-answer}\n\nWait for it.\n\n## Long answer {#long-answer}\n\nIt depends.',
    '/faq/why-flag',
  ),
};

const SIDEBARS = `import type {SidebarsConfig} from '@docusaurus/plugin-content-docs';
const sidebars: SidebarsConfig = {
  tutorial: ['before-you-begin', 'charm-build', 'docker-layer'],
  // The real navbar has an FAQ item bound to this sidebar id.
  faq: ['faq/why-flag'],
};
export default sidebars;
`;

const HOME_PAGE = `import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
export default function Home(): ReactNode {
  return (<Layout title="Fixture"><main><h1>Fixture</h1><Link to="/docs/before-you-begin">Start</Link></main></Layout>);
}
`;

const CHAPTERS = `export interface Chapter {id: string; to: string; title: string; summary: string}
export const chapters: Chapter[] = [
  {id: 'before-you-begin', to: '/docs/before-you-begin', title: 'Before you begin', summary: 'Fixture.'},
];
`;

export interface Fixture {
  dir: string;
  /** Run a command in the fixture; throws with its output when it fails. */
  run(cmd: string, args: string[], opts?: {allowFail?: boolean}): {status: number; output: string};
  write(rel: string, text: string): void;
  read(rel: string): string;
  remove(): void;
}

export function makeFixtureSite(): Fixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cwd-versioning-'));
  for (const item of COPY) {
    fs.cpSync(path.join(SITE_DIR, item), path.join(dir, item), {recursive: true});
  }
  fs.symlinkSync(path.join(SITE_DIR, 'node_modules'), path.join(dir, 'node_modules'));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), {recursive: true});
    fs.writeFileSync(path.join(dir, rel), text);
  };
  for (const [name, text] of Object.entries(DOCS)) write(path.join('docs', name), text);
  write('examples/01-hello/reactive/hello.py', HELLO_PY);
  write('examples/01-hello/config.yaml', CONFIG_YAML);
  write('sidebars.ts', SIDEBARS);
  // The real home page links to pages the fixture does not have; the tests
  // here are about docs, so a minimal home page keeps them independent of it.
  write('src/pages/index.tsx', HOME_PAGE);
  write('src/data/chapters.ts', CHAPTERS);
  write('src/data/url-redirects.ts', 'export interface PageRedirect {from: string; to: string}\nexport const pageRedirects: PageRedirect[] = [];\nexport const anchorRedirects: Record<string, string> = {};\n');
  write('tests/url-contract.json', '{"urls": []}\n');
  write('.gitignore', 'node_modules\n/build/\n.docusaurus/\n');

  const run: Fixture['run'] = (cmd, args, opts = {}) => {
    const res = spawnSync(cmd, args, {cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: {...process.env, FORCE_COLOR: '0', DOCUSAURUS_NO_PERSISTENT_CACHE: 'true'}});
    const output = `${res.stdout ?? ''}${res.stderr ?? ''}`;
    const status = res.status ?? 1;
    if (status !== 0 && !opts.allowFail) {
      throw new Error(`\`${cmd} ${args.join(' ')}\` failed in ${dir} (exit ${status}):\n${output.slice(-4000)}`);
    }
    return {status, output};
  };
  const gitId = ['-c', 'user.name=fixture', '-c', 'user.email=fixture@example.invalid', '-c', 'commit.gpgsign=false'];
  run('git', ['init', '-q', '-b', 'main']);
  run('git', ['add', '-A']);
  run('git', [...gitId, 'commit', '-q', '-m', 'fixture site']);
  return {
    dir,
    run,
    write,
    read: (rel) => fs.readFileSync(path.join(dir, rel), 'utf8'),
    remove: () => fs.rmSync(dir, {recursive: true, force: true}),
  };
}

/** `docusaurus build` in the fixture (about 20-40 s on two cores). */
export function buildFixture(fx: Fixture): void {
  fx.run(path.join(fx.dir, 'node_modules', '.bin', 'docusaurus'), ['build']);
}
