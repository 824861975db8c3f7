/**
 * Lines of a news page that are not its article even after Readability: photo placeholders, photo credits and
 * captions, calls to sign up or read on, share buttons, bare timestamps and bylines, reference marks. Each rule
 * is general (a pattern that many sites share, never one site's wording) and has a name and an example, so it
 * can be read, tested and removed alone. A rule judges one paragraph's whole text.
 */

export interface LeftoverRule {
  name: string;
  /** A line the rule drops. */
  example: string;
  test: (line: string) => boolean;
}

/**
 * Words in a text: the runs between spaces, and in scripts written without spaces (Chinese, Japanese,
 * Korean's syllables) one word for every two characters, about what a word is there.
 */
export function wordCount(text: string): number {
  const unspaced = (
    text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu) ?? []
  ).length;
  const spaced = text.replace(
    /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu,
    ' ',
  );
  return spaced.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length + Math.ceil(unspaced / 2);
}
const words = wordCount;
/** Ends like a sentence: . ! ? or … , maybe followed by a closing quote or bracket. */
const endsLikeSentence = (line: string) => /[.!?…]["'”’)\]]*$/.test(line);

const MONTH =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const WEEKDAY = 'mon(?:day)?|tue(?:sday)?|wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?';
/** A word that can be part of a bare date or time: numbers, months, weekdays, am/pm, zones, "updated". */
const TIME_WORD = new RegExp(
  `^(?:${MONTH}|${WEEKDAY}|\\d{1,4}(?:st|nd|rd|th)?|\\d{1,2}[:.]\\d{2}(?:[ap]m)?|[ap]\\.?m\\.?|[a-z]{1,2}[sd]?t|utc|gmt|updated|published|posted|last|modified|at|on|and|ago|hours?|minutes?|days?|mins?|hrs?)$`,
  'i',
);
const DATED = new RegExp(`\\b(?:${MONTH}|${WEEKDAY})\\b|\\d[:.]\\d\\d`, 'i');
/** Photo agencies and wires whose name ends a photo credit. */
const AGENCY =
  '(?:getty(?: images)?|reuters|afp|ap|associated press|epa(?:-efe)?|shutterstock|bloomberg|alamy|rex|pa(?: wire)?|ap photo|istock(?:photo)?|corbis|zuma(?: press)?|sipa|xinhua|anadolu)';

export const LEFTOVER_RULES: readonly LeftoverRule[] = [
  {
    name: 'no words',
    example: '___',
    test: (line) => !/[\p{L}\p{N}]/u.test(line),
  },
  {
    name: 'media placeholder',
    example: 'Photo',
    test: (line) =>
      /^(?:photo|image|picture|video|graphic|illustration|gallery|slideshow|audio|media)s?(?:\s*\d+\s*(?:of|\/)\s*\d+)?$/i.test(
        line,
      ),
  },
  {
    name: 'photo credit',
    example: 'Photo: Ada Brisk for The Courier',
    test: (line) =>
      words(line) <= 16 &&
      /^\(?(?:(?:photo(?:graph)?|picture|image|video)s?(?: credits?)?\s*[:|©]|(?:photo(?:graph)?|picture|image)s? (?:by|courtesy|via)\b|credits?\s*:|source\s*:|©|\(c\)\s|copyright\b)/i.test(
        line,
      ),
  },
  {
    name: 'agency credit',
    example: 'ADA BRISK/AFP/Getty Images',
    test: (line) =>
      words(line) <= 10 &&
      !endsLikeSentence(line) &&
      new RegExp(`(?:^|/|\\bfor |\\bvia )${AGENCY}(?:\\s+(?:photo|images?))?\\)?$`, 'i').test(line),
  },
  {
    name: 'caption with a credit',
    example: 'Volunteers fill sandbags by the north quay on Monday morning. (Ada Brisk/Reuters)',
    test: (line) =>
      new RegExp(`\\((?:[^()]{0,80}[/ ])?${AGENCY}(?: photo)?(?:/[^()]{0,40})?\\)$`, 'i').test(line) ||
      /\((?:[^()]{0,80}\b)?(?:photo(?:graph)?s?|pictures?|images?)(?: by|:|\b[^()]{0,40})[^()]{0,60}\)$/i.test(
        line,
      ) ||
      /[.!?]\s+(?:photos?|pictures?|images?|source|credits?)\s*:\s*[^.!?]{1,60}$/i.test(line),
  },
  {
    name: 'newsletter call',
    example: 'SIGN UP FOR OUR NEWSLETTER',
    test: (line) =>
      words(line) <= 25 &&
      /\bnewsletters?\b/i.test(line) &&
      /\b(?:sign(?:ing)? up|subscribe|get|join)\b/i.test(line),
  },
  {
    name: 'read on',
    example: 'Continue reading the main story',
    test: (line) =>
      words(line) <= 10 &&
      /^(?:(?:continue|keep) reading|(?:the )?(?:story|article) continues|read (?:more|on|next|also)|see also|more (?:on|about) this|related(?: articles?| stories| coverage)?|advertisement|skip (?:to|advertisement)|scroll (?:down|to continue))\b/i.test(
        line,
      ),
  },
  {
    name: 'share button',
    example: 'Share on Facebook',
    test: (line) =>
      /^(?:(?:share|tweet|email|print|save|follow)(?: (?:this|on|via|us on))?(?: (?:article|story|page))?\s*)?(?:facebook|twitter|x|whatsapp|pinterest|linkedin|reddit|email|e-mail|print|share|copy link|comments?|feedback)$/i.test(
        line,
      ),
  },
  {
    name: 'bare timestamp',
    example: 'Updated 1:39 PM ET, March 4, 2025',
    test: (line) => {
      const tokens = line.split(/[\s,|•·–—/()-]+/).filter(Boolean);
      return (
        // A month, a weekday or a clock time makes it a date; numbers alone (a table row) do not.
        DATED.test(line) && tokens.length <= 12 && /\d/.test(line) && tokens.every((t) => TIME_WORD.test(t))
      );
    },
  },
  {
    name: 'byline line',
    example: 'By Ada Brisk',
    test: (line) =>
      /^(?:[Bb]y|BY|[Pp]or|[Pp]ar|[Vv]on)\s+[\p{Lu}][\p{L}.'’-]*(?:,?\s+(?:and\s+|&\s+)?[\p{Lu}][\p{L}.'’-]*){0,6}$/u.test(
        line,
      ),
  },
];

/** The rule that drops this paragraph, if any. */
export function leftoverRule(line: string): LeftoverRule | undefined {
  return LEFTOVER_RULES.find((rule) => rule.test(line));
}

/** Reference and edit marks inside a paragraph: "[27]", "[edit]", "[citation needed]", "[a]". */
const MARKS = /\s*\[(?:\d{1,4}|[a-z]|edit|citation needed|clarification needed|when\?|who\?|note \d+)\]/gi;

/** A paragraph's text without reference and edit marks. */
export function withoutMarks(text: string): string {
  return text.replace(MARKS, '').trim();
}
