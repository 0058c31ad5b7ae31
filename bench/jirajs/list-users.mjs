// The jira.js side of the listing comparison (bench/AtlassianAdmin.Bench runs it): pages GET /rest/api/3/users/search
// on the emulator, 100 per page, one page after the other as a plain jira.js script would, until an empty page.
// Usage: node list-users.mjs <emulator base URL> <email> <api token>   → prints "<users> <milliseconds>"
import { Version3Client } from 'jira.js';

const [host, email, apiToken] = process.argv.slice(2);
const client = new Version3Client({ host: host.replace(/\/$/, ''), authentication: { basic: { email, apiToken } } });

async function listAll() {
  let count = 0;
  for (let startAt = 0; ; startAt += 100) {
    const page = await client.users.getAllUsers({ startAt, maxResults: 100 });
    if (page.length === 0) return count;
    count += page.length;
  }
}

await client.users.getAllUsers({ startAt: 0, maxResults: 1 }); // warm up, like the module's run
const started = process.hrtime.bigint();
const count = await listAll();
const ms = Number(process.hrtime.bigint() - started) / 1e6;
console.log(`${count} ${ms.toFixed(0)}`);
