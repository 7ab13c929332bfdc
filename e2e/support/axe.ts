import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The rule sets the screens must pass: WCAG 2.0 and 2.1, levels A and AA. */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One element of a violation (axe-core's NodeResult, reached without depending on axe-core). */
type NodeResult = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number]['nodes'][number];

/** An element axe names, with why it failed (e.g. the colours and the ratio it measured). */
function describeNode(node: NodeResult): string {
  const why = [...node.any, ...node.all, ...node.none].find((check) => check.message)?.message;
  return `${node.target.join(' ')}${why ? `\n    ${why}` : ''}`;
}

/**
 * Runs axe-core's WCAG 2 AA rules on the page as it is now (open dialogs and popovers
 * included) and fails with each violation, its impact and the elements it names. The failure
 * is soft: the test goes on, so one run reports every screen it walks.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // A dialog or popover still fading in has half its contrast: axe would measure a frame of
  // the transition, not the screen. Wait until every finite CSS transition or animation has
  // ended (spinners and indeterminate progress bars run forever and are left alone).
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity,
      ),
  );
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  const found = violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'unknown'}): ${v.help}\n  ${v.nodes.map(describeNode).join('\n  ')}`,
  );
  expect.soft(found, `axe-core WCAG 2 AA violations on ${screen}`).toEqual([]);
}
