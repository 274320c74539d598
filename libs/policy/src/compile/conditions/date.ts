/**
 * Dates for the Date* operators: ISO 8601 (date, or date and time with optional fraction and
 * zone; no zone means UTC) or epoch seconds. Result in epoch milliseconds, NaN when malformed.
 */
const ISO =
  /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;
const EPOCH = /^-?\d+(?:\.\d+)?$/;

export function parseDate(text: string): number {
  if (isCanonicalUtc(text)) return Date.parse(text);
  const s = text.trim();
  if (EPOCH.test(s)) return Number(s) * 1000;
  const m = ISO.exec(s);
  if (m === null) return NaN;
  if (m[2] === undefined) return Date.parse(`${m[1]}T00:00:00Z`);
  let zone = m[3];
  if (zone === undefined || zone === 'z' || zone === 'Z') zone = 'Z';
  else if (zone.length === 3) zone = `${zone}:00`;
  else if (zone.length === 5) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  return Date.parse(`${m[1]}T${m[2]}${zone}`);
}

/** A context value as epoch milliseconds: numbers are epoch seconds; strings as `parseDate`. */
export function dateOf(value: string | number | boolean): number {
  if (typeof value === 'number') return value * 1000;
  if (typeof value === 'string') return parseDate(value);
  return NaN;
}

/** `YYYY-MM-DDTHH:MM:SSZ`, the shape of aws:CurrentTime: parsed without a regular expression. */
function isCanonicalUtc(s: string): boolean {
  if (s.length !== 20 || s.charCodeAt(19) !== 90 /* Z */ || s.charCodeAt(10) !== 84 /* T */) {
    return false;
  }
  for (let i = 0; i < 19; i++) {
    const c = s.charCodeAt(i);
    if (i === 4 || i === 7) {
      if (c !== 45 /* - */) return false;
    } else if (i === 13 || i === 16) {
      if (c !== 58 /* : */) return false;
    } else if (i !== 10 && (c < 48 || c > 57)) {
      return false;
    }
  }
  return true;
}
