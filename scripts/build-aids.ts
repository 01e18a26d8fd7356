// npm run build:aids — validates each territory's aid catalogue (data/territories/<id>/aides/*.json) and
// writes what the app reads: public/data/<id>/aides.json. An invalid file fails the build with its
// file, field and a French message; so does a zone class, a profession or an aid id that does not exist.
import fs from 'node:fs';
import path from 'node:path';
import { resolveAid, type AidCatalogue, type PlanContact, type ResolvedAid } from '../src/core/aids/model.ts';
import { parseAid } from '../src/core/aids/parse.ts';
import { count } from '../src/core/format.ts';
import type { Territory } from '../src/core/territory.ts';
import { dataOut } from './build-zonage.ts';
import { ROOT, dataDir, loadTerritories, loadZonageConfig, writeOutput } from './lib/inputs.ts';

export function buildAidCatalogue(territoryId: string): { catalogue: AidCatalogue; problems: string[] } {
  const territory = loadTerritories().find((t) => t.id === territoryId);
  if (!territory) throw new Error(`Territoire inconnu : ${territoryId}.`);
  const config = loadZonageConfig(territoryId);
  const dir = path.join(dataDir(), territoryId, 'aides');
  const problems: string[] = [];
  const aids: ResolvedAid[] = [];
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
  for (const f of files) {
    const file = path.relative(process.cwd(), path.join(dir, f));
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    } catch (e) {
      problems.push(`${file} : JSON illisible (${(e as Error).message}).`);
      continue;
    }
    const { aid, problems: p } = parseAid(raw, file, territory.plans);
    problems.push(...p);
    if (!aid) continue;
    if (aid.zone) {
      const scheme = config.schemes.find((s) => s.professions.includes(aid.zone!.profession));
      if (!scheme) problems.push(`${file}, champ « zone.profession » : aucun zonage pour « ${aid.zone.profession} » dans ce territoire.`);
      else
        for (const k of [...aid.zone.classes, ...(aid.zone.exception?.classes ?? [])])
          if (!scheme.classes.some((c) => c.id === k)) problems.push(`${file}, champ « zone.classes » : classe « ${k} » inconnue du ${scheme.label}.`);
    }
    if (aids.some((a) => a.id === aid.id)) problems.push(`${file}, champ « id » : identifiant « ${aid.id} » déjà utilisé.`);
    aids.push(resolveAid(aid, territory.plans.find((x) => x.id === aid.plan)!));
  }
  const ids = new Set(aids.map((a) => a.id));
  for (const a of aids) {
    const c = a.cumulation;
    for (const id of [...(c?.exclusive ?? []), ...(c?.cumulable ?? []), ...(c?.combined ?? []).map((x) => x.with)])
      if (!ids.has(id)) problems.push(`${a.id} : cumul avec une aide inconnue « ${id} ».`);
    for (const id of c?.alternative?.ids ?? []) if (!ids.has(id)) problems.push(`${a.id} : alternative à une aide inconnue « ${id} ».`);
    // Incompatibility is mutual: say it on both sides, or the plan's text was misread.
    for (const id of c?.exclusive ?? [])
      if (ids.has(id) && !aids.find((x) => x.id === id)!.cumulation?.exclusive?.includes(a.id)) problems.push(`${a.id} : « ${id} » est déclarée non cumulable d'un seul côté.`);
    for (const id of c?.alternative?.ids ?? [])
      if (ids.has(id) && !aids.find((x) => x.id === id)!.cumulation?.alternative?.ids.includes(a.id)) problems.push(`${a.id} : « ${id} » est déclarée alternative d'un seul côté.`);
  }
  const contacts = planContacts(territory);
  const plans = territory.plans.map(({ id, title, reference, validFrom, validUntil, cumulation }) => ({
    id,
    title,
    reference,
    validFrom,
    validUntil,
    cumulation,
    ...(contacts.has(id) ? { contact: contacts.get(id) } : {}),
  }));
  return { catalogue: { territory: territoryId, plans, aids }, problems };
}

/** The contact each plan prints (« Nous contacter »), checked by the territory's schema (src/core/territory.ts);
 * a plan that prints none: the authority that adopted it, as the territory's configuration names it. */
function planContacts(territory: Territory): Map<string, PlanContact> {
  const out = new Map<string, PlanContact>();
  const { name, url } = territory.authority;
  for (const p of territory.plans) {
    const c = p.contact;
    if (c) out.set(p.id, { name: c.name, ...(c.phone ? { phone: c.phone } : {}), ...(c.email ? { email: c.email } : {}), source: c.source });
    else if (name.trim()) out.set(p.id, { name, ...(url && /^https?:\/\//.test(url) ? { url } : {}), source: "l'autorité qui a adopté le plan ; le plan ne nomme pas d'autre contact" });
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const out = dataOut();
  let failed = false;
  for (const t of loadTerritories()) {
    const { catalogue, problems } = buildAidCatalogue(t.id);
    if (problems.length) {
      failed = true;
      console.error(`${t.id} : catalogue des aides invalide :\n- ${problems.join('\n- ')}`);
      continue;
    }
    writeOutput(path.join(out, t.id, 'aides.json'), JSON.stringify(catalogue) + '\n');
    console.log(`${t.id} : ${count(catalogue.aids.length, 'aide', 'aides')} → ${path.relative(ROOT, out)}/${t.id}/aides.json`);
  }
  if (failed) process.exit(1);
}
