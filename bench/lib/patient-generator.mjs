// Synthetic practices for the staff-list bench: N patients loaded with COPY, in households (shared family emails,
// same last name and ZIP), with a census-like spread of last names (a few very common, a long tail), and every
// portal status: each Inactive reason, Unactivated with no / a valid / an expired or used invitation / an account
// not yet signed in to, and Active. Deterministic for a given size (seeded PRNG).
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The most common US surnames with their approximate share per 100,000 people (2010 census, rounded), plus a few
// with accents, hyphens and apostrophes the app must handle.
const COMMON_LAST =
  `Smith 828,Johnson 655,Williams 550,Brown 487,Jones 483,Garcia 466,Miller 424,Davis 402,Rodriguez 379,
Martinez 375,Hernandez 371,Lopez 290,Gonzalez 287,Wilson 282,Anderson 279,Thomas 272,Taylor 270,Moore 250,Jackson 247,
Martin 243,Lee 233,Perez 230,Thompson 229,White 228,Harris 211,Sanchez 207,Clark 190,Ramirez 189,Lewis 184,Robinson 183,
Walker 178,Young 170,Allen 167,King 165,Wright 164,Scott 152,Torres 151,Nguyen 150,Hill 149,Flores 148,Green 146,
Adams 145,Nelson 144,Baker 142,Hall 141,Rivera 141,Campbell 136,Mitchell 136,Carter 135,Roberts 134,Gomez 130,
Phillips 128,Evans 127,Turner 126,Diaz 125,Parker 122,Cruz 121,Edwards 120,Collins 119,Reyes 118,Stewart 117,Morris 115,
Morales 114,Murphy 113,Cook 112,Rogers 111,Gutierrez 109,Ortiz 108,Morgan 107,Cooper 106,Peterson 105,Bailey 104,
Reed 103,Kelly 102,Howard 101,Ramos 100,Kim 99,Cox 98,Ward 97,Richardson 96,Watson 95,Brooks 94,Chavez 93,Wood 92,
James 91,Bennett 90,Gray 89,Mendoza 88,Ruiz 87,Hughes 86,Price 85,Alvarez 84,Castillo 83,Sanders 82,Patel 81,Myers 80,
Long 79,Ross 78,Foster 77,Jimenez 76,O'Brien 30,García-López 10,Müller 8,Núñez 15,Kowalski 20,O'Connor 25,McDonald 40,
Lindqvist 5,Asante 6,Okafor 8,D'Angelo 12,St. John 6`
    .split(",")
    .map((s) => s.trim().match(/^(.*) (\d+)$/))
    .map((m) => [m[1], Number(m[2])]);

const FIRST =
  `James 330,Mary 320,Robert 310,Patricia 250,John 300,Jennifer 240,Michael 290,Linda 230,David 270,Elizabeth 220,
William 260,Barbara 200,Richard 240,Susan 190,Joseph 230,Jessica 190,Thomas 220,Sarah 180,Christopher 210,Karen 170,
Charles 200,Lisa 160,Daniel 190,Nancy 150,Matthew 180,Betty 140,Anthony 170,Sandra 140,Mark 160,Margaret 130,
Donald 150,Ashley 130,Steven 150,Kimberly 120,Andrew 140,Emily 120,Paul 130,Donna 110,Joshua 130,Michelle 110,
Kenneth 120,Carol 100,Kevin 120,Amanda 100,Brian 110,Melissa 90,Timothy 100,Deborah 90,Ronald 100,Stephanie 90,
Jose 90,Maria 90,Linh 20,Minh 20,Sean 40,Nora 20,Kwame 10,Chloé 10,Zoë 10,Ana 40,Wei 20,Priya 20,Omar 30,Fatima 20,
Mateo 40,Sofia 60,Liam 60,Olivia 60,Noah 60,Emma 60,Elijah 40,Ava 50,Lucas 40,Mia 50`
    .split(",")
    .map((s) => s.trim().match(/^(.*) (\d+)$/))
    .map((m) => [m[1], Number(m[2])]);

