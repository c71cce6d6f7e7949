import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

describe('configuration', () => {
  it('has working defaults: loopback, port 4000, local Neo4j on 7687', () => {
    const c = loadConfig({});
    expect(c.host).toBe('127.0.0.1');
    expect(c.port).toBe(4000);
    expect(c.neo4jUri).toBeUndefined();
    expect(c.neo4jBoltPort).toBe(7687);
    expect(c.neo4jDatabase).toBe('neo4j');
    expect(c.graphiql).toBe(true);
  });

  it('names PORT and what it expects when PORT=abc', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT is "abc"; expected a whole number from 0 to 65535/);
  });

  it('lists every invalid key at once', () => {
    try {
      loadConfig({ PORT: '-1', NEO4J_BOLT_PORT: '70000', NEO4J_URI: 'http://x', SEED_ON_EMPTY: 'maybe' });
      expect.unreachable('should have thrown');
    } catch (err) {
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT is "-1"/);
      expect(problems).toMatch(/NEO4J_BOLT_PORT is "70000"/);
      expect(problems).toMatch(/NEO4J_URI is "http:\/\/x"/);
      expect(problems).toMatch(/SEED_ON_EMPTY is "maybe"/);
    }
  });

  it('accepts every Bolt and routing scheme for NEO4J_URI', () => {
    for (const uri of ['bolt://h:7687', 'neo4j://h', 'neo4j+s://x.databases.neo4j.io', 'bolt+ssc://h']) {
      expect(loadConfig({ NEO4J_URI: uri }).neo4jUri).toBe(uri);
    }
  });

  it('turns GraphiQL off in production unless asked for', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).graphiql).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', GRAPHIQL: 'true' }).graphiql).toBe(true);
  });
});
