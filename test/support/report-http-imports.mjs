// Loaded with `node --import` (NODE_OPTIONS) by tests: reports on stderr every module of the HTTP
// server a process loads, so a test can check that a CLI command does not load it.
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
    export async function resolve(specifier, context, next) {
      const resolved = await next(specifier, context);
      if (/\\/node_modules\\/fastify\\/|\\/src\\/http\\//.test(resolved.url))
        process.stderr.write('http module loaded: ' + resolved.url + '\\n');
      return resolved;
    }`)}`,
);