const ONSETS =
  "Ab Al An Ar Bal Bar Bel Ber Bl Bo Br Bu Ca Cal Car Ch Cl Co Cr Da Dal De Del Dr Du El Em Er Fa Fe Fi Fl Fr Ga Gal Ge Gl Gr Gu Ha Hal He Ho Hu Ib Ja Je Jo Ka Kal Ke Kl Ko Kr La Le Li Lo Lu Ma Mal Me Mi Mo Mu Na Ne No Ol Or Pa Pe Pi Po Pr Qu Ra Re Ri Ro Ru Sa Sch Se Sh Si So St Su Ta Te Th To Tr Tu Va Ve Vi Vo Wa We Wi Wo Ya Yo Za Ze Zi".split(
    " ",
  );
const MIDDLES = "a e i o u an ar el en er in on or ul am ov ich ak".split(" ");
const ENDINGS =
  "son sen ton ley ford man berg stein ski ska ez es ini ino ova enko quist wood field well ard ridge s y ey er ner ling mann ek as is os".split(
    " ",
  );

/** Weighted table: [[value, weight]] → draw(random) in O(log n). */
function weighted(pairs) {
  const cum = [];
  let total = 0;
  for (const [, w] of pairs) cum.push((total += w));
  return (random) => {
    const x = random() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return pairs[lo][0];
  };
}

/** Common surnames (about 17% of people, as in the census top 100) and a Zipf long tail of synthetic ones. */
function lastNameTable(random) {
  const tail = new Set();
  while (tail.size < 60_000) {
    const mid = random() < 0.6 ? MIDDLES[Math.floor(random() * MIDDLES.length)] : "";
    tail.add(ONSETS[Math.floor(random() * ONSETS.length)] + mid + ENDINGS[Math.floor(random() * ENDINGS.length)]);
  }
  for (const c of COMMON_LAST) tail.delete(c[0]);
  const commonTotal = COMMON_LAST.reduce((s, [, w]) => s + w, 0);
  // Tail weights 1/rank^0.8, scaled so the tail holds the remaining ~83%.
  const names = [...tail];
  const raw = names.map((_, i) => 1 / (i + 10) ** 0.8);
  const rawTotal = raw.reduce((s, w) => s + w, 0);
  const scale = (commonTotal * (83 / 17)) / rawTotal;
  return weighted([...COMMON_LAST, ...names.map((n, i) => [n, raw[i] * scale])]);
}

const DAY = 86_400_000;
const DOB_FROM = Date.UTC(1930, 0, 1);
const DOB_TO = Date.UTC(2024, 11, 31);
const iso = (t) => new Date(t).toISOString();
// COPY text format: \N is null; our values never hold tabs, newlines or backslashes.
const cell = (v) => (v === null || v === undefined ? "\\N" : String(v));
const line = (values) => `${values.map(cell).join("\t")}\n`;
const asciiLocal = (s) =>
  s
    .normalize("NFD")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase();

/**
 * Generates `size` patients (with their accounts and setup links) into three arrays of COPY lines, plus the
 * inputs the bench draws its searches from. About 1 GB of heap for 1M.
 */
