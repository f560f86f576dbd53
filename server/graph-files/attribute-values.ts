/**
 * Text from files into typed attribute values, one rule for every importer: `true`/`false` in
 * any case are booleans, plain decimal numbers are numbers (integers only while exactly
 * representable, and without leading zeros, so ids like `007` or 19-digit snowflakes stay text),
 * the empty string is no value.
 *
 *   coerceValue('True') === true; coerceValue('1910') === 1910; coerceValue('007') === '007'
 */
import type { AttributeValue } from './imported-graph.ts';

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

export const coerceValue = (text: string): AttributeValue | undefined => {
  if (text === '') return undefined;
  const lower = text.length <= 5 ? text.toLowerCase() : '';
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (NUMBER.test(text)) {
    const n = Number(text);
    if (Number.isFinite(n) && (!Number.isInteger(n) || Number.isSafeInteger(n))) return n;
  }
  return text;
};

/** A typed value from a GEXF/GraphML declared type (`integer`, `long`, `double`, `boolean`, …). */
export const valueOfType = (text: string, type: string | undefined): AttributeValue | undefined => {
  switch ((type ?? 'string').toLowerCase()) {
    case 'boolean':
      return text.trim().toLowerCase() === 'true';
    case 'int':
    case 'integer':
    case 'long':
    case 'short':
    case 'byte':
    case 'float':
    case 'double':
    case 'bigdecimal':
    case 'biginteger': {
      const n = Number(text.trim());
      return Number.isFinite(n) ? n : text;
    }
    default:
      return text;
  }
};
