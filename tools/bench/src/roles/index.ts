import { rawConsumer } from './raw-consumer';
import { rawPublisher } from './raw-publisher';
import { referenceServer } from './reference-server';

const ROLES: Record<string, () => void> = {
  reference: referenceServer,
  'raw-publisher': rawPublisher,
  'raw-consumer': rawConsumer,
};

export function runRole(name: string): void {
  const role = ROLES[name];
  if (!role) {
    console.error(`bench: unknown role ${name}`);
    process.exit(2);
  }
  role();
}
