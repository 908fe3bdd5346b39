// Syntax highlighting for code blocks, loaded after the first frame (highlight.js is not needed
// for it). null until loaded, and always null without colour.
import { useEffect, useState } from 'react';
import type { Highlighter } from '../markdown/render-markdown.js';

let loaded: Highlighter | null = null;
let loading: Promise<Highlighter | null> | null = null;

export const HIGHLIGHT_LOAD_DELAY_MS = 150;

export function loadHighlighter(): Promise<Highlighter | null> {
  loading ??= import('../markdown/highlight-code.js')
    .then((mod) => {
      loaded = mod.highlightCode;
      return loaded;
    })
    .catch(() => null);
  return loading;
}

export function useHighlighter(color: boolean): Highlighter | null {
  const [hl, setHl] = useState<Highlighter | null>(() => loaded);
  useEffect(() => {
    if (!color || hl) return undefined;
    let live = true;
    const timer = setTimeout(() => {
      void loadHighlighter().then((h) => {
        if (live && h) setHl(() => h);
      });
    }, HIGHLIGHT_LOAD_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [color, hl]);
  return color ? hl : null;
}
