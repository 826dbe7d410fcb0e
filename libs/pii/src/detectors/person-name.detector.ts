// Person names: runs of capitalised words judged by what each word can be (given name, surname, honorific,
// place, common word; see name-lexicon) and by the words before the run ("my name is", "Dear", "Thanks,").
import type { PiiDetector } from '../detection/pii-detector';
import { Score, type PiiCandidate } from '../detection/pii-span';
import { classifyWord, isPlaceOrOrganisationPhrase, type WordClass } from './name-lexicon';

interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly capitalised: boolean;
  readonly sentenceStart: boolean;
  readonly cls: WordClass;
}

const UPPER = /^\p{Lu}/u;
const CAMEL_OR_DIGIT = /^\p{Lu}?\p{Ll}+\p{Lu}|\d/u;
// Lower-case words that sit inside a name: "Ludwig van Beethoven", "María de la Cruz", "Osama bin Laden".
const PARTICLE_WORDS = 'van|von|de|da|del|della|der|den|di|du|la|le|bin|binti|ibn|al|el|ter|dos|das|y';
const PARTICLES = new Set(PARTICLE_WORDS.split('|'));
// Only capitalised words (and particles before one) are read: lower-case text is most of a prompt and never
// starts a name, so skipping it keeps this detector cheap.
const NAME_TOKEN = new RegExp(
  String.raw`(?<![\p{L}\p{M}'’-])(?:\p{Lu}(?:[\p{L}\p{M}'’-]+|(?=\.))|(?:${PARTICLE_WORDS})(?= \p{Lu}))(?!\d)`,
  'gu',
);
const SENTENCE_END_BEFORE = /(?:^|[.!?:;"“(\n]|^\s*[-*•>])\s*$/;
const ABBREVIATION_BEFORE =
  /(?:^|[^\p{L}])(?:\p{Lu}|Mr|Mrs|Ms|Mx|Dr|Prof|Sr|Jr|St|Rev|Capt|Gen|Col|Lt|Sgt)\.\s*$/u;
const MAX_RUN = 5;

const STRONG_BEFORE =
  /(?:\bmy\s+name\s+is|(?<![A-Za-z])(?:(?:first|last|given|family|middle|sur|full)[\s_-]?)?name\s*(?:is|:|=|-)|\bfull\s+name\s*(?:is|:)?|\bnamed|\bsigned(?:\s+by)?|\bdear|\battn\.?\s*:?|\battention\s*:|\b(?:patient|customer|client|employee|applicant|tenant|guest|passenger|student|candidate|contact|cardholder|holder|beneficiary|recipient|sender|driver|insured|member|owner|from|to|cc|bcc|signed|witness|name|interviewer|interviewee|doctor|nurse|teacher|parent|guardian|spouse|partner|approver|reviewer|assignee|reporter|author|speaker|host|organiser|organizer|attendee|visitor|caller)\s*:|\bi\s+am|\bi'm|\bthis\s+is|\bspeaking\s+with|\bspoke\s+(?:to|with)|\bcalled)\s*$/i;
const SIGNATURE_BEFORE =
  /(?:thanks|thank\s+you|regards|best|cheers|sincerely|yours|warmly|love|respectfully|--|—)[,!.]?\s*\n\s*$|^\s*(?:--|—|-)\s*$|\n\s*(?:--|—|-)\s*$/i;
// Words that introduce a person; generic prepositions (by, with, for, to) only support a known given name.
const WEAK_BEFORE =
  /\b(?:hi|hello|hey|thanks|thank\s+you|regards|cheers|best|sincerely|cc|ask|asked|tell|told|contact|call|called|email|emailed|message|ping|met|meet|per|invite|assign(?:ed)?\s+to|reported\s+by|approved\s+by|written\s+by|signed\s+by|owner|manager|colleague|friend|wife|husband|son|daughter|mother|father|brother|sister|mom|dad|uncle|aunt|cousin|boss|neighbou?r|landlord|says|said|wrote|replied|mentioned|recommended|introduced|welcome|congrats\s+to|thanks\s+to|spoke\s+to|talk\s+to|talked\s+to|shout\s*out\s+to|kudos\s+to|props\s+to|credit\s+to)[,:]?\s*$/i;
const PLACE_PREPOSITION_BEFORE =
  /\b(?:in|to|from|at|near|via|visit|visiting|into|across|around|toward|towards|outside)\s*$/i;
// Before a single ambiguous given name, a place preposition makes it a place or a company ("at Chase").
const LOCATIVE_BEFORE = /\b(?:in|at|from|near|into|inside|outside|via)\s*$/i;
// Words after a run that make it an organisation, a place or a product.
const NOT_PERSON_AFTER =
  /^\s*(?:Inc|Ltd|LLC|LLP|PLC|Corp|Corporation|Co|Company|Group|Holdings|Bank|University|College|School|Academy|Hospital|Clinic|Foundation|Institute|Labs?|Technologies|Systems|Solutions|Services|Partners|Ventures|Capital|Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Drive|Park|Lake|River|Mountain|County|City|Airport|Station|Stadium|Center|Centre|Mall|Hotel|Restaurant|Cafe|Studio|Studios|Games|Records|Press|Media|Cloud|Server|Engine|API|SDK)\b/;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(NAME_TOKEN)) {
    const raw = m[0].replace(/['’]s$|['’-]+$/u, '');
    if (raw.length === 0) continue;
    const before = text.slice(Math.max(0, m.index - 12), m.index);
    const sentenceStart =
      m.index === 0 || (SENTENCE_END_BEFORE.test(before) && !ABBREVIATION_BEFORE.test(before));
    out.push({
      start: m.index,
      end: m.index + raw.length,
      text: raw,
      capitalised: UPPER.test(raw),
      sentenceStart,
      cls: classifyWord(raw),
    });
  }
  return out;
}

function isInitial(t: Token, text: string): boolean {
  return t.text.length === 1 && t.capitalised && text[t.end] === '.';
}

// Two tokens belong to one run when a single space (or an initial's ". ") separates them.
function adjacent(a: Token, b: Token, text: string): boolean {
  const gap = text.slice(a.end, b.start);
  if (gap === ' ') return true;
  return (gap === '. ' || gap === '.') && (isInitial(a, text) || (a.cls.honorific && a.capitalised));
}

function runs(tokens: readonly Token[], text: string): Token[][] {
  const out: Token[][] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!tokens[i].capitalised) {
      i++;
      continue;
    }
    const run = [tokens[i]];
    let j = i + 1;
    while (j < tokens.length && run.length < MAX_RUN && adjacent(tokens[j - 1], tokens[j], text)) {
      const t = tokens[j];
      if (t.capitalised && !t.sentenceStart) run.push(t);
      else if (PARTICLES.has(t.text) && tokens[j + 1]?.capitalised && adjacent(t, tokens[j + 1], text))
        run.push(t);
      else break;
      j++;
    }
    out.push(run);
    i = j;
  }
  return out;
}

