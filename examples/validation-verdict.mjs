// Ask a question, validate the answer with DNSSEC up to the trust anchor, and print the verdict.
// Usage: node examples/validation-verdict.mjs NAME [TYPE] [@SERVER] [-p PORT] [--trust-anchor FILE] [--root-hints FILE]
import { validate } from 'tsdig';

const { status, validation } = await validate(process.argv.slice(2));
console.log(`${status}: ${validation.status} (${validation.reason})`);
for (const link of validation.chain) console.log(`  ${link.zone} keys ${link.keys.join(', ') || '-'}`);
process.exitCode = validation.status === 'bogus' ? 1 : 0;
