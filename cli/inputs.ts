/** Reading manifests from files and standard input, refusing anything larger than the manifest limit unread. */
import { promises as fs } from 'node:fs';

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export interface Input {
  /** What the user called it: the path, or "stdin". */
  name: string;
  text: string;
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MiB` : `${bytes} bytes`;
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
  ELOOP: 'too many symbolic links',
};

function describe(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  return REASONS[code] ?? (e instanceof Error ? e.message.split('\n')[0] : String(e));
}

/** Reads one file as UTF-8 after checking, without reading it, that it is a regular file within maxBytes. */
export async function readFileInput(path: string, maxBytes: number): Promise<Input> {
  let stat;
  try {
    stat = await fs.stat(path);
  } catch (e) {
    throw new InputError(`${path}: cannot read: ${describe(e)}`);
  }
  if (stat.isDirectory()) throw new InputError(`${path}: cannot read: is a directory`);
  if (stat.size > maxBytes) throw new InputError(`${path}: input is ${sizeText(stat.size)}, more than the ${sizeText(maxBytes)} limit`);
  try {
    return { name: path, text: await fs.readFile(path, 'utf8') };
  } catch (e) {
    throw new InputError(`${path}: cannot read: ${describe(e)}`);
  }
}

/** Reads standard input, stopping as soon as it passes maxBytes. */
export async function readStdin(stdin: NodeJS.ReadableStream, maxBytes: number): Promise<Input> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stdin) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += buf.length;
    if (total > maxBytes) throw new InputError(`stdin: input is more than the ${sizeText(maxBytes)} limit`);
    chunks.push(buf);
  }
  return { name: 'stdin', text: Buffer.concat(chunks).toString('utf8') };
}
