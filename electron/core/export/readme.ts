import type { PackageFacts } from './buildPackage';

/** README.txt: what the package is and how to check it, with Custodian's tools or by hand. */
export function readmeText(facts: PackageFacts, fingerprint: string, payload: readonly string[]): string {
  return `RELEASE PACKAGE ${facts.packageId}
${facts.agency.name}
Records released for ${facts.request.reference} to ${facts.recipient}, ${facts.exportedAt} (UTC), by ${facts.exportedBy}.

What is in it
  data/                 the released files (${payload.length}): the recordings exactly as approved
                        by the legal reviewer (or their redacted copies), the response letter,
                        and the exemption log (exemption-log.csv)
  release/statement.json  the agency's signed release statement (an in-toto Statement in a
                        DSSE envelope, Ed25519): every data/ file with its SHA-256 and SHA-512,
                        the request, the decision and reviewer, each file's source recording
  release/agency-key.pub  the agency's public key. Its fingerprint (SHA-256 of the raw key):
                        ${fingerprint}
                        Compare it with the fingerprint printed on the agency's letter.
  custody/checkpoint.txt  the agency's signed custody-log checkpoint (C2SP signed note)
  custody/*.proof       proofs that each recording's custody history is in that log
  manifest-sha256.txt, manifest-sha512.txt, tagmanifest-sha256.txt, bagit.txt, bag-info.txt
                        a BagIt bag (RFC 8493): archival tools (e.g. bagit-python) validate it

How to check it
  1. Open VERIFY.html in a web browser (Chrome, Edge, Firefox or Safari; no network is used)
     and choose this folder. It says INTACT, or names each file that changed and why.
  2. Or, with Node.js 18 or newer:  node tools/verify.mjs
  3. Or by hand, in this folder:
       Linux:    sha256sum -c manifest-sha256.txt   and   sha256sum -c tagmanifest-sha256.txt
       macOS:    shasum -a 256 -c manifest-sha256.txt
       Windows:  certutil -hashfile data\\media\\FILE SHA256   (compare with manifest-sha256.txt)
                 or PowerShell: Get-FileHash -Algorithm SHA256 data\\media\\FILE
     A hash check alone does not notice a file ADDED to data/: make sure every file in data/
     appears in manifest-sha256.txt. The signature (release/statement.json) is checked with
     Ed25519 over "DSSEv1 <len(type)> <type> <len(payload)> <payload>" (payload base64-decoded);
     the checkpoint and proofs are described in the agency's custody-verification guide.

Anyone who changes a file, adds one, or replaces the statement, signature or key makes the
check fail. Keep the package as it is; copy it whole.
`;
}
