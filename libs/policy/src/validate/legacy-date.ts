/**
 * The date check IAM's "legacy parsing" applies to the values of Date* condition operators: a value
 * is either an epoch timestamp (0 to 2^63-1) or an ISO 8601 date-time IAM can read. A value it
 * cannot read makes CreatePolicy fail with "The policy failed legacy parsing".
 *
 * The rules (ranges, the two-digit zone hours, nine fraction digits, no "-hh:mm" zone) follow the
 * behaviour recorded against real IAM in getmoto/moto's policy validator and its tests.
 */
const MAX_EPOCH = BigInt('9223372036854775807');

/** Python's int() on a string: optional sign, digits (with single `_` between), outer space. */
function parseInteger(text: string): bigint | undefined {
  if (!/^\s*[+-]?\d+(_\d+)*\s*$/.test(text)) return undefined;
  return BigInt(text.trim().replace(/_/g, ''));
}

function inRange(text: string, min: number, max: number): boolean {
  const n = parseInteger(text);
  return n !== undefined && n >= BigInt(min) && n <= BigInt(max);
}

function validIsoDateTime(value: string): boolean {
  const t = value.indexOf('t');
  const datePart = t < 0 ? value : value.slice(0, t);
  const timePart = t < 0 ? '' : value.slice(t + 1);

  const negativeYear = datePart.startsWith('-');
  const dateParts = (negativeYear ? datePart.slice(1) : datePart).split('-');
  const year = negativeYear ? `-${dateParts[0]}` : dateParts[0];
  if (!inRange(year, -292275054, 292278993)) return false;
  if (dateParts.length > 1 && !inRange(dateParts[1], 1, 12)) return false;
  if (dateParts.length > 2 && !inRange(dateParts[2], 1, 31)) return false;
  if (dateParts.length >= 4) return false;

  const timeParts = timePart.split(':');
  if (timeParts[0] !== '' && !inRange(timeParts[0], 0, 23)) return false;
  if (timeParts.length > 1 && !inRange(timeParts[1], 0, 59)) return false;
  if (timeParts.length > 2) {
    const last = timeParts[2];
    let seconds: string;
    if (last.includes('z')) {
      const z = last.indexOf('z');
      seconds = last.slice(0, z);
      if (last.slice(z + 1) !== '') return false;
    } else if (last.includes('+')) {
      const plus = last.indexOf('+');
      seconds = last.slice(0, plus);
      const zone = last.slice(plus + 1);
      const colon = zone.indexOf(':');
      const hours = colon < 0 ? zone : zone.slice(0, colon);
      if (hours.length !== 2 || !inRange(hours, 0, 23)) return false;
      if (colon >= 0) {
        const minutes = zone.slice(colon + 1);
        if (minutes.length !== 2 || !inRange(minutes, 0, 59)) return false;
      }
    } else {
      seconds = last;
    }
    const dot = seconds.indexOf('.');
    const whole = dot < 0 ? seconds : seconds.slice(0, dot);
    if (!inRange(whole, 0, 59)) return false;
    if (dot >= 0 && !inRange(seconds.slice(dot + 1), 0, 999999999)) return false;
  }
  return true;
}

/** Whether IAM's legacy parser accepts this value of a Date* condition operator. */
export function legacyDateAccepted(value: string | number | boolean): boolean {
  if (typeof value === 'boolean') return false;
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0 && BigInt(value) <= MAX_EPOCH;
  }
  const lower = value.toLowerCase();
  if (lower.includes('t') || value.includes('-')) return validIsoDateTime(lower);
  const n = parseInteger(value);
  return n !== undefined && n >= BigInt(0) && n <= MAX_EPOCH;
}
