export default async function globalTeardown() {
  await globalThis.__CABINET_EMBEDDED_PG__?.stop();
}