export function generatePractice(size, { seed = 20261127, now = Date.now() } = {}) {
  const random = prng(seed ^ size);
  const pickLast = lastNameTable(random);
  const pickFirst = weighted(FIRST);
  const patients = [];
  const accounts = [];
  const tokens = [];
  const sample = { lastNames: [], dobs: [], emails: [] };
  let n = 0;
  let tokenN = 0;
  while (n < size) {
    // Households: 60% alone, the rest 2–5 people sharing a last name (mostly), a ZIP and often one email.
    const r = random();
    const members = r < 0.6 ? 1 : r < 0.8 ? 2 : r < 0.9 ? 3 : r < 0.96 ? 4 : 5;
    const familyLast = pickLast(random);
    const zipBase = String(10000 + Math.floor(random() * 89999));
    const familyEmail = members > 1 && random() < 0.5 ? `${asciiLocal(familyLast)}.family${n}@example.net` : null;
    for (let m = 0; m < members && n < size; m++, n++) {
      const id = randomUUID();
      const last = random() < 0.9 || m === 0 ? familyLast : pickLast(random);
      const first = pickFirst(random);
      const dob = new Date(DOB_FROM + Math.floor(random() * ((DOB_TO - DOB_FROM) / DAY)) * DAY)
        .toISOString()
        .slice(0, 10);
      const e = random();
      const email =
        e < 0.04
          ? null
          : e < 0.05
            ? ""
            : e < 0.055
              ? "  "
              : (familyEmail ?? `${asciiLocal(first)}.${asciiLocal(last)}${n}@example.com`);
      const z = random();
      const zip = z < 0.02 ? null : z < 0.025 ? "" : z < 0.125 ? `${zipBase}-${String(1000 + (n % 9000))}` : zipBase;
      const c = random();
      const chart = c < 0.94 ? "active" : c < 0.985 ? "inactive" : "deceased";
      const access = random() < 0.85;
      patients.push(
        line([
          id,
          `MRN-${String(n + 1).padStart(8, "0")}`,
          first,
          last,
          dob,
          email,
          zip,
          `555-${String(n % 10_000_000).padStart(7, "0")}`,
          `${1 + (n % 9999)} Main St`,
          "Springfield",
          "IL",
          chart,
          access ? "t" : "f",
        ]),
      );
      // Accounts: 40% signed in (Active unless an Inactive reason applies), 5% created and never signed in.
      const a = random();
      const created = now - (10 + Math.floor(random() * 900)) * DAY;
      if (a < 0.45) {
        const activated = a < 0.4 ? created + DAY : null;
        accounts.push(
          line([id, `user${n}`, "x", activated && iso(activated), activated && iso(activated + 5 * DAY), iso(created)]),
        );
        tokens.push(
          line([`bench${tokenN++}`, "setup", id, "self_service", iso(created - DAY), iso(created), iso(created), null]),
        );
      } else {
        // No account: no invitation, a valid one, an expired one, or a revoked one.
        const l = random();
        if (l >= 0.55) {
          const at = l < 0.75 ? now - 2 * DAY : now - 30 * DAY;
          const revoked = l >= 0.9 ? iso(at + DAY) : null;
          tokens.push(line([`bench${tokenN++}`, "setup", id, "staff", iso(at), iso(at + 7 * DAY), null, revoked]));
        }
      }
      if (n % 97 === 0) {
        sample.lastNames.push(last);
        sample.dobs.push(dob);
        if (email?.trim()) sample.emails.push(email);
      }
    }
  }
  return { patients, accounts, tokens, sample };
}

async function copyLines(sql, statement, lines) {
  const CHUNK = 2000;
  async function* chunks() {
    for (let i = 0; i < lines.length; i += CHUNK) yield lines.slice(i, i + CHUNK).join("");
  }
  await pipeline(Readable.from(chunks()), await sql.unsafe(statement).writable());
}

/** Loads a generated practice into a migrated, empty database through COPY, then VACUUM ANALYZE. */
export async function loadPractice(sql, practice) {
  await copyLines(
    sql,
    "copy patients (id, chart_number, first_name, last_name, date_of_birth, email, zip, phone, address_line1, city, state, chart_status, portal_access_enabled) from stdin",
    practice.patients,
  );
  await copyLines(
    sql,
    "copy portal_accounts (patient_id, username, password_hash, activated_at, last_login_at, created_at) from stdin",
    practice.accounts,
  );
  await copyLines(
    sql,
    "copy account_tokens (token_hash, purpose, patient_id, issued_via, created_at, expires_at, used_at, revoked_at) from stdin",
    practice.tokens,
  );
  // A live database is vacuumed by autovacuum; freshly loaded tables would otherwise have no visibility map.
  await sql.unsafe("vacuum analyze patients, portal_accounts, account_tokens");
}
