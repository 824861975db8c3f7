/**
 * Ordinals written in digits and in words are the same word: "the 5th president" is "the fifth president".
 * Only ordinals that are one word either way (1st-20th, the tens, 100th).
 */
import { termOf } from './terms.ts';

const WORDS: [number, string][] = [
  ...'first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth'
    .split(' ')
    .map((word, i): [number, string] => [i + 1, word]),
  ...'thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth'
    .split(' ')
    .map((word, i): [number, string] => [(i + 3) * 10, word]),
];

function suffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

const twins = new Map<string, string>();
for (const [n, word] of WORDS) {
  const digits = `${n}${suffix(n)}`;
  const term = termOf(word) as string;
  twins.set(digits, term);
  twins.set(term, digits);
}

/** The index term of the same ordinal written the other way ("5th" -> the term of "fifth"), if any. */
export function ordinalTwin(term: string): string | undefined {
  return twins.get(term);
}
