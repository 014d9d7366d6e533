/** The reader's statement pages: /statements/{id} and /statements/compare?ids=a,b[,…]. */
import type { Site } from '../../../domain/site.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import { DomainError } from '../../../domain/errors.ts';
import { MAX_COMPARED, type StatementService } from '../../../statements/statement-service.ts';
import type { Assets } from '../../assets/build-assets.ts';
import { sendPage } from '../../kit/send-page.ts';
import { excerpt } from '../html-text.ts';
import { ErrorPage, errorWording } from '../views/error-page.tsx';
import { Layout, renderDocument, type PageMeta } from '../views/layout.tsx';
import { statementTitle } from '../statement-title.ts';
import { ComparePage, StatementListPage, StatementPage } from './statement-views.tsx';
import type { Store } from '../../../store/store.ts';

/** What the statement pages need. */
export interface StatementPageDeps {
  statements: StatementService;
  store: Store;
  assets: Assets;
  site: Site;
}

const ID = /^[0-9a-z]{10,40}$/;
const CompareQuery = z.object({ ids: z.string().max(1000) });
const ListQuery = z.object({
  issuer: z.string().max(200).optional(),
  before: z.string().max(300).optional(),
});
// Statements per page of the library.
const PER_PAGE = 20;

/** Registers the statement pages on the reader site. */
export async function registerStatementPages(app: FastifyInstance, deps: StatementPageDeps): Promise<void> {
  const siteName = deps.site.name;
  const assets = { css: deps.assets.url('reader.css'), js: deps.assets.url('reader-live.js') };
  const page = (meta: PageMeta, content: VNode) =>
    renderDocument(
      <Layout siteName={siteName} meta={meta} assets={assets} script={false}>
        {content}
      </Layout>,
    );
  // These pages need no script at all; their policy (STATEMENT_POLICY) forbids it.
  const send = (reply: FastifyReply, status: number, html: string) =>
    sendPage(reply, {
      status,
      html,
      cache: status === 200 ? 'public, max-age=60' : 'public, max-age=5',
      script: false,
    });
  const errorPage = (reply: FastifyReply, status: number) =>
    send(
      reply,
      status,
      page(
        {
          title: `${errorWording(status).title} – ${siteName}`,
          description: '',
          canonicalUrl: null,
          noindex: true,
        },
        <ErrorPage status={status} />,
      ),
    );
  const handle =
    (render: (request: FastifyRequest) => Promise<string | null>) =>
    async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      try {
        const html = await render(request);
        return html === null ? errorPage(reply, 404) : send(reply, 200, html);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'not_found') return errorPage(reply, 404);
        if (error instanceof DomainError && error.code === 'validation') return errorPage(reply, 400);
        request.log.error({ err: error }, 'statement page failed');
        return errorPage(reply, 500);
      }
    };

  app.get(
    '/statements',
    handle(async (request) => {
      const parsed = ListQuery.safeParse(request.query);
      if (!parsed.success) throw new DomainError('validation', 'issuer or before is not valid');
      const issuer = parsed.data.issuer?.trim() || null;
      const before = parsed.data.before ?? null;
      const [listed, issuers] = await Promise.all([
        deps.store.statements.list({ limit: PER_PAGE, cursor: before, ...(issuer !== null && { issuer }) }),
        deps.store.statements.listIssuers(500),
      ]);
      const query = (cursor: string) =>
        `/statements?${new URLSearchParams({ ...(issuer !== null && { issuer }), before: cursor }).toString()}`;
      return page(
        {
          title: `${issuer === null ? 'Statements library' : `Statements by ${issuer}`} – ${siteName}`,
          description: 'Official readouts and statements, with the earlier ones that share their wording.',
          canonicalUrl: null,
          noindex: before !== null,
        },
        <StatementListPage
          view={{
            statements: listed.items,
            issuers,
            issuer,
            olderHref: listed.nextCursor === null ? null : query(listed.nextCursor),
            later: before !== null,
          }}
        />,
      );
    }),
  );

  app.get(
    '/statements/compare',
    handle(async (request) => {
      const parsed = CompareQuery.safeParse(request.query);
      const ids = parsed.success ? parsed.data.ids.split(',').map((id) => id.trim()) : [];
      if (ids.length < 2 || ids.length > MAX_COMPARED || !ids.every((id) => ID.test(id))) {
        throw new DomainError('validation', 'ids must list 2 to 10 statement ids');
      }
      const comparison = await deps.statements.compare(ids);
      return page(
        {
          title: `Compared: ${comparison.statements.map(statementTitle).join(' / ')} – ${siteName}`,
          description: excerpt(comparison.templateText, 200),
          canonicalUrl: null,
          noindex: true,
        },
        <ComparePage comparison={comparison} />,
      );
    }),
  );

  app.get(
    '/statements/:id',
    handle(async (request) => {
      const { id } = request.params as { id: string };
      if (!ID.test(id)) return null;
      const statement = await deps.statements.get(id);
      const similar = await deps.statements.similarTo(id, { limit: 20 });
      return page(
        {
          title: `${statementTitle(statement)} – ${statement.issuer} – ${siteName}`,
          description: excerpt(statement.text.replace(/\s+/g, ' '), 200),
          canonicalUrl: null,
          publishedTime: statement.publishedAt,
        },
        <StatementPage statement={statement} similar={similar} />,
      );
    }),
  );
}
