/**
 * index.html carries the sign-in page as static markup (`#boot-shell`, inert and hidden from assistive technology),
 * shown by public/boot.js to an anonymous visitor of /login or / before the JavaScript has arrived, while the app's
 * root stays hidden. The app's own sign-in page calls this in a layout effect: in the same frame the real page
 * appears where the static one was (the same layout, so nothing moves), and the static copy is gone.
 */
export const bootShellPaths: readonly string[] = ['/', '/login'];

export function dismissBootShell(): void {
  if (typeof document === 'undefined') return;
  document.documentElement.classList.remove('boot-login');
  document.getElementById('boot-shell')?.remove();
}
