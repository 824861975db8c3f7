/**
 * A /when question about a statement and what it said ("when did the office reveal that output had fallen"):
 * the statement is the event asked about, what was said is not.
 */
import { inflectedTerms } from '../text/inflections.ts';
import { isStatementVerb } from './time-attachment.ts';

/** Statement verbs as a question asks them ("when did they reveal that ..."). */
const STATEMENT_BASE =
  /^(?:say|tell|announce|state|reveal|report|confirm|disclose|declare|claim|deny|show)$/i;
/** A statement verb of the question with what is said after it ("reveal that output had fallen"). */
const STATEMENT_THAT = /\b(\w+)\s+that\b/gi;

/** A question word: before the statement it asks when it was said, after it what was said. */
const ASKING = /\b(?:when|which|what|whose)\b/i;

/**
 * The question up to its statement verb when it asks when something was said ("when did the office reveal
 * that output had fallen"): the event is the statement, the verbs of what was said are not asked about. Not
 * when it asks inside what was said ("Scholars stated that ... prior to which date?").
 */
export function statementPart(query: string): string {
  for (const m of query.matchAll(STATEMENT_THAT)) {
    const verb = m[1] ?? '';
    if (!isStatementVerb(verb) && !STATEMENT_BASE.test(verb)) continue;
    const end = m.index + verb.length;
    return ASKING.test(query.slice(0, end)) && !ASKING.test(query.slice(end)) ? query.slice(0, end) : query;
  }
  return query;
}

/** The words with every form of each ("fallen" -> "fall" -> "fell"). */
export function withForms(terms: Set<string>): Set<string> {
  const out = new Set(terms);
  for (const t of terms)
    for (const form of inflectedTerms(t)) for (const f of [form, ...inflectedTerms(form)]) out.add(f);
  return out;
}
