/**
 * "Copy all commands of this part" at build time: which fences count as
 * commands, where the component goes, what the script holds (marked
 * fences commented out and counted apart), and that bad input (a prompt,
 * an unclosed here-document, a non-bash shell fence, an unusable mark)
 * fails with the file and line.
 */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {DEFAULT_PARSE_FRONT_MATTER, escapeMarkdownHeadingIds} from '@docusaurus/utils';
import {SITE_DIR} from '../../src/remark/examples';
import remarkEmbedExamples from '../../src/remark/embed-examples';
import remarkChapterCommands, {COMPONENT, chapterOf, countCommands} from '../../src/remark/chapter-commands';
import {countCommandLines} from '../../src/remark/command-text';
import {chapters} from '../../src/data/chapters';

interface Node {
  type: string;
  name?: string;
  depth?: number;
  lang?: string;
  meta?: string;
  value?: string;
  data?: {hProperties?: {className?: string[]}};
  attributes?: Array<{name: string; value: unknown}>;
  children?: Node[];
}

interface Compiled {
  js: string;
  /** The root's children after every plugin ran. */
  top: Node[];
}

/**
 * Compile an MDX doc at `rel` (relative to the site) the way Docusaurus
 * does as far as these plugins see it: the whole file with its front
 * matter (so lines count from the top), heading ids escaped, directives
 * parsed, listings embedded first, front matter also in the file's data.
 */
async function compileDoc(rel: string, source: string): Promise<Compiled> {
  const {frontMatter} = await DEFAULT_PARSE_FRONT_MATTER({filePath: rel, fileContent: source});
  const {compile} = await import('@mdx-js/mdx');
  const {default: remarkDirective} = await import('remark-directive');
  const {default: remarkFrontmatter} = await import('remark-frontmatter');
  let top: Node[] = [];
  const capture = () => (tree: Node) => {
    top = structuredClone(tree.children ?? []);
  };
  const out = await compile(
    {value: escapeMarkdownHeadingIds(source), path: path.join(SITE_DIR, rel), data: {frontMatter}},
    {remarkPlugins: [remarkFrontmatter, remarkDirective, remarkEmbedExamples, remarkChapterCommands, capture]},
  );
  return {js: String(out), top};
}

const component = (top: Node[]) => top.filter((n) => n.type === 'mdxJsxFlowElement' && n.name === COMPONENT);
const attr = (node: Node, name: string) => node.attributes?.find((a) => a.name === name)?.value;

/**
 * The script of a <ChapterCommands>: its one child, an ordinary bash code
 * block (the folded preview), whose text the button copies. MDX gives a
 * code block's text a final newline, so the script is the value plus one.
 */
function scriptOf(node: Node): string {
  assert.deepEqual(node.children?.map((c) => [c.type, c.lang, c.meta ?? null]), [['code', 'bash', null]], 'the child is not one plain bash code block');
  assert.equal(attr(node, 'script'), undefined, 'the script is held twice');
  return `${node.children![0].value}\n`;
}

interface Fence {
  text: string;
  /** `Alternative: note` or `Optional: note` when the fence is marked. */
  note: string | null;
}

/** The bash command fences of a source file, read with a plain regex (not with the plugin's parser). */
function bashFencesOf(source: string): Fence[] {
  return [...source.matchAll(/^( *)```bash(.*)\n([\s\S]*?)\n\1```$/gm)]
    .filter((m) => !/file=/.test(m[2]))
    .map((m) => {
      const mark = /\b(alternative|optional)="([^"]*)"/.exec(m[2]);
      return {
        text: m[3].split('\n').map((l) => l.slice(m[1].length)).join('\n'),
        note: mark ? `${mark[1][0].toUpperCase()}${mark[1].slice(1)}: ${mark[2]}` : null,
      };
    });
}

/** What the script holds for a fence: its text, or its note and its text as comments. */
function expectedBlock({text, note}: Fence): string {
  if (!note) return text;
  return [`# ${note}`, ...text.split('\n').map((l) => (l === '' ? '#' : `# ${l}`))].join('\n');
}

