import { requestedFeed } from './feed';

describe('requestedFeed', () => {
  test.each([
    [{ feed: 'summary' }, 'summary'],
    [{ feed: 'full' }, 'full'],
    [{ feed: 'everything' }, undefined],
    [{ feed: ['summary'] }, undefined],
    ['summary', undefined],
    [null, undefined],
    [undefined, undefined],
    [Object.create({ feed: 'summary' }), undefined],
  ])('%j asks for %s', (data, feed) => {
    expect(requestedFeed(data)).toBe(feed);
  });
});
