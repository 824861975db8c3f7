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

/** What the file system said, in words (the error codes a full, read-only or misplaced folder gives). */
const FILE_SYSTEM_CAUSES: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOTDIR: 'a file is where a folder should be',
  EEXIST: 'a file is where a folder should be',
  EISDIR: 'a folder is where a file should be',
  ENAMETOOLONG: 'the name is too long for the file system',
};

/**
 * Something on the server's disk that the bot cannot write, said in words an operator can act on
 * ("cannot write the feedback folder (FEEDBACK_DIR): permission denied"), never a path: shown to the member
 * as it is, where an unknown error would only be "something went wrong".
 */
export class StorageError extends Error {
  override name = 'StorageError';
}

/** A StorageError for a file-system failure while writing `what`; any other error as it is. */
export function storageError(what: string, error: unknown): unknown {
  const cause = FILE_SYSTEM_CAUSES[(error as NodeJS.ErrnoException)?.code ?? ''];
  return cause ? new StorageError(`cannot write ${what}: ${cause}`, { cause: error }) : error;
}
