// Syntax highlighting for code blocks, loaded after the first frame (highlight.js with all
// its languages is too heavy for the path to the first frame). null until loaded, and
// always null without colour.
import { useEffect, useState } from 'react';
import type { Highlighter } from '../markdown/render-markdown.js';

let loaded: Highlighter | null = null;
let loading: Promise<Highlighter | null> | null = null;

export const HIGHLIGHT_LOAD_DELAY_MS = 150;

export function loadHighlighter(): Promise<Highlighter | null> {
  loading ??= import('cli-highlight')
    .then((mod) => {
      const hl = mod.highlight;
      loaded = (code, lang) => hl(code, { language: lang, ignoreIllegals: true });
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
