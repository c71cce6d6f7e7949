import { describe, expect, it } from 'vitest';
import { countsPeople, incidentFigure, isPlaceholder, type Figure } from '../../server/model/figures.ts';

const f = (count: number | null, unit?: string): Figure => ({ count, unit });

describe('individuals-affected figures', () => {
  it('counts people, not appointments, cases, records, organisations or claims', () => {
    expect(countsPeople(f(1000, 'individuals'))).toBe(true);
    expect(countsPeople(f(1000, 'health plan members'))).toBe(true);
    expect(countsPeople(f(1000, 'employees and dependents'))).toBe(true);
    expect(countsPeople(f(1000, 'acute outpatient appointments postponed'))).toBe(false);
    expect(countsPeople(f(170, 'patient harm cases'))).toBe(false);
    expect(countsPeople(f(1000, 'staff records (mobile numbers)'))).toBe(false);
    expect(countsPeople(f(2618, 'organisations'))).toBe(false);
    expect(countsPeople(f(500000, 'SSNs (claimed)'))).toBe(false);
    expect(countsPeople(f(null, 'individuals'))).toBe(false);
  });

  it('treats 500/501 and units saying so as placeholders, never counted', () => {
    expect(isPlaceholder(f(501, 'individuals'))).toBe(true);
    expect(isPlaceholder(f(12, 'individuals (placeholder)'))).toBe(true);
    expect(countsPeople(f(501, 'individuals'))).toBe(false);
  });

  it("takes an incident's largest people figure as its one figure for totals", () => {
    const chosen = incidentFigure([f(501, 'individuals (placeholder)'), f(262831, 'individuals'), f(410000, 'individuals (minimum aggregate)'), f(900000, 'records (claimed)')]);
    expect(chosen?.count).toBe(410000);
    expect(incidentFigure([f(10054, 'appointments postponed')])).toBeUndefined();
  });
});
