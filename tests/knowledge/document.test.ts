import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  KnowledgeLoadError,
  loadDocuments,
  MAX_DOCUMENT_BYTES,
  parseDocument,
  readDocuments,
  splitParagraphs,
} from '../../src/knowledge/document.ts';
import { STORY_FILE, tempKnowledge } from '../helpers.ts';

/** sha256 of ../shared/story/story.txt, computed once when the story was added. */
const STORY_SHA256 = 'efcb6bdb8dd60eaf1486277680b72e04dc1d8c40019692a9515736449719539b';

const bytes = (text: string) => new TextEncoder().encode(text);

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof KnowledgeLoadError) return error.problems.map((p) => `${p.file}: ${p.problem}`);
    throw error;
  }
  return [];
}

describe('the bundled story', () => {
  const doc = parseDocument('trump-putin-call.md', readFileSync(STORY_FILE));

  it('has a body byte-for-byte the original story', () => {
    expect(createHash('sha256').update(doc.body, 'utf8').digest('hex')).toBe(STORY_SHA256);
  });

  it('reads the front matter', () => {
    expect(doc.id).toBe('trump-putin-call');
    expect(doc.title).toBe('Trump says Putin intends to respond to Ukraine’s drone attack');
    expect(doc.published).toBe('2025-06-04');
    expect(doc.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('has the nine paragraphs of the story, each exact text of the body', () => {
    expect(doc.paragraphs).toHaveLength(9);
    for (const p of doc.paragraphs) expect(doc.body.slice(p.start, p.start + p.text.length)).toBe(p.text);
    expect(doc.paragraphs[6]?.text).toMatch(
      /^In a notable development, U\.S\. Defense Secretary Pete Hegseth/,
    );
  });
});

describe('parseDocument', () => {
  it('titles a .txt document from its file name', () => {
    const doc = parseDocument('notes/space_race-1969.txt', bytes('One.\n\nTwo.'));
    expect(doc.id).toBe('notes/space_race-1969');
    expect(doc.title).toBe('Space race 1969');
    expect(doc.paragraphs.map((p) => p.text)).toEqual(['One.', 'Two.']);
  });

  it('does not count Markdown headings as paragraphs', () => {
    const paragraphs = splitParagraphs('# Title\n\nFirst line\nstill first.\n## Part\nSecond.\n', true);
    expect(paragraphs.map((p) => [p.index, p.text])).toEqual([
      [1, 'First line\nstill first.'],
      [2, 'Second.'],
    ]);
  });

  it('keeps # lines in plain text', () => {
    expect(splitParagraphs('# not a heading\n\nText.', false)).toHaveLength(2);
  });

  it('accepts only an http(s) link as a source, never one a link could run or embed', () => {
    for (const source of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd']) {
      const problems = problemsOf(() =>
        parseDocument('linked.md', bytes(`---\ntitle: Linked\nsource: ${source}\n---\nText.`)),
      );
      expect(problems).toEqual([
        expect.stringMatching(/^linked\.md: front matter "source" must be an http\(s\) link$/),
      ]);
    }
    const linked = parseDocument(
      'linked.md',
      bytes('---\ntitle: Linked\nsource: https://news.example/a\n---\nText.'),
    );
    expect(linked.source).toBe('https://news.example/a');
  });

  it('rejects invalid front matter, naming the file and the fields', () => {
    const [problem] = problemsOf(() =>
      parseDocument('bad.md', bytes('---\ntitle: ""\npublished: 2025-13-40\nsource: not a url\n---\nText.')),
    );
    expect(problem).toMatch(/^bad\.md: /);
    expect(problem).toMatch(/title/);
    expect(problem).toMatch(/published/);
    expect(problem).toMatch(/source/);
  });

  it('rejects unknown front matter keys and unclosed front matter', () => {
    expect(problemsOf(() => parseDocument('a.md', bytes('---\ntitle: A\nauthr: B\n---\nText.')))[0]).toMatch(
      /unknown front matter key.*authr/,
    );
    expect(problemsOf(() => parseDocument('a.md', bytes('---\ntitle: A\nText.')))[0]).toMatch(/never closes/);
  });

  it('rejects empty, non-UTF-8, oversized and unsupported files', () => {
    expect(problemsOf(() => parseDocument('e.txt', bytes('  \n\n \n')))[0]).toMatch(/e\.txt: empty/);
    expect(
      problemsOf(() => parseDocument('e.md', bytes('---\ntitle: T\n---\n\n# Only a heading\n')))[0],
    ).toMatch(/empty/);
    expect(problemsOf(() => parseDocument('l.txt', new Uint8Array([0x66, 0xff, 0xfe, 0x41])))[0]).toMatch(
      /l\.txt: not valid UTF-8/,
    );
    expect(
      problemsOf(() => parseDocument('big.txt', new Uint8Array(MAX_DOCUMENT_BYTES + 1).fill(65)))[0],
    ).toMatch(/big\.txt: too large/);
    expect(problemsOf(() => parseDocument('x.pdf', bytes('Text.')))[0]).toMatch(
      /x\.pdf: unsupported file type/,
    );
  });
});

describe('loadDocuments', () => {
  it('loads .md and .txt from nested folders and ignores dot-files and dot-folders', async () => {
    const dir = tempKnowledge({
      'a.md': '---\ntitle: A\n---\nAlpha.',
      'sub/b.txt': 'Beta.',
      '.hidden.md': 'not valid front matter ---',
      '.trash/c.txt': 'Gamma.',
    });
    const docs = await loadDocuments(dir);
    expect(docs.map((d) => d.id)).toEqual(['a', 'sub/b']);
  });

  it('reports every bad file at once', async () => {
    const dir = tempKnowledge({
      'good.md': '---\ntitle: Good\n---\nFine.',
      'dup.md': '---\ntitle: Dup\n---\nOne.',
      'dup.txt': 'Two.',
      'empty.txt': '',
      'latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9]),
      'nofm.md': '---\nauthor: X\n---\nText.',
      'image.png': 'png',
    });
    const error = await loadDocuments(dir).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KnowledgeLoadError);
    const problems = (error as KnowledgeLoadError).problems;
    expect(problems.map((p) => p.file).sort()).toEqual([
      'dup.txt',
      'empty.txt',
      'image.png',
      'latin1.txt',
      'nofm.md',
    ]);
    expect((error as Error).message).toMatch(/duplicate document id "dup"/);
    expect((error as Error).message).toMatch(/nofm\.md: front matter needs "title"/);
  });

  it('fails clearly on a missing folder; a folder without documents is an empty knowledge base', async () => {
    await expect(loadDocuments('/nonexistent/storybot')).rejects.toThrow(/folder does not exist/);
    await expect(loadDocuments(tempKnowledge({}))).resolves.toEqual([]);
  });
});

describe('readDocuments', () => {
  it('keeps every good document and reports each bad file by name and reason', async () => {
    const dir = tempKnowledge({
      'good.md': '---\ntitle: Good\n---\nFine.',
      'latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9]),
      'sub/also-good.txt': 'Also fine.',
    });
    const { documents, skipped } = await readDocuments(dir);
    expect(documents.map((d) => d.id)).toEqual(['good', 'sub/also-good']);
    expect(skipped).toEqual([{ file: 'latin1.txt', problem: 'not valid UTF-8 text' }]);
  });
});
