/**
 * Intl formatters, made once per locale and options. Making one costs far more than formatting with it
 * (it loads and resolves the locale's data): the dashboard made a fresh NumberFormat for every sum on screen,
 * the largest single cost of its first render under Lighthouse's 4× slower CPU.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function cached<F, O>(cache: Map<string, F>, make: (locale: string, options?: O) => F, locale: string, options?: O): F {
  const key = options ? `${locale}|${JSON.stringify(options)}` : locale;
  let format = cache.get(key);
  if (!format) {
    format = make(locale, options);
    cache.set(key, format);
  }
  return format;
}

export const numberFormat = (locale: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat =>
  cached(numberFormats, (l, o) => new Intl.NumberFormat(l, o), locale, options);

export const dateTimeFormat = (locale: string, options?: Intl.DateTimeFormatOptions): Intl.DateTimeFormat =>
  cached(dateTimeFormats, (l, o) => new Intl.DateTimeFormat(l, o), locale, options);

export const relativeTimeFormat = (locale: string, options?: Intl.RelativeTimeFormatOptions): Intl.RelativeTimeFormat =>
  cached(relativeFormats, (l, o) => new Intl.RelativeTimeFormat(l, o), locale, options);
