/** The cashier's locale for amounts on screen (the browser's), or en-GB where there is no browser (tests). */
export function uiLocale(): string {
  return typeof navigator === 'undefined' ? 'en-GB' : navigator.language;
}
