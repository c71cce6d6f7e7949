// Scenario: the blast radius of the Oracle Health (Cerner) incident: rings by hops, the 13 named hospitals and
// health systems confirmed (solid), the others potential (hollow), and a summary panel whose counts are the API's.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, api, canvasInk, launch, open, settled, shot, state, type Opened } from './helpers.ts';

const SCENARIO = 'blast-radius';
const ORIGIN = 'inc-oracle-health-cerner-2025';
let browser: Browser;
let opened: Opened;

interface ApiBlast {
  blastRadius: {
    reached: { hops: number; confirmed: boolean; entity: { id: string; kind: string } }[];
    summary: {
      organizations: number;
      confirmed: number;
      potential: number;
      incidents: number;
      individualsAffected: number | null;
      byKind: { key: string; count: number }[];
      byState: { key: string; count: number }[];
      figures: { count: number | null; used: boolean | null; sources: { url: string | null }[] }[];
    };
  };
}

const BLAST = /* GraphQL */ `
  query ($from: ID!) {
    blastRadius(from: $from) {
      reached { hops confirmed entity { id kind } }
      summary { organizations confirmed potential incidents individualsAffected byKind { key count } byState { key count } figures { count used sources { url } } }
    }
  }`;

beforeAll(async () => {
  browser = await launch();
  opened = await open(browser, `/?mode=explore&focus=${ORIGIN}`);
});

afterAll(async () => {
  await opened?.context.close();
  await browser?.close();
});

describe('blast radius of the Oracle Health incident', () => {
  it('opens from the incident’s details panel', async () => {
    const { page } = opened;
    await page.locator('#details [data-action="blast"]').click({ timeout: 30_000 });
    await page.waitForFunction(() => (window as unknown as { __explorer: { state(): { view: { mode: string } } } }).__explorer.state().view.mode === 'blast');
    await settled(page);
    await page.locator('#blast-counts').waitFor({ timeout: 30_000 });
    const path = await shot(page, SCENARIO, '01-blast-radius');
    if (process.env.UPDATE_DOCS_SCREENSHOT === '1') copyFileSync(path, join(ROOT, 'docs', 'screenshot.png'));
    expect((await state(page)).view.focus).toBe(ORIGIN);
    expect(await canvasInk(page)).toBeGreaterThan(1000);
  });

  it('shows the 13 named organisations as confirmed (solid) and the rest as potential (hollow)', async () => {
    const { page } = opened;
    const { blastRadius } = await api<ApiBlast>(BLAST, { from: ORIGIN });
    const confirmedOrgs = blastRadius.reached.filter((r) => r.confirmed && r.entity.kind === 'ORGANIZATION').map((r) => r.entity.id);
    expect(confirmedOrgs).toHaveLength(13);

    const drawn = await page.evaluate((ids) => {
      const x = (window as unknown as { __explorer: { graph: { getNodeAttributes(n: string): { exposure: string | null; hops: number | null; x: number; y: number } }; sigma: { getNodeDisplayData(n: string): { type: string; hidden?: boolean } | undefined } } }).__explorer;
      return ids.map((id) => ({ id, ...x.graph.getNodeAttributes(id), type: x.sigma.getNodeDisplayData(id)?.type }));
    }, blastRadius.reached.map((r) => r.entity.id));
    for (const r of blastRadius.reached) {
      const d = drawn.find((n) => n.id === r.entity.id)!;
      expect(d.exposure, r.entity.id).toBe(r.confirmed ? 'confirmed' : 'potential');
      expect(d.type, r.entity.id).toBe(r.confirmed ? 'circle' : 'ring');
      expect(d.hops, r.entity.id).toBe(r.hops);
    }
    // Rings: every node further out than every node fewer hops away.
    const radius = (n: { x: number; y: number }) => Math.hypot(n.x, n.y);
    for (const a of drawn) for (const b of drawn) if ((a.hops ?? 0) < (b.hops ?? 0)) expect(radius(a)).toBeLessThan(radius(b));

    // The table says the same, row by row.
    const rows = await page.locator('#blast-reached tbody tr').evaluateAll((trs) => trs.map((tr) => ({ ...(tr as HTMLElement).dataset })));
    expect(rows.filter((r) => r.exposure === 'confirmed' && r.kind === 'ORGANIZATION').map((r) => r.id).sort()).toEqual([...confirmedOrgs].sort());
  });

  it('has a summary panel whose counts equal the API’s blast-radius summary', async () => {
    const { page } = opened;
    const { summary } = (await api<ApiBlast>(BLAST, { from: ORIGIN })).blastRadius;
    const counts = await page.locator('#blast-counts tbody tr').evaluateAll((trs) =>
      Object.fromEntries(trs.map((tr) => [(tr as HTMLElement).dataset.key, tr.querySelector('td')?.textContent ?? ''])),
    );
    const num = (s: string | undefined) => Number((s ?? '').replace(/,/g, ''));
    expect(num(counts.organizations)).toBe(summary.organizations);
    expect(num(counts.confirmed)).toBe(summary.confirmed);
    expect(num(counts.potential)).toBe(summary.potential);
    expect(num(counts.incidents)).toBe(summary.incidents);
    expect(num(counts.individualsAffected)).toBe(summary.individualsAffected);

    const table = async (id: string) =>
      page.locator(`#${id} tbody tr`).evaluateAll((trs) => trs.map((tr) => ({ key: (tr as HTMLElement).dataset.key, count: Number(tr.querySelector('td')?.textContent?.replace(/,/g, '')) })));
    expect(await table('blast-by-kind')).toEqual(summary.byKind);
    expect(await table('blast-by-state')).toEqual(summary.byState);

    // The figure used for the total is marked, and every figure cites its sources with links.
    const used = summary.figures.filter((f) => f.used).length;
    expect(await page.locator('#blast-figures tbody tr.used').count()).toBe(used);
    expect(await page.locator('#blast-figures tbody tr').count()).toBe(summary.figures.length);
    expect(await page.locator('#blast-figures tbody a[href^="http"]').count()).toBeGreaterThanOrEqual(summary.figures.length);

    // And the same numbers are readable as one sentence.
    const text = (await page.locator('#blast-text').textContent()) ?? '';
    expect(text).toContain(`reaches ${summary.organizations} organisations`);
    expect(text).toContain(`${summary.confirmed} confirmed`);
    expect(text).toContain(`${summary.potential} potential`);
    expect(text).toContain((summary.individualsAffected ?? 0).toLocaleString('en-US'));
  });

  it('explains an exposure: clicking a hospital in the table shows it and its sources', async () => {
    const { page, errors } = opened;
    await page.locator('#blast-reached button[data-node="org-union-health"]').click();
    await expect.poll(() => page.locator('#details-name').textContent(), { timeout: 30_000 }).toContain('Union Health');
    expect(await page.locator('#details-sources li').count()).toBeGreaterThan(0);
    await shot(page, SCENARIO, '02-selected-hospital');
    expect(errors).toEqual([]);
  });
});
