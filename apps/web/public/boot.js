/* The first script of index.html: small and blocking (the CSP allows no inline scripts), so it runs before the first
 * paint. It does two things.
 *
 * 1. A visitor without the API's session hint (the `cabinet_session` cookie, SESSION_HINT_COOKIE in
 *    @cabinet/shared-types) who opens /login — or /, which sends them there — and has not chosen English is shown the
 *    sign-in page that index.html carries as static markup (#boot-shell) instead of the empty app root; the app's
 *    sign-in page takes its place once it has rendered (src/shared/lib/boot-shell.ts).
 * 2. It starts the app: the module script and the module preloads that the build put into <template id="app-scripts">
 *    (vite.config.ts, cabinetAppScripts). With the static sign-in page on screen they are requested right after that
 *    page is painted, so the stylesheet it needs is not sharing a slow connection with half a megabyte of scripts;
 *    otherwise (nothing to show without the app) at once.
 */
(function () {
  var shell = false;
  try {
    var path = location.pathname;
    var language = localStorage.getItem('cabinet.language');
    shell =
      (path === '/login' || path === '/') &&
      !/(?:^|;\s*)cabinet_session=/.test(document.cookie) &&
      (!language || language === 'ru');
  } catch {
    shell = false; // no cookies or storage: the app alone
  }
  if (shell) document.documentElement.classList.add('boot-login');

  var started = false;
  function start() {
    if (started) return;
    started = true;
    var template = document.getElementById('app-scripts');
    if (!template || !template.content) return; // `vite dev`: index.html loads the app itself
    var tags = template.content.children;
    for (var i = 0; i < tags.length; i++) {
      var tag = tags[i];
      var copy;
      if (tag.localName === 'script') {
        copy = document.createElement('script');
        copy.type = 'module';
        copy.src = tag.getAttribute('src');
      } else if (tag.localName === 'link') {
        copy = document.createElement('link');
        copy.rel = tag.getAttribute('rel');
        copy.href = tag.getAttribute('href');
      } else {
        continue;
      }
      if (tag.hasAttribute('crossorigin')) copy.crossOrigin = tag.getAttribute('crossorigin');
      document.head.appendChild(copy);
    }
  }

  if (!shell || document.visibilityState === 'hidden') {
    start();
    return;
  }
  // Once the static page is on screen (its first contentful paint); where paint timing is unknown, after a frame
  // (which waits for the stylesheet) and a task. A tab hidden meanwhile paints nothing, hence the timer.
  var types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
  if (types.indexOf('paint') >= 0) {
    new PerformanceObserver(function (list, observer) {
      if (list.getEntriesByName('first-contentful-paint').length) {
        observer.disconnect();
        start();
      }
    }).observe({ type: 'paint', buffered: true });
  } else {
    requestAnimationFrame(function () {
      setTimeout(start, 0);
    });
  }
  setTimeout(start, 3000);
})();
