import { describe, expect, it } from 'vitest';
import { editProperties, parseProperties } from '../../src/properties/index.js';
import { javaLoadAll, latin1 } from './java-oracle.js';

const CLIENT = [
  '# WDATP connector client',
  '! written by an administrator, keep this comment',
  'auth_url = https\\://login.microsoftonline.com/t/oauth2/authorize',
  'client_id:abc',
  '',
  'client_secret=old\\',
  '    continued',
  'redirect_uri=https\\://localhost\\:44300/wdatpconnector',
  'client_id=def',
  '# trailing comment',
  '',
].join('\r\n');

describe('editProperties', () => {
  it('changes only the edited value and keeps every other byte', () => {
    const edited = editProperties(CLIENT, [{ set: 'auth_url', value: 'https://login.microsoftonline.us/t/oauth2/authorize' }]);
    expect(edited).toBe(CLIENT.replace('https\\://login.microsoftonline.com/', 'https\\://login.microsoftonline.us/'));
  });

  it('updates the last duplicate, the one Java keeps', () => {
    const edited = editProperties(CLIENT, [{ set: 'client_id', value: 'xyz' }]);
    expect(edited).toBe(CLIENT.replace('client_id=def', 'client_id=xyz'));
    expect(parseProperties(edited).get('client_id')!.value).toBe('xyz');
  });

  it('replaces a continued value as a whole', () => {
    const edited = editProperties(CLIENT, [{ set: 'client_secret', value: 'C:\\new' }]);
    expect(edited).toBe(CLIENT.replace('old\\\r\n    continued', 'C\\:\\\\new'));
  });

  it('appends new keys at the end with the file line ending and a final newline', () => {
    const edited = editProperties(CLIENT, [{ set: 'new key', value: ' lead' }]);
    expect(edited).toBe(`${CLIENT}new\\ key=\\ lead\r\n`);
    expect(editProperties('a=1', [{ set: 'b', value: '2' }])).toBe('a=1\nb=2\n');
    expect(editProperties('', [{ set: 'b', value: '2' }])).toBe('b=2\n');
    expect(editProperties('# x\ra=1\r', [{ set: 'b', value: '2' }])).toBe('# x\ra=1\rb=2\r');
  });

  it('does not let a dangling continuation swallow an appended key', () => {
    for (const text of ['a=1\\', 'a=1\\\n', 'a=1\\\n   ']) {
      const edited = editProperties(text, [{ set: 'b', value: '2' }]);
      expect([...parseProperties(edited).toMap()]).toEqual([
        ['a', '1'],
        ['b', '2'],
      ]);
      expect(edited.startsWith(text)).toBe(true);
    }
  });

  it('deletes every occurrence of a key and nothing else', () => {
    const edited = editProperties(CLIENT, [{ delete: 'client_id' }, { delete: 'client_secret' }]);
    expect(edited).toBe(CLIENT.replace('client_id:abc\r\n', '').replace('client_id=def\r\n', '').replace('client_secret=old\\\r\n    continued\r\n', ''));
    expect(editProperties('a=1\nb=2', [{ delete: 'b' }])).toBe('a=1\n');
    expect(editProperties('a=1\n', [{ delete: 'zzz' }])).toBe('a=1\n');
  });

  it('gives a key without separator its value', () => {
    expect(editProperties('flag\nx=1\n', [{ set: 'flag', value: 'on' }])).toBe('flag=on\nx=1\n');
    expect(editProperties('flag   \nx=1\n', [{ set: 'flag', value: 'on' }])).toBe('flag   on\nx=1\n');
    expect(editProperties('empty=\n', [{ set: 'empty', value: 'v' }])).toBe('empty=v\n');
  });

  it('lets the last edit of a key decide', () => {
    expect(editProperties('a=1\n', [{ set: 'a', value: '2' }, { delete: 'a' }])).toBe('');
    expect(editProperties('a=1\n', [{ delete: 'a' }, { set: 'a', value: '3' }])).toBe('a=3\n');
  });

  it('writes what Java reads back as intended, comments and order kept', async () => {
    const secret = 'p@ss\\word with spaces, #hash !bang = : \u00e9 \u{1f600}\t\r\n';
    const edits = [
      { set: 'client_secret', value: secret },
      { set: 'auth_url', value: 'https://login.microsoftonline.us/x' },
      { delete: 'redirect_uri' },
      { set: '  odd key=:#!', value: '' },
    ];
    const edited = editProperties(CLIENT, edits);
    const [before, after] = await javaLoadAll([latin1(CLIENT), latin1(edited)]);
    if (!before!.ok || !after!.ok) throw new Error('Java could not load the files');
    const expected = new Map(before!.map);
    expected.set('client_secret', secret);
    expected.set('auth_url', 'https://login.microsoftonline.us/x');
    expected.delete('redirect_uri');
    expected.set('  odd key=:#!', '');
    expect(after!.map).toEqual(expected);
    const structure = (s: string) => s.split('\r\n').filter((l) => /^[#!]|^$|^client_id/.test(l));
    expect(structure(edited)).toEqual(structure(CLIENT));
  });
});
