/**
 * Drawings are checked for crossing edges before they are stored. The check must stay cheap for any
 * drawing the API accepts (20,000 vertices), or one editor's upload blocks every reader's request.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Position } from 'geojson';
import { validateGeometry } from '../../src/domain/map-layers.ts';
import { DomainError } from '../../src/domain/errors.ts';

const closed = (ring: Position[]): Position[] => [...ring, ring[0]!];

describe('crossing-edge check of a drawing', () => {
  it('accepts a 19,999-vertex outline of short edges', () => {
    const ring = Array.from({ length: 19_999 }, (_, i): Position => {
      const a = (2 * Math.PI * i) / 19_999;
      return [36 + 2 * Math.cos(a), 35 + 1.5 * Math.sin(a)];
    });
    const geometry = validateGeometry({ type: 'Polygon', coordinates: [closed(ring)] });
    assert.equal(geometry.type, 'Polygon');
  });

  it('refuses a valid but intricate comb of long thin teeth with a clear reason, instead of working for seconds', () => {
    // 4,990 teeth, each two long edges one tooth-width apart: no edge crosses another.
    const teeth = 4_990;
    const top: Position[] = [];
    for (let i = 0; i < teeth; i++) {
      const x = 30 + (i * 10) / teeth;
      const w = 10 / teeth;
      top.push([x, 30], [x + w * 0.25, 40], [x + w * 0.5, 40], [x + w * 0.75, 30]);
    }
    const ring = closed([...top, [40, 30], [40, 29], [30, 29]]);
    assert.throws(
      () => validateGeometry({ type: 'Polygon', coordinates: [ring] }),
      (error: unknown) =>
        error instanceof DomainError && /too intricate to check for crossing edges/.test(error.message),
    );
  });

  it('still finds two edges that cross', () => {
    const bowtie = closed([
      [0, 0],
      [1, 1],
      [1, 0],
      [0, 1],
    ]);
    assert.throws(() => validateGeometry({ type: 'Polygon', coordinates: [bowtie] }), /edges cross/);
  });
});
