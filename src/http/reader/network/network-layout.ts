/**
 * Places a contact network's actors with d3-force on the server, so the drawing arrives as plain SVG
 * and needs no script to be seen. d3-force starts from a fixed spiral and a fixed random source, so
 * the same network is always drawn the same way.
 */
import {
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from 'd3-force';
import type { ContactActorKind } from '../../../domain/contacts.ts';

/** One actor to draw; `weight` (its contacts) sizes its dot. */
export interface NetworkNode {
  kind: ContactActorKind;
  slug: string;
  name: string;
  weight: number;
}

/** A pair of actors in contact, by index into the nodes, with how many contacts. */
export interface NetworkLink {
  source: number;
  target: number;
  contacts: number;
}

/** A node with its place and radius in the drawing's coordinates. */
export interface PlacedNode extends NetworkNode {
  x: number;
  y: number;
  r: number;
}

/** The drawing: placed nodes, the links, and the frame they fit. */
export interface NetworkDrawing {
  width: number;
  height: number;
  nodes: PlacedNode[];
  links: NetworkLink[];
}

interface SimNode extends SimulationNodeDatum {
  index: number;
}

const TICKS = 300;
// Room for the labels under the dots at the frame's edge.
const MARGIN = 32;

/**
 * Lays out `nodes` and `links` in a `width`×`height` frame. `centre`, when given, is pinned in the
 * middle (the actor a page is about).
 */
export function layoutNetwork(
  nodes: NetworkNode[],
  links: NetworkLink[],
  size: { width: number; height: number },
  centre?: number,
): NetworkDrawing {
  const maxWeight = Math.max(1, ...nodes.map((n) => n.weight));
  const radius = (n: NetworkNode) => 4 + 12 * Math.sqrt(n.weight / maxWeight);
  const sim: SimNode[] = nodes.map((_, index) => (index === centre ? { index, fx: 0, fy: 0 } : { index }));
  const maxLink = Math.max(1, ...links.map((l) => l.contacts));
  const simLinks: SimulationLinkDatum<SimNode>[] = links.map((l) => ({ source: l.source, target: l.target }));
  const simulation = forceSimulation(sim)
    .force(
      'link',
      forceLink<SimNode, SimulationLinkDatum<SimNode>>(simLinks)
        .distance(60)
        .strength((_, i) => 0.2 + 0.6 * ((links[i]?.contacts ?? 1) / maxLink)),
    )
    .force('charge', forceManyBody<SimNode>().strength(-120).distanceMax(400))
    .force(
      'collide',
      forceCollide<SimNode>((d) => radius(nodes[d.index]!) + 3),
    )
    // Pulls unconnected parts back in, flattened to the frame's shape.
    .force('x', forceX<SimNode>(0).strength(0.06))
    .force('y', forceY<SimNode>(0).strength((0.06 * size.width) / size.height))
    .stop();
  simulation.tick(TICKS);

  // Scales the layout into the frame, keeping its proportions.
  const xs = sim.map((n) => n.x ?? 0);
  const ys = sim.map((n) => n.y ?? 0);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const spanX = Math.max(1, maxX - minX);
  const spanY = Math.max(1, maxY - minY);
  const scale = Math.min((size.width - 2 * MARGIN) / spanX, (size.height - 2 * MARGIN) / spanY, 4);
  const offsetX = (size.width - spanX * scale) / 2;
  const offsetY = (size.height - spanY * scale) / 2;
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    width: size.width,
    height: size.height,
    nodes: nodes.map((n, i) => ({
      ...n,
      x: round(offsetX + ((sim[i]!.x ?? 0) - minX) * scale),
      y: round(offsetY + ((sim[i]!.y ?? 0) - minY) * scale),
      r: round(radius(n)),
    })),
    links,
  };
}
