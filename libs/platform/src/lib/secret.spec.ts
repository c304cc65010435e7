import { IsIn, IsNotEmpty } from 'class-validator';
import { RuntimeEnvironment, Secret, validateEnvironment } from '../index';

class AppEnvironment extends RuntimeEnvironment {
  @Secret()
  @IsIn(['the right one'])
  API_TOKEN: string = 'the right one';

  @Secret((url) => url.replace(/:[^:@/]*@/, ':***@'))
  @IsNotEmpty()
  @IsIn(['https://example.com'])
  UPSTREAM_URL: string = 'https://example.com';
}

const validate = validateEnvironment(AppEnvironment);

test("an invalid secret is named, its value hidden: ***, or what the variable's own rule shows", () => {
  const invalid = () => validate({ API_TOKEN: 'tok-s3cret', UPSTREAM_URL: 'https://alice:pw-s3cret@example.org' });
  expect(invalid).toThrow(/\n {2}API_TOKEN="\*\*\*": API_TOKEN must be one of/);
  expect(invalid).toThrow(/\n {2}UPSTREAM_URL="https:\/\/alice:\*\*\*@example.org": UPSTREAM_URL must be one of/);
  expect(invalid).not.toThrow(/s3cret/);
});

test('other variables are shown as they are', () => {
  expect(() => validate({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL="loud"/);
});
