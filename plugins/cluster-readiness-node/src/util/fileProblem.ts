const PROBLEMS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the name is too long',
  EEXIST: 'already exists',
};

/**
 * What went wrong with a file, in words a person can act on, from a Node.js file
 * system error's `code` — never the error's own text, which may quote anything.
 * @public
 */
export function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && PROBLEMS[code]) return PROBLEMS[code];
  return typeof code === 'string' && /^E[A-Z]+$/.test(code)
    ? `the file system refused (${code})`
    : 'it could not be read or written';
}

/** True for a Node.js file system error (it has a `code` such as `ENOENT`). @public */
export function isFileSystemError(
  error: unknown,
): error is NodeJS.ErrnoException & { path?: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}
