import { IsOriginList, OriginList, validateEnvironment } from '../index';

describe('OriginList', () => {
  test('allows the listed origins as a browser sends them: lower case, no default port', () => {
    const list = OriginList.parse(' https://App.Example.com:443 , http://10.0.0.5:8080,http://[::1]:3002');
    expect(list.allows('https://app.example.com')).toBe(true);
    expect(list.allows('http://10.0.0.5:8080')).toBe(true);
    expect(list.allows('http://[::1]:3002')).toBe(true);
    for (const origin of [
      'http://app.example.com',
      'https://app.example.com:8443',
      'https://sub.app.example.com',
      'http://10.0.0.5:8081',
      'null',
      '',
      undefined,
    ]) {
      expect(list.allows(origin)).toBe(false);
    }
  });

  test('an entry with port * allows its scheme and host on any port, and on none', () => {
    const list = OriginList.parse('http://localhost:*,http://127.0.0.1:*');
    for (const origin of ['http://localhost:5173', 'http://localhost', 'http://127.0.0.1:3002']) {
      expect(list.allows(origin)).toBe(true);
    }
    for (const origin of ['https://localhost:5173', 'http://localhost.evil.example:80', 'http://127.0.0.2:3002']) {
      expect(list.allows(origin)).toBe(false);
    }
  });

  test('an empty setting is an empty list, which allows nothing', () => {
    for (const setting of ['', ' , ']) {
      expect(OriginList.parse(setting).isEmpty).toBe(true);
      expect(OriginList.parse(setting).allows('http://localhost:3002')).toBe(false);
    }
    expect(OriginList.parse('http://localhost:*').isEmpty).toBe(false);
  });
});

describe('@IsOriginList()', () => {
  class Environment {
    @IsOriginList() ORIGINS: string = '';
  }
  const validate = validateEnvironment(Environment);

  test('takes origins, with or without a port or port *, and nothing', () => {
    expect(validate({ ORIGINS: 'https://a.example, http://localhost:*,http://127.0.0.1:3002' }).ORIGINS).toBe(
      'https://a.example, http://localhost:*,http://127.0.0.1:3002',
    );
    expect(validate({}).ORIGINS).toBe('');
  });

  test('names each entry that is no origin', () => {
    const invalid = () =>
      validate({ ORIGINS: 'https://a.example,*,a.example,https://a.example/path,ftp://a.example,http://a:99999' });
    expect(invalid).toThrow(
      'ORIGINS must be comma-separated origins such as https://app.example.com or http://localhost:*, ' +
        'not *, a.example, https://a.example/path, ftp://a.example, http://a:99999',
    );
  });
});
