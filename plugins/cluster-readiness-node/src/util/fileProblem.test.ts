import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileProblem, isFileSystemError } from './fileProblem';

async function failure(path: string): Promise<unknown> {
  try {
    await readFile(path);
  } catch (e) {
    return e;
  }
  throw new Error(`reading ${path} did not fail`);
}

describe('fileProblem', () => {
  it('words real file system errors without quoting them', async () => {
    const missing = await failure('/nonexistent-dir/secret-token-abc.json');
    expect(isFileSystemError(missing)).toBe(true);
    expect(fileProblem(missing)).toBe('no such file or directory');
    const dir = await failure(tmpdir());
    expect(fileProblem(dir)).toBe('is a directory, not a file');
  });

  it('names an unlisted code, and never repeats a message', () => {
    const odd = Object.assign(new Error('EFOO: token=abc'), { code: 'EFOO' });
    expect(fileProblem(odd)).toBe('the file system refused (EFOO)');
    const plain = new Error('token=abc');
    expect(isFileSystemError(plain)).toBe(false);
    expect(fileProblem(plain)).not.toContain('abc');
  });
});
