/**
 * Reading the text of one bash command fence, line by line, the way the
 * "copy all commands" script needs it (src/remark/chapter-commands.ts):
 * which lines are commands, which continue the line before, which are the
 * body of a here-document, and which are written the way a terminal shows
 * them (a prompt) rather than the way a reader types them.
 *
 * This is not a shell parser. It knows the few forms a tutorial's command
 * fence uses, and errs towards reporting: a false alarm costs the author
 * a rewording, a miss costs a reader a broken script.
 */

export type LineKind = 'command' | 'continuation' | 'comment' | 'blank' | 'heredoc';

export interface ScannedText {
  /** One entry per line of the text. */
  kinds: LineKind[];
  /**
   * A here-document still open at the end of the text: its 0-based line,
   * the operator as written (`<<EOF`) and the line that would close it.
   * In the joined script, every later command would become its text.
   */
  unclosed: {line: number; operator: string; delimiter: string} | null;
}

/**
 * `<<WORD`, `<<-WORD`, `<<'WORD'`, `<<"WORD"` or `<<\WORD`, but not the
 * here-string `<<<`. An unquoted word must start with a letter or `_`, so
 * the shift in `$((1 << 2))` is not taken for one.
 */
const HEREDOC = /(?<!<)<<(?!<)(-?)[ \t]*(?:'([^']+)'|"([^"]+)"|\\?([A-Za-z_][\w-]*))/g;

/** Inside `$(( … ))`, `<<` is a shift, whatever follows it. */
function inArithmetic(before: string): boolean {
  return (before.match(/\(\(/g)?.length ?? 0) > (before.match(/\)\)/g)?.length ?? 0);
}

/** The here-documents a command line opens, in order (a line may open several). */
function heredocsOpened(line: string): Array<{operator: string; delimiter: string; stripTabs: boolean}> {
  const out: Array<{operator: string; delimiter: string; stripTabs: boolean}> = [];
  for (const m of line.matchAll(HEREDOC)) {
    if (inArithmetic(line.slice(0, m.index))) continue;
    out.push({operator: m[0], delimiter: m[2] ?? m[3] ?? m[4], stripTabs: m[1] === '-'});
  }
  return out;
}

/** Classify every line of a fence's text and find a here-document left open. */
export function scanCommands(text: string): ScannedText {
  const lines = text.split('\n');
  const kinds: LineKind[] = [];
  // Here-documents waiting for their closing line, first one first.
  const open: Array<{line: number; operator: string; delimiter: string; stripTabs: boolean}> = [];
  let continued = false;
  lines.forEach((line, i) => {
    if (open.length > 0) {
      kinds.push('heredoc');
      const body = open[0].stripTabs ? line.replace(/^\t+/, '') : line;
      if (body === open[0].delimiter) open.shift();
      return;
    }
    const trimmed = line.trim();
    if (continued) kinds.push('continuation');
    else if (trimmed === '') kinds.push('blank');
    else if (trimmed.startsWith('#')) kinds.push('comment');
    else kinds.push('command');
    if (kinds[i] === 'command' || kinds[i] === 'continuation') {
      open.push(...heredocsOpened(line).map((h) => ({line: i, ...h})));
    }
    continued = kinds[i] !== 'comment' && /\\\s*$/.test(line);
  });
  const first = open[0];
  return {kinds, unclosed: first ? {line: first.line, operator: first.operator, delimiter: first.delimiter} : null};
}

/** How many commands a text holds: lines that start one (not comments, continuations or here-document bodies). */
export function countCommandLines(text: string): number {
  return scanCommands(text).kinds.filter((k) => k === 'command').length;
}

/**
 * Ways a terminal's prompt gets pasted into a command fence, with or
 * without a following command: `$ cmd`, a lone `$`, `$cmd` (the space
 * lost), `% cmd`, `user@host:~$ cmd`, `root@host:/# cmd`,
 * `[user@host dir]$ cmd`, each maybe after a `(venv) ` prefix.
 *
 * `$cmd` is told from a variable by case: the site's commands write the
 * variables they start a line with in capitals (`$CHARM_BUILD_DIR`), or
 * as `${…}`, `$(…)`, `"$…"`; a lower-case name right after `$` at the
 * start of a line is a prompt.
 */
const PROMPT = new RegExp(
  [
    String.raw`^\s*(?:\([^)\s]*\)\s+)?`,
    '(?:',
    String.raw`[$%](?=\s|$)`, // $ cmd, lone $, % cmd
    String.raw`|\$(?=[a-z])`, // $cmd
    String.raw`|[\w.-]+@[\w.-]+(?::\S*)?[$#](?=\s|$)`, // user@host:~$ cmd, root@host:/# cmd
    String.raw`|\[[^\]\s]+@[^\]]+\][$#](?=\s|$)`, // [user@host dir]$ cmd
    ')',
  ].join(''),
);

/** The first line (0-based) that starts with a prompt, and the prompt as written; here-document bodies are file text and are skipped. */
export function findPrompt(text: string, kinds = scanCommands(text).kinds): {line: number; prompt: string} | null {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (kinds[i] === 'heredoc') continue;
    const m = PROMPT.exec(lines[i]);
    if (m) return {line: i, prompt: m[0].trim()};
  }
  return null;
}

/** The text as bash comments, line by line, so that nothing in it runs (a comment ending in `\` does not continue). */
export function commentOut(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? '#' : `# ${line}`))
    .join('\n');
}
