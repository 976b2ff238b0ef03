/**
 * The reader's progress through the tutorial, kept in this browser's
 * localStorage and nowhere else (no request is ever made with it).
 *
 * Chapters are keyed by doc id, which is the same in every docs version
 * ("charm-build" in 1.0 and in Next): a part marked done stays done when
 * the reader switches version, because it is the same part of the same
 * tutorial. The last visited chapter keeps its version, so "continue"
 * returns to the version the reader was reading.
 *
 * React reads it with useSyncExternalStore: the server (and hydration) see
 * `null`, "not known yet", so the static HTML never depends on it.
 */
import {useSyncExternalStore} from 'react';

export const STORAGE_KEY = 'charming-with-docker:progress:v1';

export interface Progress {
  /** Doc ids of the chapters marked done, in the order they were marked. */
  done: string[];
  /** The tutorial chapter read last: doc id and docs version name ('current' is Next). */
  last?: {id: string; version: string};
}

const EMPTY: Progress = {done: []};

/** Parse what is stored; anything malformed counts as no progress. */
export function parseProgress(raw: string | null): Progress {
  if (!raw) return EMPTY;
  try {
    const data: unknown = JSON.parse(raw);
    if (typeof data !== 'object' || data === null) return EMPTY;
    const {done, last} = data as Record<string, unknown>;
    const progress: Progress = {
      done: Array.isArray(done) ? done.filter((id): id is string => typeof id === 'string') : [],
    };
    const l = last as Record<string, unknown> | undefined;
    if (l && typeof l.id === 'string' && typeof l.version === 'string') {
      progress.last = {id: l.id, version: l.version};
    }
    return progress;
  } catch {
    return EMPTY;
  }
}

const listeners = new Set<() => void>();
let cachedRaw: string | null | undefined;
let cached: Progress = EMPTY;

function readRaw(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage blocked (privacy settings): progress lives in memory only.
    return cachedRaw ?? null;
  }
}

function snapshot(): Progress {
  const raw = readRaw();
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    cached = parseProgress(raw);
  }
  return cached;
}

function save(next: Progress): void {
  const raw = JSON.stringify(next);
  try {
    window.localStorage.setItem(STORAGE_KEY, raw);
  } catch {
    // Full or blocked storage: keep it for this page at least.
  }
  cachedRaw = raw;
  cached = next;
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab changed it.
  const onStorage = (e: StorageEvent) => {
    if (e.key === STORAGE_KEY || e.key === null) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** The stored progress, or null while rendering on the server or hydrating. */
export function useProgress(): Progress | null {
  return useSyncExternalStore(subscribe, snapshot, () => null);
}

export function setDone(id: string, done: boolean): void {
  const current = snapshot();
  const rest = current.done.filter((d) => d !== id);
  save({...current, done: done ? [...rest, id] : rest});
}

export function recordVisit(id: string, version: string): void {
  const current = snapshot();
  if (current.last?.id === id && current.last.version === version) return;
  save({...current, last: {id, version}});
}
