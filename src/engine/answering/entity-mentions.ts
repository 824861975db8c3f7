/** An entity's mentions as cited results (the /who answer for a name; /quote for someone never quoted). */
import type { KbView, Mention } from '../../index/kb-view.ts';
import type { AnswerResult } from '../answer.ts';
import { citedResult } from './cited-result.ts';

/**
 * How many of an entity's mentions are looked through (for the one that gives its role, for the places it is
 * named): bounded work however often the entity is mentioned.
 */
export const MENTIONS_SCANNED = 200;

/**
 * Mentions of an entity, one per sentence, in document order, the one that gives its role first; then, when
 * fewer than `limit`, the sentences where "he" or "she" stands for it ("Later he left").
 */
export function entityMentionResults(kb: KbView, id: number, limit: number): AnswerResult[] {
  const e = kb.entity(id);
  const mentionAt = (k: number) => kb.mention(e.mentions[k] ?? -1);
  const givesRole = (m: Mention) => !!e.role && kb.text(kb.sentence(m.sentence), m).includes(e.role);
  let roleAt = -1;
  for (let k = 0; k < Math.min(e.mentions.length, MENTIONS_SCANNED) && roleAt < 0; k++)
    if (givesRole(mentionAt(k))) roleAt = k;
  const results: AnswerResult[] = [];
  const seen = new Set<number>();
  const take = (m: Mention) => {
    if (seen.has(m.sentence)) return;
    seen.add(m.sentence);
    results.push(citedResult(kb, kb.sentence(m.sentence), m, e.mentions.length - results.length));
  };
  if (roleAt >= 0) take(mentionAt(roleAt));
  for (let k = 0; k < e.mentions.length && results.length < limit; k++) if (k !== roleAt) take(mentionAt(k));
  for (const pronoun of e.pronouns ?? []) {
    if (results.length >= limit) break;
    take(kb.mention(pronoun));
  }
  return results;
}
