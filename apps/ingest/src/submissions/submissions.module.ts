import { Module } from '@nestjs/common';
import { IntakeModule } from '../intake/intake.module';
import { SubmissionsConsumer } from './submissions.consumer';

@Module({
  imports: [IntakeModule],
  providers: [SubmissionsConsumer],
})
export class SubmissionsModule {}
