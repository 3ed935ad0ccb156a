/** Storage key of the chosen theme ("dark" or "light"). */
export const THEME_KEY = 'farview-theme';

// Runs while the HTML is parsed, before the first paint, so a light-theme user never sees a dark flash.
const script = `try{var t=localStorage.getItem('${THEME_KEY}');if(t==='light'||t==='dark')document.documentElement.setAttribute('data-theme',t)}catch(e){}`;

/** Applies the saved theme before paint; the root layout renders it in <head> with the request's CSP nonce. */
export function ThemeScript({ nonce }: { nonce?: string }) {
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: script }} />;
}
