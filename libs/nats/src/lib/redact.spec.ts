import { withoutCredentials } from './redact';

test('hides the user and password of every server URL, and leaves the others as they are', () => {
  expect(
    withoutCredentials(['nats://alice:s3cret@127.0.0.1:4222', 'nats://token@10.0.0.2:4222', 'nats://127.0.0.1:4223']),
  ).toBe('nats://***@127.0.0.1:4222,nats://***@10.0.0.2:4222,nats://127.0.0.1:4223');
});
