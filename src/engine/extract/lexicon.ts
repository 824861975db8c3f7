/**
 * Closed word lists the extractors share: general English, nothing about any particular story.
 */

const list = (text: string) => new Set(text.trim().split(/\s+/));

export const MONTHS = list(
  'january february march april may june july august september october november december',
);
/** Three-letter month abbreviations, "may" among them (it is also the full name). */
export const MONTH_ABBREVIATIONS = [...MONTHS].map((m) => m.slice(0, 3));
export const WEEKDAYS = list('sunday monday tuesday wednesday thursday friday saturday');
const WEEKDAY_ABBREVIATIONS = list('mon tue tues wed thu thur thurs fri sat sun');

const capitalised = (word: string) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
/** Regular-expression alternation of the words, capitalised. */
export const capitalisedAlternation = (words: Iterable<string>) => [...words].map(capitalised).join('|');
/** "Sep." is also written "Sept.". */
const monthAbbreviationPattern = (abbreviation: string) => (abbreviation === 'sep' ? 'sept?' : abbreviation);
/** Month names as written in a date: "March", "Mar.", "Sept." (never "May." for the month). */
export const MONTH_PATTERN = `(?:${capitalisedAlternation(MONTHS)}|${MONTH_ABBREVIATIONS.filter(
  (a) => a !== 'may',
)
  .map((a) => `${capitalised(monthAbbreviationPattern(a))}\\.`)
  .join('|')})`;
export const WEEKDAY_PATTERN = `(?:${capitalisedAlternation(WEEKDAYS)})`;
/** Any month or weekday word in lowercase ("may" the verb, "march" the noun). */
export const LOWERCASE_CALENDAR_WORD = new RegExp(
  `\\b(?:${[...MONTHS, ...MONTH_ABBREVIATIONS.map(monthAbbreviationPattern), ...WEEKDAYS].join('|')})\\b`,
);
/** Words that start every month or weekday name: "Jan", "Mon". */
export const CALENDAR_PREFIXES = [...MONTH_ABBREVIATIONS, ...[...WEEKDAYS].map((d) => d.slice(0, 3))];
/** Month and weekday names and abbreviations: never a name of a person or organization. */
export const CALENDAR_WORDS = new Set<string>([...MONTHS, ...WEEKDAYS, ...MONTH_ABBREVIATIONS]);

/** Abbreviations a name token keeps with its full stop: "Mr. Jones", "Gen. Lee", "Tiffany & Co.", "Vance Jr.". */
export const NAME_ABBREVIATIONS = list(
  'mr mrs ms dr prof st gen col lt sgt capt gov sen rep jr sr co inc corp ltd bros',
);
/** Other abbreviated titles and company forms: "Rev.", "Maj.", "LLC.". */
const OTHER_NAME_ABBREVIATIONS = list('maj adm cmdr rev hon pres supt insp fr llc');
/** Words that end with a full stop without ending a sentence (lowercase, without the stop). */
export const ABBREVIATIONS = new Set<string>([
  ...NAME_ABBREVIATIONS,
  ...OTHER_NAME_ABBREVIATIONS,
  ...MONTH_ABBREVIATIONS.filter((a) => a !== 'may'),
  'sept',
  ...WEEKDAY_ABBREVIATIONS,
  ...list(`
    dept univ assn est approx vs etc al fig no nos vol vols pp ed eds ave blvd rd mt ft mss op cf ca c
    e.g i.e a.m p.m u.s u.k u.n e.u
  `),
]);

/** Titles that precede a name and make it a person's role ("Foreign Minister Anne Martin"). */
export const TITLE_WORDS = list(`
  president vice prime minister secretary chancellor senator governor king queen prince princess emperor empress
  pope general admiral colonel captain commander chief director chairman chairwoman chair ceo mayor judge justice
  ambassador commissioner speaker representative sir dame lord lady bishop archbishop cardinal coach professor
  attorney officer spokesman spokeswoman spokesperson leader premier sheikh emir sultan tsar czar duke duchess
  count countess baron marshal lieutenant sergeant major corporal dr mr mrs ms miss mister saint st rabbi imam
  father brother sister deputy head envoy minister founder reverend revd honourable honorable
  sen sens rep reps gov govs gen col lt sgt capt maj adm cmdr rev hon pres supt insp fr
`);

/** Nouns of a role written in lowercase before or after a name: "political editor Andrew Marr", "Kevin Hogan, senior manager at". */
export const ROLE_NOUNS = new Set<string>([
  ...TITLE_WORDS,
  ...list(`
    editor manager analyst correspondent adviser advisor strategist pollster economist reporter columnist researcher
    candidate executive lawyer activist host anchor consultant aide official nominee lecturer fellow historian
  `),
]);
/** Words that qualify a lowercase role: "shadow foreign secretary", "senior policy adviser". */
export const ROLE_MODIFIERS = list(`
  shadow foreign home deputy former senior junior chief political economic economics defence defense health education
  vice assistant associate executive managing prime interim acting first general finance interior justice trade
  culture environment energy security national international business technology science legal local regional
  state federal presidential campaign communications press policy news sports digital editorial research principal
  lead global party communications security previous outgoing incoming late current ex
`);

