/**
 * Direct quotations in a sentence and who said them.
 */

export interface LocalQuote {
  start: number;
  end: number;
  /** Local entity id of the speaker, -1 when no speaker is found. */
  speaker: number;
}

/** A person acting in the sentence (named, described or a pronoun), at a body offset. */
export interface Actor {
  at: number;
  entity: number;
}

const QUOTE = /"([^"]{2,})"|“([^”]{2,})”/g;
const SPEECH_VERBS =
  'said|says|say|told|tells|added|adds|remarked|stated|wrote|writes|declared|asked|replied|explained|noted|insisted|warned|argued|claimed|announced|recalled|continued';
const AFTER_QUOTE_SPEAKER = new RegExp(`^,?\\s*(?:(?:${SPEECH_VERBS})\\s+)?$`);

/**
 * The quotations of the sentence `text` at offset `base` of `body`, attributed to a speaker among `actors`
 * (in reading order), else to the person the text is about (`subject`, -1 for none).
 */
export function sentenceQuotes(
  body: string,
  text: string,
  base: number,
  actors: readonly Actor[],
  subject: number,
): LocalQuote[] {
  const quotes: LocalQuote[] = [];
  for (const q of text.matchAll(QUOTE)) {
    const qStart = base + q.index + 1;
    const qEnd = base + q.index + q[0].length - 1;
    let speaker = -1;
    const after = body.slice(qEnd + 1, base + text.length);
    // "...," said Jane Doe.  /  "...," Doe said.
    const next = actors.find((a) => a.at > qEnd);
    if (next && AFTER_QUOTE_SPEAKER.test(body.slice(qEnd + 1, next.at).replace(/^[,.!?]/, ',')))
      speaker = next.entity;
    if (speaker < 0) speaker = actors.find((a) => a.at < qStart)?.entity ?? -1;
    if (speaker < 0 && after.length > 0) speaker = next?.entity ?? -1;
    if (speaker < 0) speaker = subject;
    quotes.push({ start: qStart, end: qEnd, speaker });
  }
  return quotes;
}
