/**
 * The contract of an OpenAPI document, without prose: every path and method, its parameters (where,
 * name, required), its request body (required, media types, property names with the required ones
 * starred) and its responses (status codes, media types and the same shape). Two documents with the same outline
 * accept and answer the same requests, however their schemas are written (inline or by reference).
 */
interface Schema {
  $ref?: string;
  properties?: Record<string, unknown>;
  required?: string[];
  type?: unknown;
}
interface Content {
  [mediaType: string]: { schema?: Schema };
}
interface Operation {
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { required?: boolean; content?: Content };
  responses?: Record<string, { content?: Content }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const METHODS = new Set(['get', 'put', 'post', 'patch', 'delete', 'head', 'options']);

/** The outline of `doc` (see above), with every list sorted so that order does not matter. */
export function openApiOutline(doc: OpenApiDocument): Record<string, unknown> {
  const resolve = (schema: Schema | undefined): Schema => {
    const name = schema?.$ref?.split('/').pop();
    return name === undefined ? (schema ?? {}) : resolve(doc.components?.schemas?.[name]);
  };
  // "a b* c": the property names, required ones starred.
  const shape = (schema: Schema | undefined): string => {
    const s = resolve(schema);
    const required = new Set(s.required ?? []);
    return Object.keys(s.properties ?? {})
      .sort()
      .map((name) => (required.has(name) ? `${name}*` : name))
      .join(' ');
  };
  const content = (c: Content | undefined) =>
    Object.fromEntries(
      Object.keys(c ?? {})
        .sort()
        .map((type) => [type, shape(c?.[type]?.schema)]),
    );
  const outline: Record<string, unknown> = {};
  for (const path of Object.keys(doc.paths).sort()) {
    const item = doc.paths[path] ?? {};
    for (const method of Object.keys(item)
      .filter((m) => METHODS.has(m))
      .sort()) {
      const op = item[method] ?? {};
      outline[`${method.toUpperCase()} ${path}`] = {
        parameters: (op.parameters ?? [])
          .map((p) => `${p.in} ${p.name}${p.required ? ' (required)' : ''}`)
          .sort(),
        requestBody: op.requestBody
          ? { required: op.requestBody.required === true, content: content(op.requestBody.content) }
          : null,
        responses: Object.fromEntries(
          Object.keys(op.responses ?? {})
            .sort()
            .map((code) => [code, content(op.responses?.[code]?.content)]),
        ),
      };
    }
  }
  return outline;
}
