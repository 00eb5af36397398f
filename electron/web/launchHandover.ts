import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * How the one-time launch address reaches the browser without ever being on a command line
 * (where `ps` shows it to every user of the machine): the way Jupyter does it, a local HTML
 * file readable only by the user who started Custodian, in a folder only that user can open,
 * that sends the browser on to the address. The path of that file is what is printed and
 * what the browser opener is given.
 */
export interface LaunchFile {
  file: string;
  remove(): void;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">${head}<title>${escapeHtml(title)}</title></head><body style="font-family:system-ui,sans-serif;max-width:40em;margin:3em auto;line-height:1.5"><h1>${escapeHtml(title)}</h1>${body}</body></html>\n`;
}

/** The launch file's content: on to the one-time address at once, with a link if refresh is off. */
export function launchFileHtml(launchUrl: string): string {
  const u = escapeHtml(launchUrl);
  return page('Opening Custodian', `<p>If Custodian does not open by itself, <a href="${u}">open Custodian</a>.</p><p>This page works once. Do not share it.</p>`, `<meta http-equiv="refresh" content="0;url=${u}">`);
}

/** Writes the launch file (0600) in a new private folder (0700) under the system's temporary folder. */
export function writeLaunchFile(launchUrl: string, parent = os.tmpdir()): LaunchFile {
  const dir = fs.mkdtempSync(path.join(parent, 'custodian-launch-'));
  fs.chmodSync(dir, 0o700);
  const file = path.join(dir, 'open-custodian.html');
  fs.writeFileSync(file, launchFileHtml(launchUrl), { mode: 0o600, flag: 'wx' });
  return {
    file,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** After the token is spent: on to the app, from this origin, so the SameSite=Strict cookie goes with it. */
export const CONTINUE_HTML = page('Opening Custodian', '<p><a href="/">Continue to Custodian</a>.</p>', '<meta http-equiv="refresh" content="0;url=/">');

/** A second use of the one-time address, in a browser that does not hold its cookie. */
export const LINK_USED_HTML = page(
  'This sign-in link has already been used',
  '<p>For your security, each start of Custodian gives a link that opens it once, in one browser. This one has been used.</p>' +
    '<p>If Custodian is already open in this browser, <a href="/">go to Custodian</a> or carry on in its window or tab. Otherwise close Custodian and start it again: it opens a new link.</p>',
);

/** A launch address with a token this host never issued (an old link from an earlier start). */
export const LINK_WRONG_HTML = page(
  'This sign-in link is not valid',
  '<p>It may be from an earlier start of Custodian. Close Custodian and start it again: it opens a new link.</p>',
);
