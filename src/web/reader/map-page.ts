/**
 * Browser client of map pages (/map, /embed/map): the reader client plus the map, bundled apart so
 * story pages do not download the map's code (clustering, projection, drawing).
 */
import './reader-live.ts';
import { openStream } from './event-stream.ts';
import { startMap } from './map-client.ts';
import { startLayerSlider } from './map-layers-client.ts';

const map = document.querySelector<HTMLElement>('[data-live-map]');
if (map) startMap(map, 'EventSource' in window ? openStream : null);
startLayerSlider();
