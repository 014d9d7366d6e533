/**
 * The pin map of a newsroom place page (src/http/newsroom/place-pages.tsx): a click on the map sets
 * the latitude and longitude fields and moves the marker; typed coordinates move it too. The map is
 * equirectangular, so a position is a linear function of longitude and latitude (data-bounds).
 */
const map = document.getElementById('pin-map');
const marker = document.getElementById('pin-marker');
const form = document.getElementById('pin-form') as HTMLFormElement | null;
const latInput = form?.elements.namedItem('lat') as HTMLInputElement | null;
const lonInput = form?.elements.namedItem('lon') as HTMLInputElement | null;

if (map && marker && latInput && lonInput) {
  const [west, north, east, south] = (map.dataset['bounds'] ?? '').split(',').map(Number) as [
    number,
    number,
    number,
    number,
  ];
  const box = (map as unknown as SVGSVGElement).viewBox.baseVal;
  const place = (lat: number, lon: number) => {
    marker.setAttribute('cx', String(((lon - west) / (east - west)) * box.width));
    marker.setAttribute('cy', String(((north - lat) / (north - south)) * box.height));
  };
  map.style.cursor = 'crosshair';
  map.addEventListener('click', (event) => {
    const rect = map.getBoundingClientRect();
    const lon = west + ((event.clientX - rect.left) / rect.width) * (east - west);
    const lat = north - ((event.clientY - rect.top) / rect.height) * (north - south);
    latInput.value = lat.toFixed(4);
    lonInput.value = lon.toFixed(4);
    place(lat, lon);
  });
  const typed = () => {
    const lat = Number(latInput.value);
    const lon = Number(lonInput.value);
    if (Number.isFinite(lat) && Number.isFinite(lon)) place(lat, lon);
  };
  latInput.addEventListener('input', typed);
  lonInput.addEventListener('input', typed);
}
