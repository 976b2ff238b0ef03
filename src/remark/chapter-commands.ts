/**
 * Remark plugin: "copy all commands of this part".
 *
 * On a tutorial chapter (a doc whose id is in src/data/chapters.ts, in
 * docs/ or in a released version's versioned_docs/version-X/), it collects
 * the commands the reader types, in page order, and inserts
 *
 *     <ChapterCommands count={n} commented={m}>
 *       (the script, as a bash code block shown folded; the button copies its text)
 *     </ChapterCommands>
 *
 * just before the first `##` heading, so it sits after the chapter's
 * opening boxes. Chapter files are not edited.
 *
 * A command is a ```bash fence that is not an embedded example file: such
 * fences name `file=` in the source and, once src/remark/embed-examples.ts
 * has filled them (it must run first), carry `title="examples/…"`. Expected
 * output is written in ```text fences by the site's convention, so a bash
 * fence holds only commands.
 *
 * The script must run from top to bottom as the chapter's main path. A
 * fence that is not on it is marked in its meta (src/remark/command-marks.ts):
 *
 *     ```bash alternative="on a computer with an NVIDIA GPU, instead of the juju deploy below"
 *     ```bash optional="in a second terminal, to follow the deployment (Ctrl+C stops it)"
 *
 * The page shows it unchanged (its code block only gets a class naming
 * the mark); the script has it commented out under `# Alternative: <note>`
 * or `# Optional: <note>`, and `count` leaves it out (`commented` counts
 * it), so the script still holds exactly the blocks shown.
 *
 * The build fails, naming the file and line, on what would make the
 * script or a copied block wrong (src/remark/command-text.ts):
 * - a line starting with a prompt (`$ `, a lone `$`, `$juju`,
 *   `user@host:~$ `), which the reader and the script would copy;
 * - a here-document (`cat > f <<EOF`) without its closing line, which
 *   would swallow every later command of the script;
 * - a ```sh, ```shell, ```console or ```zsh fence: it would be left out of
 *   the script, so commands must be ```bash. We do not include them
 *   instead: `console` conventionally mixes prompts and output, `zsh` is
 *   not bash, and one language keeps one rule for authors, the script's
 *   `#!/usr/bin/env bash` and the tests;
 * - a mark without a note, or on a fence that is not a command.
 *
 * The script is a bash header naming the chapter and version, then, for
 * every fence, a `# <section heading>` line and the fence's text exactly
 * (or commented out under its note). A chapter without commands gets
 * nothing.
 */
import path from 'node:path';
import {SITE_DIR} from './examples';
import {chapters} from '../data/chapters';
import {versionLabel} from '../data/versions';
import {MARK_LABEL, markClass, parseMark, stripMark, type CommandMark} from './command-marks';
import {commentOut, countCommandLines, findPrompt, scanCommands} from './command-text';
import {expressionAttribute} from './mdx-jsx';

/** The component the plugin inserts, imported by the page itself so only chapter pages ship it. */
export const COMPONENT = 'ChapterCommands';
const COMPONENT_MODULE = '@site/src/components/ChapterCommands';

interface AnyNode {
  type: string;
  children?: AnyNode[];
  value?: string;
  lang?: string | null;
  meta?: string | null;
  depth?: number;
  name?: string;
  data?: Record<string, unknown>;
  position?: {start: {line: number}};
}

interface VFileLike {
  path?: string;
  /** Docusaurus's mdx-loader puts the parsed front matter here. */
  data?: {[key: string]: unknown};
}

export interface CommandBlock {
  /** The heading of the section the fence is in (or the chapter title before the first heading). */
  section: string;
  /** The fence's text, exactly. */
  text: string;
  /** Set when the author marked the fence as off the main path: it is commented out in the script. */
  mark?: CommandMark | null;
}

/** Which chapter and version a doc file is, or null when it is not a tutorial chapter. */
export function chapterOf(
  docPath: string,
  frontMatter: Record<string, unknown> = {},
  siteDir = SITE_DIR,
): {id: string; version: string} | null {
  const rel = path.relative(siteDir, docPath).split(path.sep);
  let version: string;
  let name: string | undefined;
  if (rel[0] === 'docs' && rel.length === 2) {
    version = 'current';
    name = rel[1];
  } else if (rel[0] === 'versioned_docs' && rel[1]?.startsWith('version-') && rel.length === 3) {
    version = rel[1].slice('version-'.length);
    name = rel[2];
  } else {
    // FAQ answers (docs/faq/) and anything outside the docs trees.
    return null;
  }
  // Docusaurus's own rule: the front matter id, else the file name without
  // its number prefix.
  const id =
    typeof frontMatter.id === 'string'
      ? frontMatter.id
      : name.replace(/\.mdx?$/, '').replace(/^\d+[-_.]/, '');
  return chapters.some((c) => c.id === id) ? {id, version} : null;
}

