/**
 * Marks an author puts on a command fence that is not part of a chapter's
 * main path, so that "copy all commands" (src/remark/chapter-commands.ts)
 * keeps the whole script runnable from top to bottom:
 *
 *     ```bash alternative="on a computer with an NVIDIA GPU, instead of the juju deploy below"
 *     ```bash optional="in a second terminal, to follow the deployment (Ctrl+C stops it)"
 *
 * `alternative` is a command to run *instead of* one on the main path;
 * `optional` one the reader may skip (a side trip, a second terminal, an
 * undo). The quoted note is required: it becomes the script's
 * `# Alternative: …` / `# Optional: …` line, which is all a reader of the
 * script has to decide whether to uncomment the block.
 *
 * The page shows a marked block as any other. Only the script changes:
 * the block is there, commented out under its note, and is left out of
 * the button's count.
 */

export type MarkKind = 'alternative' | 'optional';

export interface CommandMark {
  kind: MarkKind;
  /** The author's note: when to run the block. */
  note: string;
}

/** A mark as an author writes it, for error messages. */
const EXAMPLE: Record<MarkKind, string> = {
  alternative: 'alternative="on a computer with an NVIDIA GPU, instead of the juju deploy below"',
  optional: 'optional="in a second terminal, to follow the deployment (Ctrl+C stops it)"',
};

/** The word that starts the block's note in the script. */
export const MARK_LABEL: Record<MarkKind, string> = {alternative: 'Alternative', optional: 'Optional'};

/**
 * One word of a fence's meta: `key="quoted value"`, `key=value`, or a bare
 * word such as `{1-3}`. A quoted value is one word, so `title="an optional
 * step"` is not taken for a mark.
 */
const WORD = /([\w-]+)=(?:"([^"]*)"|(\S*))|(\S+)/g;

/** The class a marked fence's code block gets on the page, so tests can tell it from the others. */
export function markClass(kind: MarkKind): string {
  return `chapter-commands-${kind}`;
}

/** A mark word of a fence's meta: `alternative…` or `optional…`, bare or with a value. */
function isMarkWord(key: string | undefined, bare: string | undefined): boolean {
  const kind = key ?? bare;
  return kind === 'alternative' || kind === 'optional';
}

/**
 * The meta without its mark. The mark is for the build only; left in, its
 * note would also ship in the page's JavaScript as the code block's
 * metastring, bytes the docker-layer page cannot spare (its weight budget
 * is checked by tests/build/page-weight.test.ts).
 */
export function stripMark(meta: string | null | undefined): string | null {
  const rest = [...(meta ?? '').matchAll(WORD)].filter(([, key, , , bare]) => !isMarkWord(key, bare)).map((m) => m[0]);
  return rest.length ? rest.join(' ') : null;
}

/**
 * The mark in a fence's meta, null when there is none. Throws a message
 * for the author when the mark is unusable: no note, an unquoted note, an
 * empty one, or both kinds at once.
 */
export function parseMark(meta: string | null | undefined): CommandMark | null {
  const found = [...(meta ?? '').matchAll(WORD)]
    .filter(([, key, , , bare]) => isMarkWord(key, bare))
    .map(([, key, quoted, unquoted, bare]) => ({kind: key ?? bare, quoted, unquoted}));
  if (found.length === 0) return null;
  if (found.length > 1) {
    throw new Error(`a fence has ${found.map((w) => w.kind).join(' and ')}; mark it once, as alternative or as optional`);
  }
  const {kind, quoted, unquoted} = found[0];
  if (quoted === undefined || quoted.trim() === '') {
    const why = unquoted ? 'its note must be in double quotes' : 'it needs a note saying when to run the block';
    throw new Error(`"${kind}" on a fence: ${why}, such as ${EXAMPLE[kind as MarkKind]}`);
  }
  return {kind: kind as MarkKind, note: quoted.trim()};
}
