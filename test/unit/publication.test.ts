// Commands the pages show for copy-paste: a hostile file name stays a harmless literal word.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceptOffersCommand, publishCommand, shellQuote } from '../../src/core/publication.ts';

const HOSTILE = ['$(touch x).json', '`touch x`.csv', "l'offre.json", 'a"b$HOME.csv', 'x;touch x;.csv', 'zonage 2027 (1).csv', '-rf.csv', 'a\nb.csv', '\\$(touch x)'];

describe('noms de fichiers dans les commandes à copier', () => {
  it.each(HOSTILE)('%j : le shell lit le nom tel quel et n’exécute rien', (name) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quote-'));
    const r = spawnSync('sh', ['-c', `printf '%s' ${shellQuote(name)}`], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout).toBe(name.startsWith('-') ? `./${name}` : name);
    expect(fs.readdirSync(dir)).toEqual([]);
    fs.rmSync(dir, { recursive: true });
  });

  it('commande de publication et d’acceptation des offres', () => {
    expect(publishCommand({ kind: 'zonage', file: '$(touch x).csv', territory: 'mauges', year: 2027, profession: 'medecin-generaliste', keepValid: true })).toBe(
      "npm run --silent publish:data -- zonage '$(touch x).csv' --territory mauges --year 2027 --profession medecin-generaliste --keep-valid",
    );
    expect(acceptOffersCommand(['a.json', "l'offre.json"], 'charente-maritime')).toBe("npm run --silent cli -- offers accept a.json 'l'\\''offre.json' --territory charente-maritime");
  });
});

describe('publication depuis le navigateur : un zip', () => {
  it('contient le fichier du site, le fichier normalisé et les instructions ; identique pour les mêmes entrées', async () => {
    const { unzipSync, strFromU8 } = await import('fflate');
    const { publicationZip, publicationZipName } = await import('../../src/core/publication.ts');
    const p = { territory: 'mauges', territoryName: 'Mauges Communauté', files: [{ label: 'zonage 2027', sourceFile: '$(x).csv', dataFile: 'zonages/medecin-generaliste-2027.csv', dataContent: 'code_insee,zone\n49023,zip\n' }], bundleJson: '{"territory":"mauges"}\n' };
    const zip = publicationZip(p);
    expect(publicationZip(p)).toEqual(zip);
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['LISEZMOI.txt', 'projet/data/territories/mauges/zonages/medecin-generaliste-2027.csv', 'site/data/mauges/zonage.json']);
    expect(strFromU8(files['site/data/mauges/zonage.json'])).toBe(p.bundleJson);
    expect(strFromU8(files['LISEZMOI.txt'])).toContain('à la place du fichier data/mauges/zonage.json');
    expect(publicationZipName(p)).toBe('publication-mauges-zonage-2027.zip');
  });

  it('une publication par session : chaque import y est, un seul fichier du site qui les contient tous', async () => {
    const { unzipSync, strFromU8 } = await import('fflate');
    const { publicationZip, publicationZipName } = await import('../../src/core/publication.ts');
    const p = {
      territory: 'charente-maritime',
      territoryName: 'Charente-Maritime',
      files: [
        { label: 'professionnels', sourceFile: 'PS_LibreAcces_Personne_activite.txt', dataFile: 'medecins.csv', dataContent: 'x\n' },
        { label: 'pharmacies', sourceFile: 'finess.json.gz', dataFile: 'pharmacies.csv', dataContent: 'y\n' },
      ],
      bundleJson: '{}\n',
    };
    const files = unzipSync(publicationZip(p));
    expect(Object.keys(files).sort()).toEqual(['LISEZMOI.txt', 'projet/data/territories/charente-maritime/medecins.csv', 'projet/data/territories/charente-maritime/pharmacies.csv', 'site/data/charente-maritime/zonage.json']);
    const readme = strFromU8(files['LISEZMOI.txt']);
    expect(readme).toContain('- professionnels : fichier importé PS_LibreAcces_Personne_activite.txt');
    expect(readme).toContain('- pharmacies : fichier importé finess.json.gz');
    expect(readme).toContain('Ce fichier contient tous les imports ci-dessus');
    expect(publicationZipName(p)).toBe('publication-charente-maritime-professionnels-pharmacies.zip');
  });
});
