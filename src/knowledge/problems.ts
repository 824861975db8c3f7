/** Problems as moderators read them: every path relative to the knowledge folder, never the server's own. */
import path from 'node:path';
import type { DocumentProblem } from './document.ts';

/** How the knowledge folder itself is named in problems: replies never show the server's paths. */
export const KNOWLEDGE_FOLDER_LABEL = 'the knowledge folder';

/** Problems with every path written relative to the knowledge folder `dir` (which itself gets a label). */
export function relativeProblems(problems: readonly DocumentProblem[], dir: string): DocumentProblem[] {
  const absolute = path.resolve(dir);
  const within = (text: string) =>
    text
      .replaceAll(`${absolute}${path.sep}`, '')
      .replaceAll(absolute, KNOWLEDGE_FOLDER_LABEL)
      .replaceAll(`${dir}${path.sep}`, '');
  return problems.map(({ file, problem }) => ({
    file: file === dir || path.resolve(dir, file) === absolute ? KNOWLEDGE_FOLDER_LABEL : within(file),
    problem: within(problem),
  }));
}
