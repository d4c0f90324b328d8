export default async function globalTeardown(): Promise<void> {
  await globalThis.__RIM_STACK__?.stop();
}
