import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from '../src/knowledge/document.ts';
import { KnowledgeBase } from '../src/knowledge/knowledge-base.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const KNOWLEDGE_DIR = path.join(ROOT, 'knowledge');
export const STORY_FILE = path.join(KNOWLEDGE_DIR, 'trump-putin-call.md');

/** A temporary knowledge folder with the given files (name -> text or bytes). */
export function tempKnowledge(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'storybot-kb-'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

/** A knowledge base of one document: `file` holding `text`, as the loader reads it. */
export function knowledgeOf(file: string, text: string): KnowledgeBase {
  return KnowledgeBase.fromDocuments([parseDocument(file, new TextEncoder().encode(text))]);
}
