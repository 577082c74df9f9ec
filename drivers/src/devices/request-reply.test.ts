import { describe, expect, it } from 'vitest';
import { RequestReply } from './request-reply';

const never = () => new Error('timed out');

describe('RequestReply', () => {
  it('sends the next request only after the previous one is answered, so replies never cross', async () => {
    const rr = new RequestReply<string>();
    const sent: string[] = [];
    const first = rr.request({
      send: () => {
        sent.push('a');
        return Promise.resolve();
      },
      accepts: () => true,
      timeoutMs: 500,
      timeoutError: never,
    });
    const second = rr.request({
      send: () => {
        sent.push('b');
        return Promise.resolve();
      },
      accepts: () => true,
      timeoutMs: 500,
      timeoutError: never,
    });
    await Promise.resolve();
    expect(sent).toEqual(['a']);
    rr.offer('reply-a');
    await expect(first).resolves.toBe('reply-a');
    await new Promise((r) => setTimeout(r, 0));
    expect(sent).toEqual(['a', 'b']);
    rr.offer('reply-b');
    await expect(second).resolves.toBe('reply-b');
  });

  it('ignores replies it does not accept, times out with the given error, and carries on', async () => {
    const rr = new RequestReply<string>();
    const waiting = rr.request({
      send: () => Promise.resolve(),
      accepts: (r) => r === 'A',
      timeoutMs: 20,
      timeoutError: () => new Error('drawer: no reply'),
    });
    rr.offer('x');
    await expect(waiting).rejects.toThrow('drawer: no reply');
    const next = rr.request({
      send: () => Promise.resolve(),
      accepts: () => true,
      timeoutMs: 500,
      timeoutError: never,
    });
    await new Promise((r) => setTimeout(r, 0));
    rr.offer('ok');
    await expect(next).resolves.toBe('ok');
  });

  it('fails a request whose write fails, with the transport error', async () => {
    const rr = new RequestReply<string>();
    await expect(
      rr.request({
        send: () => Promise.reject(new Error('port closed')),
        accepts: () => true,
        timeoutMs: 500,
        timeoutError: never,
      }),
    ).rejects.toThrow('port closed');
  });
});