const nameWord = (t: Token) => t.cls.givenName || t.cls.ambiguousGivenName || t.cls.surname || t.cls.unknown;
const allCaps = (t: Token) => t.text.length > 1 && t.text === t.text.toUpperCase();
const IMPERATIVE_OBJECT = /^\s*(?:@|\d|(?:the|a|an|me|us|them|it|this|that|all|my|our|your|him|her)\b)/i;
const ARTICLE_BEFORE = /\b(?:the|a|an)\s*$/i;
// Nouns that end the names of places, organisations and form fields ("Madison Square Garden", "Privacy Policy",
// "National Insurance"): such a run is a person only when it opens with a clear given name ("Rebecca Hall").
const TITLE_NOUN_LAST =
  /^(?:Number|Name|Address|Policy|Privacy|Insurance|Security|Service|Services|Account|Card|Date|Birth|Team|Department|Office|Center|Centre|Square|Garden|Gardens|Hall|Station|Street|Park|Bridge|Tower|Building|Plaza|Market|Airport|University|Hospital|School|College|Library|Museum|Church|Court|House|Road|Avenue|Group|Committee|Council|Board|Agency|Administration|Authority|Ministry|Bureau|Program|Programme|Project|Fund|Trust|Award|Prize|Cup|League|Festival|Conference|Summit|Report|Notes|Tips|Guide|Form|Settings|Terms|ID|St|Ave|Rd|Blvd|Ln|Pkwy|Hwy)$/;
