/**
 * A contact network drawn as SVG: a line per pair (thicker for more contacts), a dot per actor linked
 * to its page. The drawing is a view of a table on the same page, which is the accessible one; the
 * script network.js only highlights an actor's neighbours on hover or focus.
 */
import type { JSX } from 'preact';
import { entityPath } from '../../../enrich/entities.ts';
import type { NetworkDrawing } from './network-layout.ts';

/** Labels are always drawn for this many of the biggest actors; others on hover or focus. */
const LABELLED = 14;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The drawing in a figure; `query` is appended to each actor's link (the page's period and kind). */
export function NetworkSvg(props: {
  drawing: NetworkDrawing;
  caption: string;
  query?: string;
  centre?: number;
}): JSX.Element {
  const { drawing, centre } = props;
  const { width, height, nodes, links } = drawing;
  const maxLink = Math.max(1, ...links.map((l) => l.contacts));
  const labelled = new Set(
    nodes
      .map((n, i) => [n.weight, i] as const)
      .sort((x, y) => y[0] - x[0])
      .slice(0, LABELLED)
      .map(([, i]) => i),
  );
  if (centre !== undefined) labelled.add(centre);
  const clampX = (x: number) => Math.min(width - 8, Math.max(8, x));
  return (
    <figure class="network-figure">
      <svg
        class="network-svg"
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        role="group"
        aria-label={props.caption}
        data-network=""
      >
        <g class="network-links">
          {links.map((l) => {
            const a = nodes[l.source]!;
            const b = nodes[l.target]!;
            return (
              <line
                x1={a.x}
                y1={a.y}
                x2={b.x}
                y2={b.y}
                stroke-width={(1 + 4 * (l.contacts / maxLink)).toFixed(1)}
                data-a={l.source}
                data-b={l.target}
              >
                <title>{`${a.name} – ${b.name}: ${plural(l.contacts, 'contact', 'contacts')}`}</title>
              </line>
            );
          })}
        </g>
        <g class="network-nodes">
          {nodes.map((n, i) => {
            // Labels go below a dot, or above it in the lowest part of the frame.
            const below = n.y + n.r + 13 < height - 4;
            const anchor = n.x < 60 ? 'start' : n.x > width - 60 ? 'end' : 'middle';
            return (
              <a
                href={`${entityPath(n.kind, n.slug)}${props.query ?? ''}`}
                class={`network-node kind-${n.kind}${i === centre ? ' is-centre' : ''}${labelled.has(i) ? ' is-labelled' : ''}`}
                data-i={i}
              >
                <title>{`${n.name}: ${plural(n.weight, 'contact', 'contacts')}`}</title>
                <circle cx={n.x} cy={n.y} r={n.r} />
                <text
                  x={clampX(n.x)}
                  y={below ? n.y + n.r + 13 : n.y - n.r - 5}
                  text-anchor={anchor}
                  aria-hidden="true"
                >
                  {n.name}
                </text>
              </a>
            );
          })}
        </g>
      </svg>
      <figcaption class="network-caption">{props.caption}</figcaption>
    </figure>
  );
}