/**
 * Adjectives of nationality without an adjective's ending (-ian, -ese, -ish ...); first names end in "-an" and "-i"
 * too ("Alan", "Eli"), so those endings alone say nothing.
 */
export const NATIONALITY_ADJECTIVES = list(`
  american mexican african korean german cuban dominican afghan pakistani iraqi israeli saudi kuwaiti yemeni omani
  qatari somali bengali nepali emirati thai
`);

/** Party and political words that may stand before a person's name: "Republican Christine Todd Whitman". */
export const AFFILIATIONS = list(
  'republican democrat democratic conservative liberal labour tory independent libertarian socialist progressive',
);

/**
 * Titles that are courtesy, not a role: "Sir Isaac Newton" is a person with no role given; so are styles of
 * address ("the Reverend", "the Most Reverend", "the Right Honourable").
 */
export const HONORIFICS = list(
  'sir dame lord lady mr mrs ms miss mister reverend revd rev honourable honorable hon',
);

/** What raises a style of address: "the Most Reverend", "the Right Honourable", "the Rt Hon". */
export const STYLE_DEGREE = /^(?:the\s+)?(?:most|right|very|rt)\.?\s+/i;

/** Nouns that make a capitalised run an organization ("Security Service", "Defense Ministry"). */
export const ORG_WORDS = list(`
  service ministry department house council committee union party agency bank university college institute
  association company corporation inc corp ltd llc group office army navy forces force court parliament congress
  senate commission organization organisation federation league club church foundation board bureau
  administration government assembly authority police guard guards command corps agency network broadcasting
  times post journal press news school academy society trust fund museum library hospital team center
  centre
`);

export const PLACE_WORDS = list(`
  bridge river street road avenue region island islands mountain mountains mount sea ocean city county province
  state lake airport park square bay gulf strait valley desert peninsula coast district territory canal station
  tower palace castle cathedral stadium field hall building plaza port harbor harbour cape
`);

/** First words of place and event names, never of a person's: "New Hampshire", "United States", "Great Recession". */
export const PLACE_PREFIXES = list(
  'new north south east west northern southern eastern western central united great upper lower greater los las san santa',
);

/** Reporting verbs that take a speaker right before them ("Cruz said"): a one-word name there is a person's. */
export const SPEAKER_VERBS = list(`
  said says told tells added adds argued argues noted notes wrote writes explained explains insisted insists warned
  warns replied replies recalled recalls continued continues admitted admits acknowledged acknowledges
`);

/** Function words allowed inside a name: "University of Chicago", "Charles de Gaulle". */
export const NAME_CONNECTORS = list('of de del della der van von la le da di du bin al y');

/** Descriptions that stand for a person mentioned before: "the French leader", "the Treasury chief". */
export const DESCRIPTION_NOUNS = list(`
  leader chief president minister secretary premier chancellor head spokesman spokeswoman official king queen
  general commander ceo chairman governor mayor senator envoy ambassador diplomat
`);

/**
 * Lowercase words that can follow a description used as a noun ("the leader said", "the chief since May"),
 * besides verbs ending in -ed or -s and adverbs in -ly. Any other lowercase word makes the description word a
 * modifier: "the general theory", "the official language", "the head coach".
 */
export const AFTER_DESCRIPTION = list(`
  who whom whose which that and or but nor in on at to for with from by as about after against amid before
  during into over since than through under until upon while when where because if though although despite
  is was were are be been being has had have will would could can may might must should shall did does do
  also then himself herself again still too not never later now soon once alone
  said told made met sent took gave went came spoke wrote got won led left ran saw knew thought felt held kept
  began became stood fell sat
`);

/** Sentence-initial capitalised words that are never names on their own. */
export const NON_NAME_WORDS = list(`
  the a an in on at of for to by with from and but or nor so yet however meanwhile additionally although though
  since as after before during while when where who whom whose which what why how this that these those there
  here it its he she they we you i his her their our my your both each every all some many most several few
  no not if then than also even still yet once because until unless despite according today yesterday tomorrow
  mr mrs ms dr st under over among between through throughout within without across along around behind
  beyond near toward towards upon against amid following unlike nobody everybody everyone someone somebody anyone
  anybody nothing everything something anything others given regarding concerning including
`);

/** Reporting verbs beside SPEAKER_VERBS that tell of a statement rather than of the event it is about. */
export const STATEMENT_VERBS = list(`
  announced announces stated states confirmed confirms reported reports claimed claims denied denies
  disclosed discloses revealed reveals declared declares
`);
