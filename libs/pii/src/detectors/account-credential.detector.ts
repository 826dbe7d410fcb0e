// Account credentials written next to their label: passwords, usernames (and @handles), PINs. The value is the
// token after the label and a separator (":", "=", "is", "as", quotes); words that describe the credential
// instead of giving it ("password reset", "username is required") are not values.
import {
  contextScore,
  hasContextBefore,
  LABEL_FILLER,
  valuesAfterContext,
} from '../detection/context-window';
import type { PiiDetector } from '../detection/pii-detector';
import { Score, type PiiCandidate } from '../detection/pii-span';
import { classifyWord } from './name-lexicon';

// "password: x", "password=x", "pwd x1!", "password is x", "changed the password to x", 'password "x"'.
// A quoted value may hold spaces (a passphrase); "is:" and "is" both separate.
const PASSWORD =
  /(?<![A-Za-z])(?:password|passwd|passphrase|passcode|pass\s+code|pwd|pw|pass|(?:network|wi-?fi|wpa2?)\s+key)\b["']?(?:\s*(?<sep>(?:is|was)\s*[:=]|[:=]|->|is|was|to|as|of|from|set\s+to|changed\s+to|reads))?\s*(?:is\s+|now\s+)?(?:(?<quote>["'`])(?<quoted>[^"'`\n]{3,64}?)\k<quote>|(?<value>[^\s"'`]{3,64}))/dgi;
const USERNAME =
  /(?<![A-Za-z])(?:user[\s_]*name|username|user[\s_]*id|userid|user|login(?:\s*(?:id|name))?|handle|account\s+name|screen\s*name|nick(?:name)?|ig|insta(?:gram)?|twitter|tiktok|github|gitlab|discord|telegram|skype|slack\s+handle|reddit\s+user|(?:logged|log|signed|sign)\s+(?:in|on)\s+as|login\s+as)\b["']?(?:\s+(?:on|for|in|at)\s+(?:the\s+|my\s+)?[a-z]+)?(?:\s*(?<sep>[:=\-–]|is|was|as|of))?\s*(?:is\s+)?(?<quote>["'`]?)(?<value>(?:@|u\/)?[A-Za-z0-9][A-Za-z0-9._@-]{1,63})/dgi;
// Handles may hold dots ("@lena.travels"); one that ends in a domain ("@example.com") is an address fragment.
const HANDLE = /(?<![\w@./])@(?<value>[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)(?![\w@/(.])/g;
const DOMAIN_END = /\.(?:com|org|net|io|co|uk|de|fr|in|edu|gov|dev|ai|app)$/i;
const PIN = new RegExp(
  String.raw`\b(?:atm\s+pin|card\s+pin|pin(?:\s*(?:code|number|no\.?|#))?)\b` +
    LABEL_FILLER +
    String.raw`(?<value>\d{4,8})(?![\d/-]|\.\d)`,
  'gid',
);
// Words near an Indian postal "PIN code".
const POSTAL_CONTEXT = /\b(?:address|nagar|road|colony|city|district|state|india|post|sector)\b/i;

// Words that follow a label without being a value.
const NOT_A_VALUE = new Set(
  (
    'the a an my your our their his her its this that these those it and or for with of on in at to is are was ' +
    'be been being not no none null undefined empty blank required incorrect wrong invalid expired changed reset ' +
    'missing too weak strong correct same case stored hidden masked protected field fields policy policies ' +
    'manager managers hash hashes hashed length rules requirement requirements change changes recovery reuse ' +
    'prompt dialog screen page form box input error errors attempt attempts again here there below above ' +
    'and/or must should will would can could has have had does did do if when once then also only just ' +
    'please thanks account accounts name names id ids login logins email address profile settings details ' +
    'username usernames password passwords passcode user users pin ' +
    'info information data agent agents role roles group groups experience interface portal base list table ' +
    'who which what where whose why how all any each every some someone anyone everyone nobody'
  ).split(' '),
);
// Placeholders for a value that is not shown.
const MASKED = /^(?:\*+|x+|•+|\.{3}|<[^>]*>|\[[^\]]*\]|\{\{?[^}]*\}\}?|\$\{[^}]*\}|redacted|hidden|\?+)$/i;
const CODE_ANNOTATIONS = new Set(
  'param returns return type typedef deprecated override example see throws todo param since author link property ts-ignore ts-expect-error eslint-disable Injectable Component Module Controller Input Output'.split(
    ' ',
  ),
);

function cleanValue(value: string): string {
  return value.replace(/[.,;:)\]}]+$/, '');
}

function secretTraits(value: string): number {
  return [/\d/, /[^A-Za-z0-9]/, /[a-z].*[A-Z]|[A-Z].*[a-z]/].filter((re) => re.test(value)).length;
}

// Passwords given after "is"/"to" must look like a secret (a digit, a symbol or mixed case) unless quoted:
// "my password is hunter2" is one, "the password is incorrect" is not.
function passwordLike(value: string, strongSeparator: boolean): boolean {
  if (NOT_A_VALUE.has(value.toLowerCase()) || MASKED.test(value)) return false;
  if (strongSeparator) return true;
  return (
    /\d/.test(value) || /[^A-Za-z0-9]/.test(value) || (/[a-z]/.test(value) && /[A-Z]/.test(value.slice(1)))
  );
}