// Place names built from saints and people ("Santa Monica", "San Jose", "Fort Worth").
const PLACE_PREFIX =
  /^(?:San|Santa|Santo|São|Sao|St|Saint|Ste|Los|Las|Fort|Port|Mount|Mt|Lake|New|North|South|East|West|Upper|Lower|Great|Little)$/;

// Leading greetings, honorifics, places and plain words are not part of the name.
function leadingTrim(run: readonly Token[]): { start: number; honorific: boolean } {
  let start = 0;
  let honorific = false;
  while (start < run.length) {
    const t = run[start];
    if (t.cls.honorific) honorific = true;
    else if (!(t.cls.stop || t.cls.place || (t.cls.common && !nameWord(t)))) break;
    start++;
  }
  return { start, honorific };
}

// Trailing function words go ("Sarah Johnson Team"), but after "Full name:" a short capitalised word stays:
// "Nguyen Van An" ends with a word that is also a determiner.
function trailingTrim(run: readonly Token[], start: number, strong: boolean): number {
  let end = run.length;
  while (end > start) {
    const t = run[end - 1];
    const keptByContext = strong && t.capitalised && t.text.length <= 3;
    const plainWord = t.cls.common && !nameWord(t) && end - start > 1 && !run[start].cls.givenName;
    if (keptByContext || !(t.cls.stop || PARTICLES.has(t.text) || plainWord)) break;
    end--;
  }
  return end;
}

interface RunContext {
  readonly honorific: boolean;
  readonly strong: boolean;
  readonly before: string;
  readonly after: string;
}

