// Scenario: the blast radius of the Oracle Health (Cerner) incident: rings by hops, the 13 named hospitals and
// health systems confirmed (solid), the others potential (hollow), and a summary panel whose counts are the API's.
// Then the blast radius of a vendor (Oracle Health, by keyboard), and a capped one whose Load more raises the cap.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, api, canvasInk, launch, open, settled, shot, state, type Opened } from './helpers.ts';

const SCENARIO = 'blast-radius';
const ORIGIN = 'inc-oracle-health-cerner-2025';
let browser: Browser;
let opened: Opened;
let vendor: Opened | undefined;
let capped: Opened | undefined;

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
  query ($from: ID!, $limit: Int) {
    blastRadius(from: $from, limit: $limit) {
      reached { hops confirmed entity { id kind } }
      summary { organizations confirmed potential incidents individualsAffected byKind { key count } byState { key count } figures { count used sources { url } } }
    }
  }`;

beforeAll(async () => {
  browser = await launch();
  opened = await open(browser, `/?mode=explore&focus=${ORIGIN}`);
});

afterAll(async () => {
  await capped?.context.close();
  await vendor?.context.close();
  await opened?.context.close();
  await browser?.close();
});

describe('blast radius of the Oracle Health incident', () => {
  it('opens from the incident’s details panel', async () => {
    const { page } = opened;
    // The incident's figures first: the 501 placeholder says so once (its unit already reads "(placeholder)").
    await page.locator('#details table.data').waitFor({ timeout: 30_000 });
    const figures = (await page.locator('#details table.data').textContent()) ?? '';
    expect(figures).toContain('individuals (placeholder)');
    expect(figures).not.toContain('(placeholder) (placeholder)');
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
    expect(await page.locator('#blast-figures').textContent()).toContain('individuals (placeholder)');
    expect(await page.locator('#blast-figures').textContent()).not.toContain('(placeholder) (placeholder)');

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

describe('blast radius of a vendor: Oracle Health', () => {
  const VENDOR = 'vendor-oracle-health';

  it('opens with B from the vendor’s neighbourhood and agrees with the API', async () => {
    vendor = await open(browser, `/?mode=explore&focus=${VENDOR}`);
    const { page, errors } = vendor;
    expect((await state(page)).view.selection).toEqual({ type: 'node', id: VENDOR });
    await page.keyboard.press('b');
    await page.waitForFunction(() => (window as unknown as { __explorer: { state(): { view: { mode: string } } } }).__explorer.state().view.mode === 'blast');
    await settled(page);
    await page.locator('#blast-counts').waitFor({ timeout: 30_000 });
    await shot(page, SCENARIO, '03-vendor-blast-radius');
    expect((await state(page)).view.focus).toBe(VENDOR);
    expect(page.url()).toContain(`mode=blast&focus=${VENDOR}`);
    expect(await canvasInk(page)).toBeGreaterThan(1000);

    const { blastRadius } = await api<ApiBlast>(BLAST, { from: VENDOR });
    expect(blastRadius.summary.organizations).toBeGreaterThan(0);
    const counts = await page.locator('#blast-counts tbody tr').evaluateAll((trs) => Object.fromEntries(trs.map((tr) => [(tr as HTMLElement).dataset.key, Number(tr.querySelector('td')?.textContent?.replace(/,/g, ''))])));
    expect(counts.organizations).toBe(blastRadius.summary.organizations);
    expect(counts.confirmed).toBe(blastRadius.summary.confirmed);
    expect(counts.potential).toBe(blastRadius.summary.potential);
    expect(counts.incidents).toBe(blastRadius.summary.incidents);
    expect(await page.locator('#blast-title').textContent()).toContain('Oracle Health');

    // The vendor is the origin, in the middle; everything reached sits on its hop ring, solid or hollow as confirmed.
    const drawn = await page.evaluate(
      ({ ids, origin }) => {
        const x = (window as unknown as { __explorer: { graph: { getNodeAttributes(n: string): { exposure: string | null; hops: number | null; x: number; y: number } }; sigma: { getNodeDisplayData(n: string): { type: string } | undefined } } }).__explorer;
        return { origin: x.graph.getNodeAttributes(origin), reached: ids.map((id) => ({ id, ...x.graph.getNodeAttributes(id), type: x.sigma.getNodeDisplayData(id)?.type })) };
      },
      { ids: blastRadius.reached.map((r) => r.entity.id), origin: VENDOR },
    );
    expect(drawn.origin.exposure).toBe('origin');
    expect(Math.hypot(drawn.origin.x, drawn.origin.y)).toBeLessThan(1e-6);
    for (const r of blastRadius.reached) {
      const d = drawn.reached.find((n) => n.id === r.entity.id)!;
      expect(d.hops, r.entity.id).toBe(r.hops);
      expect(d.type, r.entity.id).toBe(r.confirmed ? 'circle' : 'ring');
    }
    expect(await page.locator('#blast-reached tbody tr').count()).toBe(blastRadius.reached.length);
    expect(errors).toEqual([]);
  });
});

describe('a capped blast radius', () => {
  it('says what the cap left out, and Load more raises the cap held in the link', async () => {
    const { blastRadius: full } = await api<ApiBlast>(BLAST, { from: ORIGIN });
    const total = full.summary.organizations;
    expect(total).toBeGreaterThan(10);
    capped = await open(browser, `/?mode=blast&focus=${ORIGIN}&limit=10`);
    const { page, errors } = capped;
    await page.locator('#blast-counts').waitFor({ timeout: 30_000 });
    expect((await state(page)).view.blastLimit).toBe(10);
    const notice = page.locator('#notice');
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toContain(`The server left out ${total - 10} entities of “Blast radius of ${ORIGIN} (3 hops, cap 10)”`);
    expect(await page.locator('#blast-reached tbody tr').count()).toBe(10);
    // The counts are the whole blast radius's, whatever the cap.
    expect(Number((await page.locator('#blast-counts tr[data-key="organizations"] td').textContent())?.replace(/,/g, ''))).toBe(total);
    await shot(page, SCENARIO, '04-capped');

    await notice.locator('[data-action="load-more"]').click();
    await expect.poll(async () => (await state(page)).view.blastLimit).toBe(40);
    await settled(page);
    await expect.poll(() => page.url(), { timeout: 5_000 }).toContain('limit=40');
    await expect.poll(() => page.locator('#blast-reached tbody tr').count(), { timeout: 30_000 }).toBe(Math.min(40, total));
    expect(await notice.isVisible()).toBe(total > 40);
    await shot(page, SCENARIO, '05-more-loaded');
    expect(errors).toEqual([]);
  });
});
