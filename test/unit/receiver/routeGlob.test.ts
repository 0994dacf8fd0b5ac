import * as assert from 'node:assert/strict';
import { matchesRouteGlob, routeGlobProblem } from '../../../src/core';

describe('route globs', () => {
  const cases: Array<[pattern: string, path: string, matches: boolean]> = [
    ['/hooks', '/hooks', true],
    ['/hooks', '/hooks/', true],
    ['/hooks/', '/hooks', true],
    ['/hooks', '/Hooks', false],
    ['/hooks', '/hooks/x', false],
    ['/', '/', true],
    ['/', '/x', false],
    ['/*', '/x', true],
    ['/*', '/', false],
    ['/*', '/x/y', false],
    ['/stripe/*', '/stripe/events', true],
    ['/stripe/*', '/stripe', false],
    ['/stripe/*', '/stripe/a/b', false],
    ['/stripe/**', '/stripe', true],
    ['/stripe/**', '/stripe/a', true],
    ['/stripe/**', '/stripe/a/b/c', true],
    ['/stripe/**', '/stripes/a', false],
    ['/stripe/**', '/github/stripe/a', false],
    ['/**', '/', true],
    ['/**', '/anything/at/all', true],
    ['/**/events', '/events', true],
    ['/**/events', '/a/b/events', true],
    ['/**/events', '/a/b/events/x', false],
    ['/a/**/b/*', '/a/x/b/y/b/z', true],
    ['/a/**/b/*', '/a/x/b/y/b', false],
    ['/**/b/**/c', '/b/b/x/c', true],
    ['/api/v*/hooks', '/api/v2/hooks', true],
    ['/api/v*/hooks', '/api/v/hooks', true],
    ['/api/v*/hooks', '/api/x2/hooks', false],
    ['/files/*.json', '/files/a.b.json', true],
    ['/files/*.json', '/files/a.json/x', false],
    ['/files/*.json', '/files/a.jsonx', false],
    ['/a*b*c', '/abbbbc', true],
    ['/a*b*c', '/acb', false],
    ['/x/*/y', '/x//y', false],
    ['/x/**/y', '/x//y', true],
    ['/hooks%2Fx', '/hooks%2Fx', true],
    ['/hooks/x', '/hooks%2Fx', false],
  ];
  for (const [pattern, path, expected] of cases) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${path}`, () => {
      assert.equal(matchesRouteGlob(pattern, path), expected);
    });
  }

  // Exponential backtracking on this input would run for hours, far past the test timeout.
  it('stays fast on a pattern built to make backtracking blow up', () => {
    const pattern = '/' + Array(12).fill('**/a').join('/') + '/b';
    const path = '/' + Array(200).fill('a').join('/');
    assert.equal(matchesRouteGlob(pattern, path), false);
  });

  it('explains patterns it cannot use', () => {
    assert.equal(routeGlobProblem('/ok/**'), undefined);
    assert.match(routeGlobProblem('stripe/**')!, /must start with "\/"/);
    assert.match(routeGlobProblem('/a/b**')!, /"\*\*" must be a whole segment \(got "b\*\*"\)/);
    assert.match(routeGlobProblem('/a?x=1')!, /query string/);
  });
});