function judge(core: readonly Token[], ctx: RunContext): number {
  const first = core[0].cls;
  const n = core.length;
  const { honorific, strong, before, after } = ctx;
  if (NOT_PERSON_AFTER.test(after)) return 0;
  if (core.some((t) => CAMEL_OR_DIGIT.test(t.text) && !/^(?:Mc|Mac|O')/.test(t.text))) return 0;
  if (honorific) return Score.context;
  if (strong)
    return core.every((t) => nameWord(t) || t.cls.common || t.cls.place || t.capitalised) ? Score.context : 0;
  // Acronyms ("JCB", "IBAN") and nouns after an article ("the São Paulo office") are not people.
  if (core.every(allCaps) || core.some((t) => t.cls.stop) || PLACE_PREFIX.test(core[0].text)) return 0;
  if (ARTICLE_BEFORE.test(before) && !(first.givenName && n >= 2)) return 0;
  if (n >= 2 && TITLE_NOUN_LAST.test(core[n - 1].text)) {
    const middleWords = core.slice(1, -1).some((t) => TITLE_NOUN_LAST.test(t.text) || t.cls.common);
    if (!(first.givenName && !first.common) || middleWords) return 0;
  }
  // "Ping me", "Mark the ticket": a sentence that starts with an imperative verb.
  if (n === 1 && core[0].sentenceStart && IMPERATIVE_OBJECT.test(after)) return 0;
  const weak = WEAK_BEFORE.test(before);
  const rest = core.slice(1);
  const restNameLike = rest.every((t) => nameWord(t) || t.cls.place || t.cls.common || PARTICLES.has(t.text));
  if (first.givenName && !first.common)
    return n >= 2 && restNameLike ? Score.context - 0.05 : Score.heuristicStrong;
  if (first.givenName)
    return n >= 2 && rest.some((t) => t.cls.surname || t.cls.unknown) ? Score.heuristicStrong : 0;
  if (first.ambiguousGivenName) {
    if (n >= 2 && rest.some((t) => t.cls.surname || t.cls.unknown || t.cls.givenName))
      return Score.heuristicStrong;
    if (n >= 2 && restNameLike && !core[0].sentenceStart) return Score.heuristic;
    if (n === 1 && weak) return Score.heuristic;
    const maybePlace =
      (first.personOrPlace && PLACE_PREPOSITION_BEFORE.test(before)) || LOCATIVE_BEFORE.test(before);
    if (n === 1 && !core[0].sentenceStart && !maybePlace) return Score.weak;
    return 0;
  }
  if (first.unknown && n >= 2 && rest.some((t) => t.cls.surname || t.cls.givenName))
    return Score.heuristicStrong;
  if (first.surname && n >= 2 && rest.some((t) => t.cls.surname)) return Score.heuristic;
  if (weak && core.every((t) => t.cls.unknown || t.cls.surname || t.cls.givenName || PARTICLES.has(t.text))) {
    return Score.heuristic;
  }
  if (
    first.unknown &&
    n >= 2 &&
    !core[0].sentenceStart &&
    rest.every((t) => t.cls.unknown || t.cls.surname)
  ) {
    return /\b(?:of|using|use|with|on|in|its|our|their)\s*$/i.test(before) ? 0 : Score.weak;
  }
  return 0;
}

function nameInRun(run: readonly Token[], text: string): PiiCandidate | undefined {
  const { start, honorific } = leadingTrim(run);
  if (start >= run.length) return undefined;
  const from = run[start].start;
  const before = text.slice(Math.max(0, from - 40), from);
  const strong = STRONG_BEFORE.test(before) || SIGNATURE_BEFORE.test(before);
  const end = trailingTrim(run, start, strong);
  if (end <= start) return undefined;
  const core = run.slice(start, end);
  const to = core[core.length - 1].end;
  // "Individual Taxpayer ID Number", "Madison St": the whole run ends like a field or a street.
  if (
    !strong &&
    core.length + (run.length - end) >= 2 &&
    TITLE_NOUN_LAST.test(run[run.length - 1].text) &&
    !honorific
  ) {
    if (!(core[0].cls.givenName && !core[0].cls.common && end === run.length)) return undefined;
  }
  // "Hong Kong", "New York": a place or an organisation the lexicon knows as a phrase.
  for (let i = 0; i + 1 < core.length; i++) {
    if (isPlaceOrOrganisationPhrase(`${core[i].text} ${core[i + 1].text}`)) return undefined;
  }
  const score = judge(core, { honorific, strong, before, after: text.slice(to, to + 16) });
  return score > 0 ? { entity: 'name', start: from, end: to, score } : undefined;
}

// "my name is john smith" in lower case: only words the name lists know.
const LOWER_CASE_INTRO =
  /\b(?:my\s+name\s+is|name\s*:|i\s+am|i'm|im|this\s+is|it'?s|it\s+is)\s+(?=\p{Ll})/giu;
const LOWER_WORD = /\p{Ll}[\p{L}\p{M}'’-]*/uy;

function lowerCaseNames(text: string): PiiCandidate[] {
  const out: PiiCandidate[] = [];
  for (const m of text.matchAll(LOWER_CASE_INTRO)) {
    const start = m.index + m[0].length;
    let end = start;
    for (let words = 0; words < 3; words++) {
      const at = words === 0 ? start : end + 1;
      if (words > 0 && text[end] !== ' ') break;
      LOWER_WORD.lastIndex = at;
      const w = LOWER_WORD.exec(text);
      if (!w) break;
      const cls = classifyWord(w[0]);
      if (!(cls.givenName || cls.surname) || cls.stop || (cls.common && !cls.surname)) break;
      end = at + w[0].length;
    }
    if (end > start) out.push({ entity: 'name', start, end, score: Score.heuristic });
  }
  return out;
}

export const personNameDetector: PiiDetector = {
  entities: ['name'],
  competes: false,
  detect(text) {
    const tokens = tokenize(text);
    const out: PiiCandidate[] = [];
    for (const run of runs(tokens, text)) {
      const name = nameInRun(run, text);
      if (name) out.push(name);
    }
    out.push(...lowerCaseNames(text));
    return out;
  },
};
