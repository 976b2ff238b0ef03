/** Helpers for no-pasted-code.test.ts. */
import fs from 'node:fs';
import path from 'node:path';

export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listFiles(abs);
    return entry.isFile() ? [abs] : [];
  });
}

/** A line is evidence of pasting only if it carries real content. */
function significant(line: string): boolean {
  const t = line.trim();
  return t.replace(/[^A-Za-z0-9]/g, '').length >= 6;
}

interface Fence {
  line: number;
  meta: string;
  body: string[];
}

function fences(source: string): Fence[] {
  const out: Fence[] = [];
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*(`{3,}|~{3,})(.*)$/.exec(lines[i]);
    if (!open) continue;
    const close = new RegExp(`^\\s*${open[1][0]}{${open[1].length},}\\s*$`);
    let j = i + 1;
    while (j < lines.length && !close.test(lines[j])) j++;
    out.push({line: i + 1, meta: open[2], body: lines.slice(i + 1, j)});
    i = j;
  }
  return out;
}

/**
 * Expected command output kept in `examples/NN-slug/outputs/`. Every
 * `juju status` shares Juju's fixed header lines (`Model  Controller
 * ...`) with every other one, so a single long line of such a file is no
 * evidence of pasting; two consecutive lines still are.
 */
export function isExpectedOutput(file: string): boolean {
  return /(^|\/)outputs\//.test(file);
}

/**
 * Report fences (without file=) that repeat two consecutive significant
 * lines of an example file, or one significant line of 40+ characters
 * (not counting expected-output files, see isExpectedOutput).
 */
export function findPastedCode(docLabel: string, source: string, examples: Map<string, string>): string[] {
  const lineOwners = new Map<string, string>();
  const pairOwners = new Map<string, string>();
  for (const [file, text] of examples) {
    const lines = text.split('\n').map((l) => l.trim()).filter(significant);
    const singleLinesCount = !isExpectedOutput(file);
    lines.forEach((l, i) => {
      if (singleLinesCount && l.length >= 40 && !lineOwners.has(l)) lineOwners.set(l, file);
      if (i > 0 && !pairOwners.has(lines[i - 1] + '\n' + l)) pairOwners.set(lines[i - 1] + '\n' + l, file);
    });
  }
  const problems: string[] = [];
  for (const fence of fences(source)) {
    if (/(?:^|\s)file=/.test(fence.meta)) continue;
    const body = fence.body.map((l) => l.trim()).filter(significant);
    let owner: string | undefined;
    for (let i = 0; i < body.length && !owner; i++) {
      owner = lineOwners.get(body[i]) ?? (i > 0 ? pairOwners.get(body[i - 1] + '\n' + body[i]) : undefined);
    }
    if (owner) problems.push(`${docLabel}:${fence.line}: code fence repeats lines of ${owner}`);
  }
  return problems;
}