/** The lines the script runs: not comments, not blank. */
function runningLines(script: string): string[] {
  return script.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
}

/** The script without its header and `# section` lines: the command text, block by block. */
function scriptBlocks(script: string): {sections: string[]; blocks: string[]} {
  const [, ...parts] = script.replace(/\n$/, '').split(/\n\n(?=# )/);
  return {
    sections: parts.map((p) => p.slice(2, p.indexOf('\n'))),
    blocks: parts.map((p) => p.slice(p.indexOf('\n') + 1)),
  };
}

for (const rel of ['docs/02-docker-layer.mdx', 'versioned_docs/version-1.0/07-relations.mdx']) {
  test(`${rel}: every command fence, in order, in a script inserted before the first ##`, async () => {
    const source = fs.readFileSync(path.join(SITE_DIR, rel), 'utf8');
    const {top, js} = await compileDoc(rel, source);
    const found = component(top);
    assert.equal(found.length, 1, 'expected exactly one <ChapterCommands>');
    const at = top.indexOf(found[0]);
    const firstH2 = top.findIndex((n) => n.type === 'heading' && n.depth === 2);
    assert.equal(at + 1, firstH2, 'the component is not right before the first ## heading');
    assert.ok(top.slice(0, at).some((n) => n.type === 'containerDirective'), 'the opening boxes should come first');

    const script = scriptOf(found[0]);
    const lines = script.split('\n');
    assert.equal(lines[0], '#!/usr/bin/env bash');
    const version = rel.startsWith('versioned_docs') ? '1.0 (Juju 3.6 LTS)' : 'Next';
    const title = /^title:\s*"?(.*?)"?$/m.exec(source)![1];
    assert.ok(lines[1].includes(title) && lines[1].includes(version), `header names another chapter: ${lines[1]}`);
    // Both chapters use an address the reader must replace.
    const placeholder = rel.includes('docker-layer') ? '10.0.0.x' : '10.76.142.30';
    assert.match(script, new RegExp(`^# Replace placeholders such as .*${placeholder.replace(/\./g, '\\.')}`, 'm'));

    // What the button copies: the preview's text in the compiled page, final newline included.
    assert.ok(js.includes(`children: ${JSON.stringify(script)}`), 'the compiled preview is not the script with its final newline');

    const fences = bashFencesOf(source);
    assert.ok(fences.length > 3, `${rel}: the regex found too few bash fences`);
    assert.ok(fences.some((f) => f.note), `${rel}: no marked fence to check; pick a chapter that has one`);
    const {blocks, sections} = scriptBlocks(script);
    // Every fence, in order: unmarked ones as they are, marked ones
    // commented out under their note.
    assert.deepEqual(blocks, fences.map(expectedBlock));
    assert.equal(sections.length, fences.length);
    for (const s of sections) assert.doesNotMatch(s, /\{#|\\/, `a section line keeps a heading id: ${s}`);

    // count={n} and commented={m} are expressions that compile to numbers,
    // not strings; the count is only of the commands that run.
    const count = attr(found[0], 'count') as {value: string};
    const commented = attr(found[0], 'commented') as {value: string};
    const commandsIn = (list: Fence[]) => list.reduce((n, f) => n + countCommandLines(f.text), 0);
    assert.equal(Number(count.value), commandsIn(fences.filter((f) => !f.note)));
    assert.equal(Number(commented.value), commandsIn(fences.filter((f) => f.note)));
    assert.ok(Number(commented.value) > 0);
    assert.match(js, new RegExp(`count: ${count.value}\\b`));
    assert.match(js, new RegExp(`commented: ${commented.value}\\b`));
    assert.equal(countCommandLines(runningLines(script).join('\n')), Number(count.value), 'the script runs another number of commands than the count');
    assert.match(js, /import ChapterCommands from ["']@site\/src\/components\/ChapterCommands["']/);

    if (rel.includes('docker-layer')) {
      // The reader's report: the script deployed before building, built
      // twice and deployed twice. What runs now is the main path.
      const run = runningLines(script);
      const at = (re: RegExp) => run.findIndex((l) => re.test(l));
      assert.deepEqual(run.filter((l) => /^juju (deploy|refresh)\b/.test(l)), ['juju deploy ./docker-webapp_amd64.charm']);
      assert.ok(at(/^charmcraft pack$/) >= 0 && at(/^charmcraft pack$/) < at(/^juju deploy /), 'the script deploys before it packs');
      assert.equal(at(/^charm build\b/), -1, 'the optional charm build runs');
      assert.equal(at(/^watch\b/), -1, 'watch, which runs until Ctrl+C, is not commented out');
    }
  });
}

test('section lines name the heading, and the admonition a command sits in', async () => {
  const src = [
    '---', 'id: payloads', 'title: "Part 3: Payloads"', '---', '',
    ':::note[Where to start]', '', '```bash', 'cd examples/03-payloads', '```', '', ':::', '',
    '## Deploy `it` with layer:docker {#deploy}', '', '```bash', 'juju deploy x', '```', '',
    ':::caution[Hosts with a GPU]', '', '```bash', 'juju deploy x --config a=b', '```', '', ':::', '',
    '### Look {#look}', '', '```text title="Output"', 'ok', '```', '', '```bash', '# highlight-next-line', 'juju status', '```', '',
  ].join('\n');
  const {top} = await compileDoc('docs/03-payloads.mdx', src);
  const script = scriptOf(component(top)[0]);
  assert.deepEqual(scriptBlocks(script).sections, [
    'Part 3: Payloads (Where to start)',
    'Deploy it with layer:docker',
    'Deploy it with layer:docker (Hosts with a GPU)',
    'Look',
  ]);
  assert.equal(attr(component(top)[0], 'count') && (attr(component(top)[0], 'count') as {value: string}).value, '4');
  // Docusaurus removes its highlight comments from the shown block, and so does the script.
  assert.deepEqual(scriptBlocks(script).blocks.at(-1), 'juju status');
});

test('embedded example files, text fences and FAQ pages are not commands', async () => {
  // An example file embedded in a bash fence is a file to read, not a command.
  const realSh = fs.readdirSync(path.join(SITE_DIR, 'examples'), {recursive: true, encoding: 'utf8'})
    .find((f) => /\.(sh|py)$/.test(f) && !f.includes('__pycache__'));
  assert.ok(realSh, 'no example script to embed');
  const withFile = '---\nid: charm-build\ntitle: T\n---\n\n## Build {#build}\n\n```bash file=' + realSh + '\n```\n\n```text\nls -l\n```\n';
  assert.deepEqual(component((await compileDoc('docs/01-charm-build.mdx', withFile)).top), []);

  const faq = fs.readFileSync(path.join(SITE_DIR, 'docs/faq/container-logs.mdx'), 'utf8');
  assert.ok(bashFencesOf(faq).length > 0, 'the FAQ sample has no bash fence to ignore');
  assert.deepEqual(component((await compileDoc('docs/faq/container-logs.mdx', faq)).top), []);
});

test('a chapter without commands gets no component', async () => {
  const rel = 'docs/08-hook-summary.mdx';
  const source = fs.readFileSync(path.join(SITE_DIR, rel), 'utf8');
  assert.equal(bashFencesOf(source).length, 0, `${rel} now has commands; pick another chapter for this test`);
  const {top, js} = await compileDoc(rel, source);
  assert.deepEqual(component(top), []);
  assert.doesNotMatch(js, /ChapterCommands/);
});

/** A chapter (id relations) whose one section holds `body` after front matter of 4 lines, a blank and a heading: body line 1 is file line 9. */
const chapterWith = (body: string) => `---\nid: relations\ntitle: T\n---\n\n## Go {#go}\n\n${body}\n`;
const fence = (lines: string[], info = 'bash') => ['```' + info, ...lines, '```'].join('\n');

test('a prompt in a command fence fails the build naming the file, the line and the prompt', async () => {
  const prompts: Array<[string, string]> = [
    ['$ juju deploy x', '$'],
    ['$', '$'],
    ['  $', '$'],
    ['$juju status', '$'],
    ['% juju status', '%'],
    ['user@host:~$ juju status', 'user@host:~$'],
    ['ubuntu@juju-1a2b-0:/var/lib$', 'ubuntu@juju-1a2b-0:/var/lib$'],
    ['root@host:/# docker ps', 'root@host:/#'],
    ['[user@host charming-with-docker]$ ls', '[user@host charming-with-docker]$'],
    ['(venv) user@host:~$ charm build', '(venv) user@host:~$'],
  ];
  for (const [line, prompt] of prompts) {
    await assert.rejects(
      compileDoc('docs/07-relations.mdx', chapterWith(fence(['juju status', line]))),
      (err: Error) => err.message.includes(`docs/07-relations.mdx:10: a bash fence line starts with a shell prompt (${JSON.stringify(prompt)})`),
      `not reported as a prompt: ${line}`,
    );
  }
  // Lines that only look alike: variables, substitutions, tests, subshells, an ssh address.
  const commands = ['"$CHARM_BUILD_DIR/x"', '$EDITOR config.yaml', '${PAGER:-less} x', '$(which juju) status', '[ -d x ] && ls x', '(cd x && ls)', 'git clone git@github.com:o/r.git', 'echo $x # ok'];
  await compileDoc('docs/07-relations.mdx', chapterWith(fence(commands)));
});

test('a here-document without its closing line fails the build naming the file and line', async () => {
  const unclosed: Array<[string[], number, string]> = [
    [['cat > f <<EOF', 'a', 'juju status'], 9, '<<EOF'],
    [['ls', "cat > f <<'END'", 'a', 'END '], 10, "<<'END'"],
    [['cat > f << "EOF"', 'a', '  EOF'], 9, '<< "EOF"'],
    [['cat <<-EOF > f', '\ta', '  EOF'], 9, '<<-EOF'],
    [['cat <<A <<B', 'a', 'A', 'b'], 9, '<<B'],
    [['sudo tee f >/dev/null \\', '  <<EOF', 'a'], 10, '<<EOF'],
  ];
  for (const [lines, line, operator] of unclosed) {
    await assert.rejects(
      compileDoc('docs/07-relations.mdx', chapterWith(fence(lines))),
      (err: Error) =>
        err.message.includes(`docs/07-relations.mdx:${line}: the here-document ${operator} has no closing "`) &&
        err.message.includes('every later command'),
      `not reported as unclosed: ${lines.join(' / ')}`,
    );
  }
  // Closed ones pass, and their bodies are text, not commands: no prompt
  // check, no count. A here-string and a shift are not here-documents.
  const closed = ['cat > f <<EOF', '$ not a prompt here', 'EOF', 'cat <<-X', '\tbody', '\tX', 'cat <<A <<B', 'a', 'A', 'b', 'B', 'grep x <<< "$s"', 'echo $((1 << n))'];
  const {top} = await compileDoc('docs/07-relations.mdx', chapterWith(fence(closed)));
  assert.equal((attr(component(top)[0], 'count') as {value: string}).value, '5');
});

test('a sh, shell, console or zsh fence in a chapter fails the build, telling the author to use bash', async () => {
  for (const lang of ['sh', 'shell', 'console', 'zsh', 'shell-session', 'Bash']) {
    await assert.rejects(
      compileDoc('docs/07-relations.mdx', chapterWith(fence(['juju status'], lang))),
      (err: Error) =>
        err.message.includes(`docs/07-relations.mdx:8: a \`\`\`${lang} fence would be left out of the chapter's "Copy all commands"`) &&
        err.message.includes('write commands in a ```bash fence'),
      `${lang} not reported`,
    );
  }
  // Outside the tutorial chapters (the FAQ), the plugin does not look.
  assert.deepEqual(component((await compileDoc('docs/faq/x.mdx', chapterWith(fence(['ls'], 'sh')).replace('id: relations', 'id: x'))).top), []);
});

test('a marked fence stays in the script, commented out under its note, and is counted apart', async () => {
  const src = chapterWith(
    [
      fence(['charmcraft pack']),
      fence(['juju deploy ./x.charm --config a=b'], 'bash alternative="on a GPU host, instead of the deploy below"'),
      fence(['juju deploy ./x.charm']),
      fence(['watch -n 1 juju status', '', '# keep it open'], 'bash {1} optional="in a second terminal"'),
    ].join('\n\n'),
  );
  const {top, js} = await compileDoc('docs/07-relations.mdx', src);
  const script = scriptOf(component(top)[0]);
  assert.equal(
    script.slice(script.indexOf('\n\n') + 2),
    [
      '# Go\ncharmcraft pack',
      '# Go\n# Alternative: on a GPU host, instead of the deploy below\n# juju deploy ./x.charm --config a=b',
      '# Go\njuju deploy ./x.charm',
      '# Go\n# Optional: in a second terminal\n# watch -n 1 juju status\n#\n# # keep it open',
    ].join('\n\n') + '\n',
  );
  assert.equal((attr(component(top)[0], 'count') as {value: string}).value, '2');
  assert.equal((attr(component(top)[0], 'commented') as {value: string}).value, '2');
  // The page shows the fences as they are; a marked one's code element
  // gets a class naming the mark (for the browser test), and keeps its language.
  const codes = top.filter((n) => n.type === 'code');
  assert.deepEqual(codes.map((c) => c.data?.hProperties?.className ?? null), [
    null,
    ['language-bash', 'chapter-commands-alternative'],
    null,
    ['language-bash', 'chapter-commands-optional'],
  ]);
  assert.match(js, /className: "language-bash chapter-commands-alternative"/);
});

test('a mark without a quoted note, two marks, or a mark on a fence that is not a command fails naming the file and line', async () => {
  const bad: Array<[string, RegExp]> = [
    [fence(['ls'], 'bash alternative'), /:8: "alternative" on a fence: it needs a note saying when to run the block/],
    [fence(['ls'], 'bash optional=""'), /:8: "optional" on a fence: it needs a note/],
    [fence(['ls'], 'bash optional=later'), /:8: "optional" on a fence: its note must be in double quotes/],
    [fence(['ls'], 'bash alternative="a" optional="b"'), /:8: a fence has alternative and optional; mark it once/],
    [fence(['ok'], 'text optional="x"'), /:8: "optional" marks a command fence \(```bash without file=\); this fence is not one/],
  ];
  for (const [body, message] of bad) {
    await assert.rejects(compileDoc('docs/07-relations.mdx', chapterWith(body)), (err: Error) => /docs\/07-relations\.mdx:8: /.test(err.message) && message.test(err.message), body);
  }
  // A title that merely contains the word is not a mark.
  await compileDoc('docs/07-relations.mdx', chapterWith(fence(['ls'], 'bash title="an optional step"')));
});

test('every chapter id maps to its doc in both version trees, and nothing else does', () => {
  for (const c of chapters) {
    assert.deepEqual(chapterOf(path.join(SITE_DIR, 'docs', 'x.mdx'), {id: c.id}), {id: c.id, version: 'current'});
    assert.deepEqual(chapterOf(path.join(SITE_DIR, 'versioned_docs/version-1.0/x.mdx'), {id: c.id}), {id: c.id, version: '1.0'});
  }
  assert.deepEqual(chapterOf(path.join(SITE_DIR, 'docs/05-configuration.mdx')), {id: 'configuration', version: 'current'});
  assert.equal(chapterOf(path.join(SITE_DIR, 'docs/faq/x.mdx'), {id: 'relations'}), null);
  assert.equal(chapterOf(path.join(SITE_DIR, 'docs/x.mdx'), {id: 'not-a-chapter'}), null);
});

test('commands are counted by line: continuation lines, comments, here-document bodies and marked blocks excluded', () => {
  const b = (text: string) => ({section: 's', text});
  assert.equal(countCommands([b('a\nb'), b('c \\\n  --flag\n\n# note\nd')]), 4);
  assert.equal(countCommands([b('cat > f <<EOF\nx\ny\nEOF\nls')]), 2);
  assert.equal(countCommands([b('a'), {...b('b\nc'), mark: {kind: 'optional', note: 'n'}}]), 1);
});
