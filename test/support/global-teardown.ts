// Jest global teardown (integration project): stops the local services started by global setup.
export default async function globalTeardown(): Promise<void> {
  await globalThis.__mujazLocalStack?.stop();
}
