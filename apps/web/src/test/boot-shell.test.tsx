import { SESSION_HINT_COOKIE } from '@cabinet/shared-types';
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '@/shared/i18n/i18n';
import { ruCore } from '@/shared/i18n/locales/ru-core';
import { ruRest } from '@/shared/i18n/locales/ru-rest';
import { dismissBootShell } from '@/shared/lib/boot-shell';
import { createFakeApi } from './fake-api';
import { renderApp } from './render-app';
import indexHtml from '../../index.html?raw';
import bootJs from '../../public/boot.js?raw';

/** What index.html's static copy leaves out of the app's markup: ids, form semantics, autofill hints. */
const omitted = ['id', 'for', 'aria-describedby', 'autocomplete', 'name', 'required', 'autocapitalize', 'autocorrect', 'spellcheck', 'inputmode', 'novalidate', 'data-discover'];

function normalized(root: Element): string {
  const copy = root.cloneNode(true) as Element;
  for (const element of [copy, ...copy.querySelectorAll('*')]) {
    for (const name of omitted) element.removeAttribute(name);
    if (element.localName === 'input') element.removeAttribute('type');
    if (element.localName === 'form') element.removeAttribute('aria-label');
  }
  return copy.outerHTML;
}

function staticShell(): Element {
  const doc = new DOMParser().parseFromString(indexHtml, 'text/html');
  const shell = doc.getElementById('boot-shell');
  if (!shell?.firstElementChild) throw new Error('index.html has no #boot-shell');
  return shell;
}

function runBootScript(): void {
  new Function(bootJs)();
}

afterEach(() => {
  i18n.addResourceBundle('ru', 'translation', ruRest, true, false);
  document.documentElement.classList.remove('boot-login');
  localStorage.clear();
});

describe('the static sign-in page of index.html', () => {
  it('is what the app renders at /login (less ids, names and autofill hints), so nothing moves when the app takes over', async () => {
    // With the first download's Russian texts only, as a visitor of /login has them: none is missing.
    i18n.removeResourceBundle('ru', 'translation');
    i18n.addResourceBundle('ru', 'translation', ruCore);
    createFakeApi();
    const { container } = renderApp('/login');
    await screen.findByRole('heading', { level: 1, name: 'Вход в личный кабинет' });

    const app = container.firstElementChild;
    expect(app).not.toBeNull();
    expect(normalized(staticShell().firstElementChild!)).toBe(normalized(app!));
  });

  it('is inert and hidden from assistive technology', () => {
    const shell = staticShell();
    expect(shell.hasAttribute('inert')).toBe(true);
    expect(shell.getAttribute('aria-hidden')).toBe('true');
    expect(shell.querySelector('[id], [name], [autocomplete]')).toBeNull();
  });

  it('leaves when the app shows its sign-in page', async () => {
    const shell = document.createElement('div');
    shell.id = 'boot-shell';
    document.body.append(shell);
    document.documentElement.classList.add('boot-login');
    createFakeApi();
    renderApp('/login');
    await screen.findByRole('heading', { level: 1, name: 'Вход в личный кабинет' });

    expect(document.getElementById('boot-shell')).toBeNull();
    expect(document.documentElement.classList.contains('boot-login')).toBe(false);
    dismissBootShell(); // twice is fine
  });
});

describe('public/boot.js', () => {
  it('shows the static sign-in page to a visitor without the session hint on /login and /', () => {
    for (const path of ['/login', '/']) {
      window.history.replaceState(null, '', path);
      runBootScript();
      expect(document.documentElement.classList.contains('boot-login')).toBe(true);
      document.documentElement.classList.remove('boot-login');
    }
  });

  it('does not show it with the session hint, on other pages or in English', () => {
    expect(bootJs).toContain(`${SESSION_HINT_COOKIE}=`);
    window.history.replaceState(null, '', '/login');
    document.cookie = `${SESSION_HINT_COOKIE}=1; path=/`;
    runBootScript();
    expect(document.documentElement.classList.contains('boot-login')).toBe(false);
    document.cookie = `${SESSION_HINT_COOKIE}=; path=/; max-age=0`;

    window.history.replaceState(null, '', '/tariffs');
    runBootScript();
    expect(document.documentElement.classList.contains('boot-login')).toBe(false);

    window.history.replaceState(null, '', '/login');
    localStorage.setItem('cabinet.language', 'en');
    runBootScript();
    expect(document.documentElement.classList.contains('boot-login')).toBe(false);
  });
});
