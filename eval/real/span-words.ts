/** Word lists the span-annotated sets (re3d, GMB) judge their gold spans by. */
export const PRONOUNS = new Set(
  'i me my mine we us our ours you your he him his she her hers it its they them their theirs this that these those who whom which one'.split(
    ' ',
  ),
);
export const FUNCTION_WORDS = new Set(
  'a an the of for and or in on at to by with from as all both some other others many any each'.split(' '),
);
/** Compass words and world regions: a Location made only of these (and countries) is no place to pin. */
export const REGION_WORDS = new Set(
  `north northern south southern east eastern west western northeast northeastern northwest northwestern
  southeast southeastern southwest southwestern central middle near far europe asia africa america americas
  world region`.split(/\s+/),
);
/** A country's government is the country (reported as a country, not an organisation). */
export const GOVERNMENT_WORDS = new Set(['government', 'governments', 'regime', 'administration']);
