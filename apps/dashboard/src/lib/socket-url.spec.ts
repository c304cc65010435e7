import { socketUrl } from './socket-url';

describe('socketUrl', () => {
  test("stats' /ws on the page's own host, secure when the page is", () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:3002' })).toBe('ws://127.0.0.1:3002/ws');
    expect(socketUrl({ protocol: 'https:', host: 'trades.example' })).toBe('wss://trades.example/ws');
  });
});
