/**
 * `/contacts/templates/{id}`: the contacts whose sentences share one readout template ("Putin spoke
 * by phone with [Iran's President Hassan Rouhani | Turkey's President Recep Tayyip Erdoğan]"), each
 * linked to its update, with the shared wording marked in every sentence. Contacts come from updates,
 * not from the statements library, so the statements' comparison page (by statement id) cannot show
 * them; the template is built the same way (statements/compare.ts). Public contacts only.
 */
import type { FastifyInstance } from 'fastify';
import type { JSX } from 'preact';
import type { ListedContact } from '../../../domain/contacts.ts';
import { entityPath } from '../../../enrich/entities.ts';
import { buildTemplate, type TemplateSegment } from '../../../statements/compare.ts';
import { sendPage } from '../../kit/send-page.ts';
import { renderReaderNotFound, type ReaderDeps } from '../routes.tsx';
import { formatLongDate } from '../time-format.ts';
import { SourceLabel, sourcePath } from './contact-source.tsx';
import { Layout, renderDocument } from '../views/layout.tsx';

/** Contacts listed on one page; the heading still counts them all. */
const SHOWN = 50;
/** Sentences the shared wording is worked out from (the template of the first ones holds for the rest). */
const COMPARED = 10;
const TEMPLATE_ID = /^[0-9A-Za-z]{1,64}-\d{1,6}$/;

/** One sentence with the template's wording marked (shared) and its own words plain. */
function MarkedSentence(props: { segments: TemplateSegment[]; index: number }): JSX.Element {
  let first = true;
  return (
    <q class="contact-template-sentence">
      {props.segments.map((segment) => {
        const text = segment.kind === 'text' ? segment.text : (segment.variants[props.index] ?? '');
        if (text === '') return null;
        const lead = first || /^[,.;:!?)]/.test(text) ? '' : ' ';
        first = false;
        if (segment.kind === 'slot') return `${lead}${text}`;
        return (
          <>
            {lead}
            <mark class="contact-template-shared">
              <span class="sr-only">[shared: </span>
              {text}
              <span class="sr-only">]</span>
            </mark>
          </>
        );
      })}
    </q>
  );
}

function TemplatePage(props: { contacts: ListedContact[]; total: number }): JSX.Element {
  const { contacts } = props;
  const sentences = [...new Set(contacts.map((c) => c.sentence))];
  const compared = sentences.slice(0, COMPARED);
  const segments = buildTemplate(compared);
  const shared = segments
    .map((s) => (s.kind === 'text' ? s.text : '…'))
    .join(' ')
    .replace(/ ([,.;:!?)])/g, '$1');
  return (
    <article class="contact-template">
      <p class="kicker">Readout wording compared</p>
      <h1>{props.total} contacts reported in the same wording</h1>
      <p>
        These sentences were written from one template: the same words with other names in them. They count as
        one pattern of readouts, not as independent reports.
      </p>
      <section aria-labelledby="contact-template-shared">
        <h2 id="contact-template-shared">The shared wording</h2>
        <p class="template">{shared}</p>
      </section>
      <section aria-labelledby="contact-template-list">
        <h2 id="contact-template-list">Each contact, shared wording marked</h2>
        <ol class="contact-template-list">
          {contacts.map((c) => {
            const index = compared.indexOf(c.sentence);
            return (
              <li>
                <p class="contact-template-who">
                  <a href={entityPath(c.a.kind, c.a.slug)}>{c.a.name}</a> and{' '}
                  <a href={entityPath(c.b.kind, c.b.slug)}>{c.b.name}</a>,{' '}
                  <time dateTime={c.date}>{formatLongDate(c.date)}</time>
                </p>
                <p>
                  {index === -1 ? <q>{c.sentence}</q> : <MarkedSentence segments={segments} index={index} />}
                </p>
                <p>
                  <a href={sourcePath(c)}>{c.sourceType === 'statement' ? 'The statement' : 'The update'}</a>{' '}
                  <SourceLabel contact={c} />
                </p>
              </li>
            );
          })}
        </ol>
      </section>
    </article>
  );
}

/** Registers the template comparison page on the reader site. */
export async function registerContactTemplatePage(app: FastifyInstance, deps: ReaderDeps): Promise<void> {
  const notFound = renderReaderNotFound(deps);
  const siteName = deps.site.name;
  const assets = { css: deps.assets.url('reader.css'), js: deps.assets.url('reader-live.js') };
  app.get('/contacts/templates/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const missing = () =>
      sendPage(reply, { status: 404, html: notFound, cache: 'public, max-age=5', script: false });
    if (!TEMPLATE_ID.test(id)) return missing();
    const { items } = await deps.store.contacts.list({ template: id }, { limit: SHOWN });
    // A template of one contact compares nothing (a rejected or deleted fellow left it alone).
    const total = items[0]?.templateSize ?? 0;
    if (total < 2) return missing();
    const html = renderDocument(
      <Layout
        siteName={siteName}
        meta={{
          title: `Same readout wording: ${total} contacts – ${siteName}`,
          description: items[0]!.sentence,
          canonicalUrl: null,
          noindex: true,
        }}
        assets={assets}
        script={false}
      >
        <TemplatePage contacts={items} total={total} />
      </Layout>,
    );
    return sendPage(reply, { status: 200, html, cache: 'public, max-age=30', script: false });
  });
}
