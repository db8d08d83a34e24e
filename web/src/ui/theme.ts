import { useCallback, useEffect, useState } from 'react';

export type ThemeChoice = 'light' | 'dark';
export type Theme = { readonly theme: ThemeChoice; toggle(): void };

const KEY = 'octokube.theme';

/**
 * Light or dark: the user's last choice, else the system's preference. Applied as
 * `data-theme` on the root element, which switches the CSS variables of styles.css.
 */
export function useTheme(): Theme {
  const [theme, setTheme] = useState<ThemeChoice>(() => {
    const saved = readSaved();
    if (saved !== null) {
      return saved;
    }
    return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  });
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const toggle = useCallback(() => {
    setTheme((current) => {
      const next = current === 'dark' ? 'light' : 'dark';
      try {
        window.localStorage.setItem(KEY, next);
      } catch {
        // Storage can be disabled (private windows, policies): the choice then lasts the page.
      }
      return next;
    });
  }, []);
  return { theme, toggle };
}

function readSaved(): ThemeChoice | null {
  try {
    const saved = window.localStorage.getItem(KEY);
    return saved === 'light' || saved === 'dark' ? saved : null;
  } catch {
    return null;
  }
}
