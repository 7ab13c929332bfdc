/**
 * Vitest global setup/teardown for the `lab` project: starts (or reuses) the practice lab before
 * the tests, so building the image on a fresh machine is not bound by test timeouts, and always
 * stops it afterwards, even when tests fail, so no qemu is left behind.
 * Set CLUSTERDECK_LAB_KEEP=1 to leave the lab running after the run.
 */
import { ensureLab, stopLab } from './lab.js';

let stopped = false;

async function stopOnce(): Promise<void> {
  if (stopped || process.env.CLUSTERDECK_LAB_KEEP === '1') return;
  stopped = true;
  await stopLab();
}

export async function setup(): Promise<void> {
  const onSignal = (sig: NodeJS.Signals) => {
    void stopOnce().finally(() => process.kill(process.pid, sig));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await ensureLab();
  } catch (e) {
    await stopOnce().catch(() => undefined);
    throw e;
  }
}

export async function teardown(): Promise<void> {
  await stopOnce();
}