function passwords(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const m of text.matchAll(PASSWORD)) {
    const groups = m.groups ?? {};
    const quoted = groups['quoted'] !== undefined;
    const span = m.indices?.groups?.[quoted ? 'quoted' : 'value'];
    const raw = quoted ? groups['quoted'] : groups['value'];
    if (!span || raw === undefined) continue;
    const value = quoted ? raw : cleanValue(raw);
    const sep = (groups['sep'] ?? '').replace(/^(?:is|was)\s*/, '') || (groups['sep'] ?? '');
    const strong = sep === ':' || sep === '=' || sep === '->' || quoted;
    // "pass" and "pw" alone are common words: they need a strong separator or a value that is clearly a secret.
    const shortLabel = /^(?:pass|pw)\b/i.test(m[0]);
    if (
      value.length < 3 ||
      !passwordLike(value, strong) ||
      (shortLabel && !strong && secretTraits(value) < 2)
    )
      continue;
    if (!strong && sep === '' && !/\d/.test(value)) continue;
    out.push({
      entity: 'password',
      start: span[0],
      end: span[0] + value.length,
      score: contextScore(Score.context, span[0] - m.index),
    });
    // "changed the password from X to Y": Y is a password too.
    const next = /^\s+to\s+["'`]?([^\s"'`]{3,64})/.exec(text.slice(span[0] + value.length));
    if (sep === 'from' && next && passwordLike(cleanValue(next[1]), false)) {
      const start = span[0] + value.length + next[0].length - next[1].length;
      out.push({
        entity: 'password',
        start,
        end: start + cleanValue(next[1]).length,
        score: Score.context - 0.05,
      });
    }
  }
  return out;
}

// "the account ops_deploy": "account" names a login only before a clear handle (letters with _ or .).
const ACCOUNT_HANDLE = /\baccount\s+(?<value>[A-Za-z][A-Za-z0-9]*[_.][A-Za-z0-9_.]*[A-Za-z0-9])\b/dgi;

function usernames(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const v of valuesAfterContext(text, ACCOUNT_HANDLE)) {
    out.push({ entity: 'username', start: v.start, end: v.end, score: Score.heuristicStrong });
  }
  // A refused value may itself be the next label ("login - username: root"): the scan resumes at the value.
  const re = new RegExp(USERNAME.source, USERNAME.flags);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const span = m.indices?.groups?.['value'];
    const groups = m.groups ?? {};
    if (!span || groups['value'] === undefined) continue;
    re.lastIndex = span[0];
    const value = cleanValue(groups['value']);
    const label = m[0].toLowerCase();
    const asForm = /\bas\b/.test(label.slice(0, span[0] - m.index));
    const sep = groups['sep'] ?? '';
    // "user" alone is a plain word: it takes a value with ":" or "=" ("user: jdoe") or a handle-like one.
    const plainUser = /^user\b/.test(label) && !/^user[\s_]*(?:name|id)/.test(label);
    const quoted = Boolean(groups['quote']);
    const handleLike = /[\d_.]/.test(value) || (value.length >= 4 && classifyWord(value).unknown);
    if (plainUser && sep !== ':' && sep !== '=' && !quoted && !handleLike) continue;
    // "login nkhumalo": without a separator the value must look like an identifier, not a dictionary word.
    const identifierLike = /[\d._@/-]/.test(value) || (value.length >= 5 && classifyWord(value).unknown);
    if (!asForm && sep === '' && !groups['quote'] && !identifierLike) continue;
    // A date or a number after "login:" is a timestamp or a count, unless the label asks for an id.
    if (/^[\d\s./:-]+$/.test(value) && !/id\b/.test(label)) continue;
    if (value.length < 2 || NOT_A_VALUE.has(value.toLowerCase()) || MASKED.test(value)) continue;
    out.push({
      entity: 'username',
      start: span[0],
      end: span[0] + value.length,
      score: contextScore(Score.context - 0.05, span[0] - m.index),
    });
    re.lastIndex = span[0] + value.length;
  }
  for (const m of text.matchAll(HANDLE)) {
    const name = m.groups?.['value'] ?? '';
    if (name.length < 2 || name.length > 30 || DOMAIN_END.test(name)) continue;
    if (CODE_ANNOTATIONS.has(name) || CODE_ANNOTATIONS.has(name.toLowerCase())) continue;
    out.push({ entity: 'username', start: m.index, end: m.index + m[0].length, score: Score.heuristic });
  }
  return out;
}

function pins(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const v of valuesAfterContext(text, PIN)) {
    // In India "PIN code" is the six-digit postal code: part of an address, not a secret.
    const label = text.slice(v.start - v.gap, v.start).toLowerCase();
    const postal = /pin\s*code/.test(label) && /^[1-9]\d{5}$/.test(v.value);
    if (postal && hasContextBefore(text, v.start - v.gap, POSTAL_CONTEXT, 80)) continue;
    out.push({ entity: 'pin', start: v.start, end: v.end, score: contextScore(Score.context, v.gap) });
  }
  return out;
}

export const accountCredentialDetector: PiiDetector = {
  entities: ['password', 'username', 'pin'],
  competes: true,
  detect(text) {
    return [...passwords(text), ...usernames(text), ...pins(text)];
  },
};
