'use client';

import { useCallback } from 'react';
import { THEME_KEY } from '../ThemeScript';

export type Theme = 'dark' | 'light';

/** The theme in force: the data-theme attribute on <html>, dark when absent. */
export function currentTheme(): Theme {
  return document.documentElement.getAttribute('data-theme') === 'light' ? 'light' : 'dark';
}

/** Returns a function that flips dark/light, on <html data-theme> and in localStorage. */
export function useThemeToggle(): () => Theme {
  return useCallback(() => {
    const next: Theme = currentTheme() === 'light' ? 'dark' : 'light';
    document.documentElement.setAttribute('data-theme', next);
    try {
      localStorage.setItem(THEME_KEY, next);
    } catch {
      // Private mode or storage disabled: the theme still applies to this page.
    }
    return next;
  }, []);
}
