import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({})).toEqual({
      port: 4000,
      host: '0.0.0.0',
      database: { type: 'sqlite', database: 'data/newsgate.sqlite' },
      nodeEnv: 'development',
      logLevel: 'info',
      seed: true,
      voterSalt: undefined,
      trustProxy: false,
      editorKeys: [],
      readConnections: 2,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATABASE_URL: 'sqlite::memory:',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      NEWSGATE_SEED: 'false',
      VOTER_SALT: 'a-long-enough-salt',
      TRUST_PROXY: 'true',
      NEWSGATE_EDITOR_KEYS: ' first-editor-key-123456 ,second-editor-key-654321',
      DATABASE_READ_CONNECTIONS: '4',
    });
    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      database: { type: 'sqlite', database: ':memory:' },
      nodeEnv: 'production',
      logLevel: 'warn',
      seed: false,
      voterSalt: 'a-long-enough-salt',
      trustProxy: true,
      editorKeys: ['first-editor-key-123456', 'second-editor-key-654321'],
      readConnections: 4,
    });
  });

  it('accepts sqlite:///absolute/path', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:///var/lib/newsgate.sqlite' }).database.database).toBe('/var/lib/newsgate.sqlite');
  });

  it('is silent in tests unless told otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('silent');
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'postgres://localhost/news'],
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'loud'],
    ['NEWSGATE_SEED', 'maybe'],
    ['VOTER_SALT', 'short'],
    ['TRUST_PROXY', '2'],
    ['NEWSGATE_EDITOR_KEYS', 'short'],
    ['DATABASE_READ_CONNECTIONS', '17'],
    ['DATABASE_READ_CONNECTIONS', 'many'],
    ['NEWSGATE_EDITOR_KEYS', 'a key with spaces in it'],
  ])('stops on an invalid %s (%p) with a message naming it', (variable, value) => {
    let thrown: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).variable).toBe(variable);
    expect((thrown as ConfigError).message).toContain(variable);
  });
});
