/** How every newsroom page is sent: never cached; its policy (never framed) comes from the scope. */
import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { sendPage } from '../kit/send-page.ts';
import { renderDocument } from '../reader/views/layout.tsx';
import { NewsroomLayout, type NewsroomChrome } from './views.tsx';

/** Sends `body` inside the newsroom's layout. */
export function sendNewsroomPage(
  reply: FastifyReply,
  status: number,
  title: string,
  chrome: NewsroomChrome,
  body: VNode,
): FastifyReply {
  return sendPage(reply, {
    status,
    cache: 'no-store',
    script: chrome.js !== null,
    html: renderDocument(
      <NewsroomLayout title={title} chrome={chrome}>
        {body}
      </NewsroomLayout>,
    ),
  });
}
