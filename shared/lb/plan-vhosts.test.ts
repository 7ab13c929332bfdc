import { describe, expect, it } from 'vitest';
import { renderVhost } from './plan-vhosts';

const web1 = { name: 'web1', uid: 2001, gid: 2001, quotaMiB: 0, domain: 'web1.example' };

describe('account vhosts: a tenant cannot serve files it does not own', () => {
  it('nginx refuses links to files of another owner below the document root (403, not a try_files 404)', () => {
    const conf = renderVhost('nginx', 'lab', web1);
    expect(conf).toContain('    disable_symlinks if_not_owner from=$document_root;\n');
    expect(conf).not.toContain('try_files');
  });

  it('Apache follows links only to files of their owner, and .htaccess cannot change Options', () => {
    const conf = renderVhost('apache', 'lab', web1);
    const dir =
      /<Directory \/home\/web1\/public_html>\n([\s\S]*?)<\/Directory>/.exec(conf)?.[1] ?? '';
    const options = /^\s*Options (.*)$/m.exec(dir)?.[1];
    // Absolute: a +/- list would merge with the FollowSymLinks Debian sets on /.
    expect(options).toBe('SymLinksIfOwnerMatch');
    const overrides = /^\s*AllowOverride (.*)$/m.exec(dir)?.[1]?.split(' ') ?? [];
    expect(overrides.length).toBeGreaterThan(0);
    expect(overrides).not.toContain('All');
    expect(overrides.some((o) => o.startsWith('Options'))).toBe(false);
  });
});
