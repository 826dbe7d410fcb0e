// Network identifiers: IPv4 (octets 0-255, not a version string), IPv6 (validated by node:net), MAC
// addresses and URLs (scheme, www., or a bare domain under a common top-level domain).
import { isIP } from 'node:net';
import type { PiiDetector } from '../detection/pii-detector';
import { Score, type PiiCandidate } from '../detection/pii-span';

const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
// Not inside a longer dotted run (1.2.3.4.5 is a version or an OID), not glued to letters.
const IPV4 = new RegExp(String.raw`(?<![\w.])${OCTET}(?:\.${OCTET}){3}(?![\w]|\.\d)`, 'g');
const VERSION_BEFORE = /\b(?:version|ver|release|build|v)\.?\s*$/i;
const IPV6_CANDIDATE =
  /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:.]*\w)/g;
const MAC = /(?<![\w:-])[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}(?![\w:-])/g;
const MAC_DOTTED = /\b[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\b/g;

const URL_WITH_SCHEME = /\b(?:https?|ftp|wss?):\/\/[^\s<>"'`]+/gi;
const URL_WWW = /\bwww\.[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[/?#][^\s<>"'`]*)?/gi;
// Top-level domains common in text; file extensions that are also country codes (.md, .rs, .py, .sh, .ts)
// are left out on purpose.
const BARE_DOMAIN =
  /(?<![\w@./-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:com|org|net|edu|gov|mil|int|io|co|uk|de|fr|in|ca|au|info|biz|me|app|dev|ai|us|eu|nl|ch|jp|cn|ru|br|es|it|se|no|dk|pl|be|at|ie|nz|za|xyz|tech|online|site|shop|store|cloud|ly|tv|gg)\b(?![@-]|\.\w)(?:\/[^\s<>"'`]*)?/g;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]+$/;

function trimmed(start: number, raw: string, score: number): PiiCandidate {
  // A closing parenthesis belongs to the URL only when it opened inside it (Wikipedia-style links).
  let value = raw.replace(TRAILING_PUNCTUATION, '');
  if (raw.length > value.length && raw[value.length] === ')' && value.includes('('))
    value = raw.slice(0, value.length + 1);
  return { entity: 'url', start, end: start + value.length, score };
}

function urls(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  // A URL with a scheme is unambiguous: it outranks the query values inside it ("?user=42").
  const kinds: [RegExp, number][] = [
    [URL_WITH_SCHEME, Score.checksum],
    [URL_WWW, Score.formatAndContext],
    [BARE_DOMAIN, Score.format],
  ];
  for (const [re, score] of kinds) {
    for (const m of text.matchAll(re)) out.push(trimmed(m.index, m[0], score));
  }
  return out;
}

function ipAddresses(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const m of text.matchAll(IPV4)) {
    if (VERSION_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    out.push({ entity: 'ip_address', start: m.index, end: m.index + m[0].length, score: Score.format });
  }
  if (text.includes('::') || /[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:/.test(text)) {
    for (const m of text.matchAll(IPV6_CANDIDATE)) {
      // Two groups at least, so "::" or a clock time never passes.
      if (isIP(m[0]) !== 6 || (m[0].match(/[0-9A-Fa-f]+/g) ?? []).length < 2) continue;
      out.push({ entity: 'ip_address', start: m.index, end: m.index + m[0].length, score: Score.checksum });
    }
  }
  return out;
}

function macAddresses(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const re of [MAC, MAC_DOTTED]) {
    for (const m of text.matchAll(re)) {
      out.push({ entity: 'mac_address', start: m.index, end: m.index + m[0].length, score: Score.checksum });
    }
  }
  return out;
}

export const networkDetector: PiiDetector = {
  entities: ['ip_address', 'mac_address', 'url'],
  competes: true,
  detect(text) {
    const out: PiiCandidate[] = [];
    if (text.includes('.') || text.includes(':')) out.push(...urls(text), ...ipAddresses(text));
    if (/[0-9A-Fa-f]{2}[:.-][0-9A-Fa-f]{2}/.test(text)) out.push(...macAddresses(text));
    return out;
  },
};
