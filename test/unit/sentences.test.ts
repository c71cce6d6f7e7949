import { describe, expect, it } from 'vitest';
import { humanDate, relationshipSentence } from '../../server/resolvers/sentences.ts';

describe('relationship sentences', () => {
  it('reads an acquisition with its closing date', () => {
    expect(relationshipSentence('ACQUIRED', 'Oracle Corporation', 'Oracle Health', { closed: '2022-06-08', announced: '2021-12-20' })).toBe(
      'Oracle Corporation acquired Oracle Health, closed 8 June 2022',
    );
  });
  it('names the role of an affected organisation and the attribution level', () => {
    expect(relationshipSentence('AFFECTED', 'The breach', 'Union Health', { role: 'affected_via_vendor' })).toBe(
      'The breach affected Union Health (as affected via vendor)',
    );
    expect(relationshipSentence('ATTRIBUTED_TO', 'The breach', '"Andrew"', { attribution: 'reported_by_media' })).toBe(
      'The breach is attributed to "Andrew" (reported by media)',
    );
  });
  it('formats dates at their precision', () => {
    expect(humanDate('2025-03')).toBe('March 2025');
    expect(humanDate('2024')).toBe('2024');
    expect(humanDate('2024-01-01/2024-02-01')).toBe('2024-01-01/2024-02-01');
  });
});
