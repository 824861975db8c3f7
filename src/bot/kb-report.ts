/**
 * The moderator replies of /kb, as plain text within Discord's 2000 characters: status, reload diffs,
 * problems (file and problem, each), and the outcome of add and remove.
 */
import type { DocumentProblem } from '../knowledge/document.ts';
import { printableName } from '../knowledge/file-names.ts';
import type {
  AddOutcome,
  KnowledgeService,
  ReloadDiff,
  ReloadOutcome,
  RemoveOutcome,
  RunningAction,
} from '../knowledge/knowledge-service.ts';
import { MESSAGE_CONTENT_MAX } from './limits.ts';
import { escapeMarkdown, joinLinesWithin } from './text.ts';

const shortHash = (hash: string) => hash.slice(0, 8);
/** A name or problem on one line, as written: invisible and line-breaking characters shown as U+XXXX. */
const name = (text: string) => escapeMarkdown(printableName(text));
const utc = (date: Date) => `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;

export function problemLines(problems: readonly DocumentProblem[]): string[] {
  return problems.map((p) => `• ${name(p.file)}: ${name(p.problem)}`);
}

/** The files a load left out, each with its reason (nothing when every file loaded). */
function skippedLines(skipped: readonly DocumentProblem[]): string[] {
  if (skipped.length === 0) return [];
  const count = `${skipped.length} file${skipped.length === 1 ? ' was' : 's were'}`;
  return [`${count} left out (fix and /kb reload):`, ...problemLines(skipped)];
}

/** What the bot answers while the knowledge base has no documents. */
export const EMPTY_KNOWLEDGE_BASE =
  'The knowledge base is empty — moderators can add documents with /kb add.';

function diffLines(diff: ReloadDiff): string[] {
  const lines = [
    `Reloaded in ${diff.durationMs} ms. Documents ${diff.documentsBefore} → ${diff.documentsAfter}, ` +
      `passages ${diff.passagesBefore} → ${diff.passagesAfter}, version ${diff.versionBefore} → ${diff.versionAfter}.`,
  ];
  if (diff.added.length + diff.changed.length + diff.removed.length === 0) lines.push('No document changed.');
  for (const doc of diff.added) lines.push(`+ added ${name(doc.id)} (${shortHash(doc.hash)})`);
  for (const doc of diff.changed)
    lines.push(`~ changed ${name(doc.id)} (${shortHash(doc.previousHash)} → ${shortHash(doc.hash)})`);
  for (const doc of diff.removed) lines.push(`− removed ${name(doc.id)} (${shortHash(doc.hash)})`);
  // Listed last: joinLinesWithin cuts the end first, and the diff matters more.
  return [...lines, ...skippedLines(diff.skipped)];
}

function busyLine(running: RunningAction): string {
  return `Another change is in progress (${running.action} by ${name(running.by)} since ${utc(running.since)}); try again when it is done.`;
}

function reloadLines(outcome: ReloadOutcome, servingVersion: string): string[] {
  switch (outcome.status) {
    case 'reloaded':
      return diffLines(outcome.diff);
    case 'busy':
      return [busyLine(outcome.running)];
    case 'failed':
      return [
        `Reload failed after ${outcome.durationMs} ms; the knowledge base in service is unchanged (version ${servingVersion}). ` +
          `${outcome.problems.length} problem${outcome.problems.length === 1 ? '' : 's'}:`,
        ...problemLines(outcome.problems),
      ];
  }
}

export function formatReload(outcome: ReloadOutcome, servingVersion: string): string {
  return joinLinesWithin(reloadLines(outcome, servingVersion), MESSAGE_CONTENT_MAX);
}

/** `extraLines` (such as the followed feeds) come after the summary, before the list of documents. */
export function formatStatus(knowledge: KnowledgeService, extraLines: readonly string[] = []): string {
  const kb = knowledge.current;
  const { stats } = kb;
  const last = knowledge.lastReload;
  const lines = [
    `Knowledge base ${kb.version}: ${stats.documents} documents, ${stats.passages} passages, ` +
      `${stats.people} people, ${stats.quotes} quotes, ${stats.times} time expressions.`,
    `Last reload: ${last.status} at ${utc(last.at)} by ${name(last.by)} (${last.durationMs} ms).`,
  ];
  if (knowledge.running) lines.push(busyLine(knowledge.running));
  lines.push(...extraLines);
  lines.push(...skippedLines(kb.skipped));
  if (kb.documents.length === 0) lines.push(EMPTY_KNOWLEDGE_BASE);
  else lines.push('Documents:', ...kb.documents.map((doc) => `• ${name(doc.id)} — ${name(doc.title)}`));
  return joinLinesWithin(lines, MESSAGE_CONTENT_MAX);
}

export function formatAdd(outcome: AddOutcome, servingVersion: string): string {
  if (outcome.status === 'refused')
    return joinLinesWithin(
      ['The document was not added:', ...problemLines(outcome.problems)],
      MESSAGE_CONTENT_MAX,
    );
  const { document } = outcome;
  const lines = [`Added ${name(document.file)} — “${name(document.title)}”.`];
  if (outcome.replaced.length > 0)
    lines.push(`The previous version went to ${outcome.replaced.map((file) => name(file)).join(', ')}.`);
  lines.push(...reloadLines(outcome.reload, servingVersion));
  return joinLinesWithin(lines, MESSAGE_CONTENT_MAX);
}

export function formatRemove(outcome: RemoveOutcome, servingVersion: string): string {
  if (outcome.status === 'refused')
    return joinLinesWithin(['Nothing was removed:', ...problemLines(outcome.problems)], MESSAGE_CONTENT_MAX);
  const lines = [
    `Removed ${name(outcome.document.id)} — “${name(outcome.document.title)}”: moved to ${name(outcome.trashedAs)}.`,
    ...reloadLines(outcome.reload, servingVersion),
  ];
  return joinLinesWithin(lines, MESSAGE_CONTENT_MAX);
}

/**
 * /kb status in a server: its own documents first, then the base. Who last changed the base is shown only in
 * admin servers: the base's moderators are other servers' members.
 */
export function formatGuildStatus(
  base: KnowledgeService,
  own: KnowledgeService | undefined,
  { admin, ownFeeds = [], baseFeeds = [] }: { admin: boolean; ownFeeds?: string[]; baseFeeds?: string[] },
): string {
  const lines: string[] = [];
  if (own && own.current.stats.documents > 0) {
    const { stats } = own.current;
    const last = own.lastReload;
    lines.push(
      `This server's documents ${own.current.version}: ${stats.documents} documents, ${stats.passages} passages, ` +
        `${stats.people} people, ${stats.quotes} quotes, ${stats.times} time expressions.`,
      `Last change: ${last.status} at ${utc(last.at)} by ${name(last.by)} (${last.durationMs} ms).`,
    );
    if (own.running) lines.push(busyLine(own.running));
    lines.push(...ownFeeds, ...skippedLines(own.current.skipped));
    lines.push(...own.current.documents.map((doc) => `• ${name(doc.id)} — ${name(doc.title)}`));
  } else {
    lines.push('This server has no documents of its own: /kb add scope:server adds one.', ...ownFeeds);
    if (own) lines.push(...skippedLines(own.current.skipped));
  }
  if (admin)
    return joinLinesWithin([...lines, '', ...formatStatus(base, baseFeeds).split('\n')], MESSAGE_CONTENT_MAX);
  const { stats, version } = base.current;
  lines.push(
    '',
    `Base shared by every server ${version}: ${stats.documents} documents, ${stats.passages} passages, ` +
      `${stats.people} people, ${stats.quotes} quotes, ${stats.times} time expressions.`,
    'Documents:',
    ...base.current.documents.map((doc) => `• ${name(doc.id)} — ${name(doc.title)}`),
  );
  return joinLinesWithin(lines, MESSAGE_CONTENT_MAX);
}
