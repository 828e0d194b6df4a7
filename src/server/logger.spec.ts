import { Writable } from 'node:stream';
import pino from 'pino';
import { loggerOptions } from './logger';

describe('loggerOptions', () => {
  it('writes JSON lines unless asked to be pretty', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    pino(loggerOptions('info', false), sink).info({ requestId: 'r1' }, 'graphql request');
    expect(JSON.parse(lines[0])).toMatchObject({ level: 30, service: 'newsgate', requestId: 'r1', msg: 'graphql request' });
  });

  it('renders through pino-pretty, which is installed, when pretty', () => {
    expect(loggerOptions('debug', true)).toMatchObject({ level: 'debug', transport: { target: 'pino-pretty' } });
    expect(() => require.resolve('pino-pretty')).not.toThrow();
    expect(loggerOptions('debug', false)).not.toHaveProperty('transport');
  });
});
