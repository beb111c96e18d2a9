import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SupportLimits, type AttachmentType } from '@cabinet/shared-types';
import { AppError } from '../../platform/errors';

/** What a file is, by its first bytes (never by its name or the type the sender claims). */
export function sniffType(b: Buffer): AttachmentType | null {
  const starts = (sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (b.subarray(0, 6).toString('latin1') === 'GIF87a' || b.subarray(0, 6).toString('latin1') === 'GIF89a') return 'image/gif';
  if (b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

const EXT: Record<AttachmentType, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'application/pdf': 'pdf' };

/**
 * Whole length a multiple of 4, only `A–Z a–z 0–9 + /`, at most two `=` at the end. A loop, not a regular
 * expression: V8's backtracking matcher overflowed its stack on a 7 MB string (a 500 seen in CI).
 */
export function isStrictBase64(s: string): boolean {
  if (s.length === 0 || s.length % 4 !== 0) return false;
  let end = s.length;
  if (s.charCodeAt(end - 1) === 0x3d) end--;
  if (s.charCodeAt(end - 1) === 0x3d) end--;
  if (end === 0) return false;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    const ok = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2f;
    if (!ok) return false;
  }
  return true;
}

/** Strict base64 (no spaces, no URL alphabet), decoded; a 400 otherwise; 413 above 5 MB. */
export function decodeUpload(contentBase64: string): Buffer {
  // Checked by length first: 5 MB of file is at most this much base64.
  if (contentBase64.length > Math.ceil(SupportLimits.attachmentMaxBytes / 3) * 4) {
    throw new AppError('attachment_too_large', 413, `A file may be at most ${SupportLimits.attachmentMaxBytes / 1024 / 1024} MB.`);
  }
  if (!isStrictBase64(contentBase64)) {
    throw AppError.validation([{ field: 'contentBase64', code: 'isBase64', message: 'contentBase64 must be the file in base64' }]);
  }
  const buf = Buffer.from(contentBase64, 'base64');
  if (buf.length > SupportLimits.attachmentMaxBytes) {
    throw new AppError('attachment_too_large', 413, `A file may be at most ${SupportLimits.attachmentMaxBytes / 1024 / 1024} MB.`);
  }
  return buf;
}

/** A name safe to show and to send back in Content-Disposition, with the extension of its real type. */
export function cleanFileName(name: string, type: AttachmentType): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\p{Cc}"<>|:*?]/gu, '').trim().slice(0, 150) || 'file';
  const ext = EXT[type];
  return base.toLowerCase().endsWith(`.${ext}`) || (ext === 'jpg' && /\.jpe?g$/i.test(base)) ? base : `${base.replace(/\.[^.]*$/, '') || 'file'}.${ext}`;
}

/** Attachments live as files under `<dataDir>/support`, outside the web root; the database keeps their key. */
export class AttachmentStore {
  constructor(private readonly root: string) {}

  async put(chatId: string, id: string, content: Buffer): Promise<{ key: string; sha256: string }> {
    const key = path.posix.join('support', chatId, id);
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${randomUUID()}.tmp`;
    await writeFile(tmp, content, { mode: 0o600 });
    await rename(tmp, file);
    return { key, sha256: createHash('sha256').update(content).digest('hex') };
  }

  read(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    const file = path.resolve(this.root, key);
    if (!file.startsWith(path.resolve(this.root) + path.sep)) throw new Error('attachment key outside the store');
    return file;
  }
}
