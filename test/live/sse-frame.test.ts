import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  createCommentFrame,
  createRetryFrame,
  createSseFrame,
  jitterRetryMs,
} from '../../src/live/sse-frame.ts';

describe('createSseFrame', () => {
  it('writes event, id and data, ending with a blank line', () => {
    const frame = createSseFrame({ event: 'update', id: 42, data: '{"a":1}' });
    assert.equal(frame.toString('utf8'), 'event: update\nid: 42\ndata: {"a":1}\n\n');
  });

  it('splits data on every kind of line break into separate data lines', () => {
    const frame = createSseFrame({ data: 'one\ntwo\r\nthree\rfour' });
    assert.equal(frame.toString('utf8'), 'data: one\ndata: two\ndata: three\ndata: four\n\n');
  });

  it('keeps an empty payload as one empty data line, so the event still dispatches', () => {
    assert.equal(createSseFrame({ data: '' }).toString('utf8'), 'data: \n\n');
  });

  it('rejects line breaks in event and id, which would inject fields', () => {
    assert.throws(() => createSseFrame({ event: 'update\ndata: x', data: '' }), /event/);
    assert.throws(() => createSseFrame({ id: '1\r2', data: '' }), /id/);
    assert.throws(() => createSseFrame({ id: '1\0', data: '' }), /NUL/);
  });

  it('encodes non-ASCII text as UTF-8', () => {
    const frame = createSseFrame({ data: 'Київ' });
    assert.equal(frame.toString('utf8'), 'data: Київ\n\n');
  });
});

describe('comment and retry frames', () => {
  it('builds a comment that readers ignore', () => {
    assert.equal(createCommentFrame('hb').toString(), ': hb\n\n');
    assert.throws(() => createCommentFrame('a\nb'));
  });

  it('builds a retry frame and refuses nonsense delays', () => {
    assert.equal(createRetryFrame(3000).toString(), 'retry: 3000\n\n');
    assert.throws(() => createRetryFrame(-1));
    assert.throws(() => createRetryFrame(1.5));
  });

  it('spreads retry delays between half and one and a half times the base', () => {
    assert.equal(
      jitterRetryMs(2000, () => 0),
      1000,
    );
    assert.equal(
      jitterRetryMs(2000, () => 0.999),
      2998,
    );
  });
});
