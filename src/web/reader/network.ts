/**
 * Contact network drawings (src/http/reader/network/network-svg.tsx): pointing at or focusing an
 * actor brings forward it, its counterparts and their lines, and fades the rest. The drawing is
 * complete without this script; it only helps reading a dense one.
 */
for (const svg of document.querySelectorAll<SVGSVGElement>('svg[data-network]')) {
  const lines = [...svg.querySelectorAll<SVGLineElement>('line[data-a]')];
  const nodes = new Map<string, Element>();
  for (const node of svg.querySelectorAll('[data-i]')) nodes.set(node.getAttribute('data-i') ?? '', node);

  const clear = () => {
    svg.classList.remove('is-focused');
    for (const el of svg.querySelectorAll('.is-near')) el.classList.remove('is-near');
  };
  const focus = (id: string) => {
    clear();
    svg.classList.add('is-focused');
    nodes.get(id)?.classList.add('is-near');
    for (const line of lines) {
      const a = line.getAttribute('data-a') ?? '';
      const b = line.getAttribute('data-b') ?? '';
      if (a !== id && b !== id) continue;
      line.classList.add('is-near');
      nodes.get(a === id ? b : a)?.classList.add('is-near');
    }
  };
  for (const [id, node] of nodes) {
    node.addEventListener('pointerenter', () => focus(id));
    node.addEventListener('focus', () => focus(id));
    node.addEventListener('pointerleave', clear);
    node.addEventListener('blur', clear);
  }
}
