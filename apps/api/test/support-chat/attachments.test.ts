import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { SupportLimits } from '@cabinet/shared-types';
import { createTestContext, type TestContext, type TestCustomer } from '../support';

/** Files that are what they say, by their first bytes. */
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 1)]);
const JPEG = Buffer.concat([Buffer.from('ffd8ffe000104a464946', 'hex'), Buffer.alloc(64, 2)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const b64 = (b: Buffer) => b.toString('base64');

describe('support chat attachments', () => {
  let t: TestContext;
  let ivan: TestCustomer & { token: string };
  let chatId: string;
  let operator: TestCustomer & { accessToken: string };
  const files = () => {
    const dir = path.join(t.config.dataDir, 'support');
    if (!existsSync(dir)) return [];
    return readdirSync(dir, { recursive: true }).map(String).filter((f) => statSync(path.join(dir, f)).isFile());
  };
  const rows = async () => (await t.query<{ n: number }>('SELECT count(*)::int AS n FROM support_attachments'))[0].n;
  const upload = (body: object, as = t.bearer(ivan.token)) => t.http.post(`/api/v1/support/chats/${chatId}/attachments`).set(as).send(body);

  beforeAll(async () => {
    t = await createTestContext();
    const c = await t.createCustomer({ password: 'attach-pass-1' });
    ivan = { ...c, token: (await t.signIn(c.phone, 'attach-pass-1')).accessToken };
    chatId = (await t.http.post('/api/v1/support/chats').set(t.bearer(ivan.token)).send({ topic: 'technical', text: 'Смотрите фото' }).expect(201)).body.id;
    operator = await t.createStaff('admin');
  });
  afterAll(() => t.close());

  it('when a customer uploads a PNG and sends it, then it is stored as a file under the data folder (outside the web root) and both sides download the same bytes', async () => {
    const res = await upload({ fileName: 'роутер.png', contentBase64: b64(PNG) }).expect(201);
    expect(res.body).toMatchObject({ fileName: 'роутер.png', contentType: 'image/png', size: PNG.length });
    const [row] = await t.query<{ storage_key: string; sha256: string }>('SELECT storage_key, sha256 FROM support_attachments WHERE id = $1', [res.body.id]);
    const file = path.join(t.config.dataDir, row.storage_key);
    expect(readFileSync(file)).toEqual(PNG);
    expect(path.relative(t.config.webDist, file).startsWith('..')).toBe(true);

    const msg = await t.http.post(`/api/v1/support/chats/${chatId}/messages`).set(t.bearer(ivan.token)).send({ attachmentId: res.body.id }).expect(201);
    expect(msg.body.attachment).toEqual(res.body);
    // One file goes with one message.
    await t.http.post(`/api/v1/support/chats/${chatId}/messages`).set(t.bearer(ivan.token)).send({ attachmentId: res.body.id }).expect(400);

    const mine = await t.http.get(`/api/v1/support/chats/${chatId}/attachments/${res.body.id}`).set(t.bearer(ivan.token)).buffer(true).expect(200);
    expect(mine.headers['content-type']).toBe('image/png');
    expect(mine.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.from(mine.body)).toEqual(PNG);
    const staff = await t.http.get(`/api/v1/backoffice/support/chats/${chatId}/attachments/${res.body.id}`).set(t.bearer(operator.accessToken)).buffer(true).expect(200);
    expect(Buffer.from(staff.body)).toEqual(PNG);

    const other = await t.createCustomer({ password: 'attach-pass-2' });
    const otherToken = (await t.signIn(other.phone, 'attach-pass-2')).accessToken;
    await t.http.get(`/api/v1/support/chats/${chatId}/attachments/${res.body.id}`).set(t.bearer(otherToken)).expect(404);
  });

  it('when the file is a JPEG or a PDF named anything, then its type comes from its bytes and its name gets the right extension', async () => {
    const jpeg = await upload({ fileName: 'photo', contentBase64: b64(JPEG) }).expect(201);
    expect(jpeg.body).toMatchObject({ contentType: 'image/jpeg', fileName: 'photo.jpg' });
    const pdf = await upload({ fileName: '../../etc/договор.png', contentBase64: b64(PDF) }).expect(201);
    expect(pdf.body).toMatchObject({ contentType: 'application/pdf', fileName: 'договор.pdf' });
    const got = await t.http.get(`/api/v1/support/chats/${chatId}/attachments/${pdf.body.id}`).set(t.bearer(ivan.token)).buffer(true).expect(200);
    expect(got.headers['content-disposition']).toMatch(/^attachment;/);
  });

  it.each([
    ['a text file called .png', Buffer.from('hello, I am not a picture').toString('base64'), 'evil.png'],
    ['an executable', Buffer.from('4d5a90000300000004000000ffff0000', 'hex').toString('base64'), 'setup.pdf'],
    ['an HTML page', Buffer.from('<html><script>alert(1)</script></html>').toString('base64'), 'page.jpg'],
    ['an SVG (script inside)', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>').toString('base64'), 'pic.svg'],
  ])('when the file is %s, then 415 attachment_type_not_allowed and nothing is stored', async (_what, contentBase64, fileName) => {
    const before = { rows: await rows(), files: files().length };
    const res = await upload({ fileName, contentBase64 }).expect(415);
    expect(res.body.code).toBe('attachment_type_not_allowed');
    expect({ rows: await rows(), files: files().length }).toEqual(before);
  });

  it('when the file is exactly 5 MB, then it is taken; one byte more, then 413 attachment_too_large and nothing is stored', async () => {
    const max = Buffer.concat([PDF, Buffer.alloc(SupportLimits.attachmentMaxBytes - PDF.length, 0x20)]);
    const ok = await upload({ fileName: 'big.pdf', contentBase64: b64(max) }).expect(201);
    expect(ok.body.size).toBe(5 * 1024 * 1024);

    const before = { rows: await rows(), files: files().length };
    const res = await upload({ fileName: 'big.pdf', contentBase64: b64(Buffer.concat([max, Buffer.from(' ')])) }).expect(413);
    expect(res.body.code).toBe('attachment_too_large');
    expect({ rows: await rows(), files: files().length }).toEqual(before);
  });

  it('when the base64 is broken, or a message names a file of another chat, then 400 and nothing is stored', async () => {
    const before = { rows: await rows(), files: files().length };
    expect((await upload({ fileName: 'x.png', contentBase64: '###' }).expect(400)).body.errors[0].field).toBe('contentBase64');
    const other = (await t.http.post('/api/v1/support/chats').set(t.bearer(ivan.token)).send({ topic: 'general', text: 'другой' }).expect(201)).body.id;
    const there = await t.http.post(`/api/v1/support/chats/${other}/attachments`).set(t.bearer(ivan.token)).send({ fileName: 'a.png', contentBase64: b64(PNG) }).expect(201);
    await t.http.post(`/api/v1/support/chats/${chatId}/messages`).set(t.bearer(ivan.token)).send({ attachmentId: there.body.id }).expect(400);
    expect(await rows()).toBe(before.rows + 1);
  });
});
