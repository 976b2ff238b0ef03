/** The home page's chapter list follows the sidebar, in the same order. */
import {test} from 'node:test';
import assert from 'node:assert/strict';
import sidebars from '../../sidebars';
import {chapters} from '../../src/data/chapters';

type Item = string | {type?: string; id?: string; items?: Item[]};

function docIds(items: Item[]): string[] {
  return items.flatMap((item) => {
    if (typeof item === 'string') return [item];
    if (item.type === 'doc' && item.id) return [item.id];
    return item.items ? docIds(item.items) : [];
  });
}

test('home page chapters match the sidebar order', () => {
  const fromSidebar = docIds(sidebars.tutorial as Item[]);
  assert.deepEqual(chapters.map((c) => c.id), fromSidebar);
});