/** An example file embedded in a fence (src/remark/embed-examples.ts): text to read, not to type. */
function isEmbedded(node: AnyNode): boolean {
  return /(?:^|\s)(?:file=|title="?examples\/)/.test(node.meta ?? '');
}

/** A fence the reader types, as opposed to an embedded example file. */
export function isCommandFence(node: AnyNode): boolean {
  return node.type === 'code' && node.lang === 'bash' && !isEmbedded(node);
}

/** Shell languages other than exactly `bash`, whose commands the script would silently leave out. */
const OTHER_SHELL = /^(?:sh|shell|console|zsh|shell-?session|bash)$/i;

/** Docusaurus's default line-highlight comments, which it removes from a shown block. */
const MAGIC_COMMENT = /^\s*#\s*highlight-(?:next-line|start|end)\s*$/;

/** Plain text of a heading or label, without a `{#custom-id}`. */
function textOf(node: AnyNode): string {
  const raw = (n: AnyNode): string => {
    // `layer:docker` parses as text "layer" and a text directive "docker",
    // which Docusaurus prints back as ":docker"; do the same.
    if (n.type === 'textDirective') return `:${n.name ?? ''}`;
    const own = n.type === 'text' || n.type === 'inlineCode' ? (n.value ?? '') : '';
    return own + (n.children ?? []).map(raw).join('');
  };
  return raw(node).replace(/\s*\\?\{#[^}]*\\?\}\s*$/, '').replace(/\s+/g, ' ').trim();
}

/** The label of an admonition (`:::caution[Label]`), if it has one. */
function admonitionLabel(node: AnyNode): string | null {
  if (node.type !== 'containerDirective') return null;
  const first = node.children?.[0];
  return first?.type === 'paragraph' && first.data?.directiveLabel ? textOf(first) || null : null;
}

/**
 * Every command fence in page order with the heading it sits under. A fence
 * inside an admonition names the admonition too (`Deploy (Hosts with an
 * NVIDIA GPU)`), since such a command is usually an alternative.
 */
export function collectCommands(tree: AnyNode, title: string, docLabel = 'doc'): CommandBlock[] {
  const out: CommandBlock[] = [];
  let section = title;
  const visit = (node: AnyNode, boxes: string[]): void => {
    if (node.type === 'heading' && (node.depth ?? 0) >= 2) {
      section = textOf(node);
      return;
    }
    if (node.type === 'code') {
      const fenceLine = node.position?.start.line ?? 0;
      const fail = (line: number, message: string): never => {
        throw new Error(`[chapter-commands] ${docLabel}:${line}: ${message}`);
      };
      if (node.lang && node.lang !== 'bash' && OTHER_SHELL.test(node.lang) && !isEmbedded(node)) {
        fail(
          fenceLine,
          `a \`\`\`${node.lang} fence would be left out of the chapter's "Copy all commands"; ` +
            'write commands in a ```bash fence (the script is bash) and their output in a ```text fence',
        );
      }
      let mark: CommandMark | null = null;
      try {
        mark = parseMark(node.meta);
      } catch (err) {
        fail(fenceLine, (err as Error).message);
      }
      if (!isCommandFence(node)) {
        if (mark) fail(fenceLine, `"${mark.kind}" marks a command fence (\`\`\`bash without file=); this fence is not one`);
        return;
      }
      const text = node.value ?? '';
      const scanned = scanCommands(text);
      const prompt = findPrompt(text, scanned.kinds);
      if (prompt) {
        fail(
          fenceLine + 1 + prompt.line,
          `a bash fence line starts with a shell prompt (${JSON.stringify(prompt.prompt)}); ` +
            'write the command without it (and its output in a ```text fence)',
        );
      }
      const {unclosed} = scanned;
      if (unclosed) {
        fail(
          fenceLine + 1 + unclosed.line,
          `the here-document ${unclosed.operator} has no closing "${unclosed.delimiter}" line in its fence; ` +
            "without it, every later command of the chapter's script would become its text",
        );
      }
      // Docusaurus drops its highlight comments from the block; so do we.
      const shown = text
        .split('\n')
        .filter((line) => !MAGIC_COMMENT.test(line))
        .join('\n');
      if (shown.trim() !== '') {
        out.push({section: boxes.length ? `${section} (${boxes.join(', ')})` : section, text: shown, mark});
      }
      if (mark) {
        node.meta = stripMark(node.meta);
        // The class reaches the code block's container on the page; the
        // browser test uses it to tell marked blocks from the others.
        const data = (node.data ??= {});
        const hProperties = (data.hProperties ?? {}) as Record<string, unknown>;
        data.hProperties = {...hProperties, className: ['language-bash', markClass(mark.kind)]};
      }
      return;
    }
    const label = admonitionLabel(node);
    const inner = label ? [...boxes, label] : boxes;
    node.children?.forEach((child) => visit(child, inner));
  };
  visit(tree, []);
  return out;
}

/**
 * How many commands the script runs: in unmarked blocks, lines that start
 * a command (not comments, continuations after a trailing `\`, or
 * here-document bodies).
 */
export function countCommands(blocks: CommandBlock[]): number {
  return blocks.filter((b) => !b.mark).reduce((n, b) => n + countCommandLines(b.text), 0);
}

/** How many commands the script holds commented out, in blocks marked alternative or optional. */
export function countCommented(blocks: CommandBlock[]): number {
  return blocks.filter((b) => b.mark).reduce((n, b) => n + countCommandLines(b.text), 0);
}

/** Placeholders a reader must replace: 10.0.0.x-style addresses, example IPs, REPO_URL. */
export function placeholdersIn(blocks: CommandBlock[]): string[] {
  const found = new Set<string>();
  for (const {text} of blocks) {
    for (const m of text.matchAll(/\b(?:\d{1,3}\.){3}(?:x|\d{1,3})\b|\bREPO_URL\b/g)) found.add(m[0]);
  }
  return [...found];
}

/**
 * The script: a header, then `# section` and the exact text of each fence;
 * a marked fence's text is commented out under `# Alternative: <note>` or
 * `# Optional: <note>`.
 */
export function buildScript(blocks: CommandBlock[], chapterTitle: string, version: string): string {
  const placeholders = placeholdersIn(blocks);
  const header = [
    '#!/usr/bin/env bash',
    `# Commands of "${chapterTitle}", Charming with Docker ${versionLabel(version)}, in page order.`,
    placeholders.length
      ? `# Replace placeholders such as ${placeholders.join(', ')} with your own values, as the page explains.`
      : '# Replace placeholders such as 10.0.0.x with your own values, as the page explains.',
    '# Run them in order, one at a time, and wait where the page says to.',
  ].join('\n');
  const sections = blocks.map((b) =>
    b.mark ? `# ${b.section}\n# ${MARK_LABEL[b.mark.kind]}: ${b.mark.note}\n${commentOut(b.text)}` : `# ${b.section}\n${b.text}`,
  );
  return `${header}\n\n${sections.join('\n\n')}\n`;
}

/** `{value}` as an MDX expression attribute or child: the estree MDX needs to compile it. */
function importNode(): AnyNode {
  const source = COMPONENT_MODULE;
  return {
    type: 'mdxjsEsm',
    value: `import ${COMPONENT} from '${source}';`,
    data: {
      estree: {
        type: 'Program',
        sourceType: 'module',
        body: [
          {
            type: 'ImportDeclaration',
            specifiers: [{type: 'ImportDefaultSpecifier', local: {type: 'Identifier', name: COMPONENT}}],
            source: {type: 'Literal', value: source, raw: JSON.stringify(source)},
          },
        ],
      },
    },
  };
}

function componentNode(script: string, count: number, commented: number): AnyNode {
  return {
    type: 'mdxJsxFlowElement',
    name: COMPONENT,
    attributes: [
      expressionAttribute('count', count),
      expressionAttribute('commented', commented),
    ],
    // The folded preview: a plain code block, so MDX renders it with the
    // theme's CodeBlock like any other fence (the component need not
    // import CodeBlock, which would split the shared code-block chunk).
    // It is also what the button copies: MDX gives a code block's text a
    // final newline, so the text is the script exactly, held once.
    children: [{type: 'code', lang: 'bash', meta: null, value: script.replace(/\n$/, '')}],
  } as AnyNode;
}

export default function remarkChapterCommands() {
  return (tree: AnyNode, file: VFileLike): void => {
    if (!file.path) return;
    const docPath = path.resolve(file.path);
    const frontMatter = (file.data?.frontMatter ?? {}) as Record<string, unknown>;
    const chapter = chapterOf(docPath, frontMatter);
    if (!chapter) return;
    const title =
      typeof frontMatter.title === 'string'
        ? frontMatter.title
        : (chapters.find((c) => c.id === chapter.id)?.title ?? chapter.id);
    const blocks = collectCommands(tree, title, path.relative(SITE_DIR, docPath));
    if (blocks.length === 0) return;
    const script = buildScript(blocks, title, chapter.version);
    const children = tree.children ?? [];
    const firstH2 = children.findIndex((n) => n.type === 'heading' && n.depth === 2);
    // A chapter without any `##` gets the button at its end.
    const at = firstH2 >= 0 ? firstH2 : children.length;
    children.splice(at, 0, componentNode(script, countCommands(blocks), countCommented(blocks)));
    // Imports are hoisted wherever they are; at the end, the import does not
    // come between the front matter and a leading `# title` heading.
    children.push(importNode());
    tree.children = children;
  };
}
