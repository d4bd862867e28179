// A generated news story told by N outlets: each version picks some of a pool of facts, words each
// in one of several ways (numbers and names vary), adds sentences of its own and a boilerplate line.
// The run is made by the real split and align stages, so the report sees what a run would give it.
// Used by the browser tests (20 versions) and scripts/bench-report.ts (5/20/50 versions).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { alignSegments } from '../../src/align/index.ts';
import type { RunOutputs } from '../../src/inspect/outputs.ts';
import { segmentDocument } from '../../src/segment/index.ts';
import type { Document, Segment, Story } from '../../src/types.ts';

const OUTLETS = (
  'Le Monde|Le Figaro|Libération|Les Échos|La Croix|Ouest-France|Le Parisien|L’Humanité|20 Minutes|France Info|' +
  'AFP|Sud Ouest|La Dépêche du Midi|Le Point|L’Express|Marianne|Mediapart|L’Obs|Courrier international|La Voix du Nord|' +
  'Le Télégramme|Nice-Matin|Le Progrès|La Provence|L’Est républicain|Midi libre|Le Dauphiné libéré|Paris Match|' +
  'Challenges|La Tribune|Le JDD|Le Républicain lorrain|Corse-Matin|La Montagne|Le Courrier picard|L’Alsace|' +
  'Presse Océan|Le Maine libre|Centre Presse|L’Union|Charente libre|Le Berry républicain|L’Yonne républicaine|' +
  'La Nouvelle République|Le Populaire du Centre|Var-Matin|L’Indépendant|Le Journal de Saône-et-Loire|' +
  'La République du Centre|Le Bien public'
).split('|');

const TITLES = [
  'La Russie achète des obus à la Corée du Nord',
  'Moscou se tourne vers Pyongyang pour ses munitions',
  'Washington accuse la Russie d’acheter des armes nord-coréennes',
  'Munitions : la Corée du Nord au secours de Moscou',
];

/** Each fact: wordings, each with {n} (a quantity) and {w} (a source) that vary between outlets. */
const FACTS: readonly (readonly string[])[] = [
  [
    'La Russie achète {n} de roquettes et d’obus à la Corée du Nord, selon {w}.',
    'Selon {w}, Moscou se procure {n} d’obus d’artillerie auprès de Pyongyang.',
    'Moscou achèterait {n} de munitions à la Corée du Nord, affirme {w}.',
  ],
  ['L’information a été révélée lundi par {w}.', 'C’est {w} qui a révélé l’information mardi.', 'L’affaire a été rendue publique lundi soir par {w}.'],
  ['Moscou fait face à des pénuries de munitions en Ukraine.', 'L’armée russe manque de munitions sur le front ukrainien.', 'Les troupes russes sont confrontées à une pénurie d’obus en Ukraine.'],
  ['Les sanctions occidentales limitent l’accès de la Russie aux composants électroniques.', 'Les sanctions privent Moscou de composants électroniques.'],
  ['Le Kremlin n’a pas réagi à ces informations.', 'Moscou n’a pas commenté ces révélations.', 'Le porte-parole du Kremlin a refusé de commenter.'],
  ['La Russie s’était déjà tournée vers l’Iran pour acheter {n} de drones.', 'Moscou avait auparavant acquis {n} de drones iraniens.'],
  ['Pyongyang dément toute vente d’armes à la Russie.', 'La Corée du Nord nie avoir livré des armes à Moscou.'],
  ['Selon {w}, les livraisons pourraient commencer dès le mois prochain.', 'Les premières livraisons sont attendues le mois prochain, selon {w}.'],
  ['Le conseil de sécurité de l’ONU interdit toute exportation d’armes nord-coréennes.', 'Les résolutions de l’ONU interdisent à la Corée du Nord d’exporter des armes.'],
  ['{w} estime que ces achats montrent l’isolement de Moscou.', 'Pour {w}, ces achats traduisent l’isolement croissant de la Russie.'],
  ['La guerre en Ukraine dure depuis plus de six mois.', 'Le conflit ukrainien est entré dans son septième mois.'],
  ['Des experts doutent de la qualité des munitions nord-coréennes.', 'La fiabilité des obus nord-coréens est mise en doute par des spécialistes.'],
];
const QUANTITIES = ['des millions', 'des centaines de milliers', 'plusieurs millions', 'des dizaines de milliers'];
const WITNESSES = ['les renseignements américains', 'le New York Times', 'un responsable américain', 'la Maison Blanche', 'le Pentagone'];
const OWN = [
  '{o} a tenté de joindre l’ambassade de Russie, sans succès.',
  'Notre correspondant rappelle que la région est sous tension depuis des années.',
  'Un analyste interrogé par {o} parle d’un « aveu de faiblesse ».',
  'Les marchés asiatiques ont peu réagi à la nouvelle.',
  'Le sujet devrait être abordé lors du prochain sommet du G7.',
];

/** Deterministic pseudo-random numbers (mulberry32), so a generated story is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedStory {
  readonly documents: readonly Document[];
  readonly outputs: RunOutputs;
}

export function generateStory(versions: number, seed = 1): GeneratedStory {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const documents: Document[] = [];
  for (let v = 0; v < versions; v++) {
    const outlet = OUTLETS[v % OUTLETS.length]! + (v >= OUTLETS.length ? ` ${Math.floor(v / OUTLETS.length) + 1}` : '');
    const lines: string[] = [pick(TITLES)];
    FACTS.forEach((wordings, k) => {
      // Early facts are widely reported, later ones by fewer outlets.
      if (next() > 0.95 - k * 0.06) return;
      lines.push(pick(wordings).replace('{n}', pick(QUANTITIES)).replace('{w}', pick(WITNESSES)));
    });
    for (let k = 0; k < 2; k++) lines.push(pick(OWN).replace('{o}', outlet));
    lines.push('LIRE AUSSI : Guerre en Ukraine, le point sur la situation');
    const id = `${String(v).padStart(3, '0')}_${(seed * 7919 + v * 104729).toString(16).padStart(8, '0').slice(-8)}`;
    documents.push({
      id,
      path: `generated/${id}.txt`,
      text: lines.join('\n\n'),
      meta: { source: outlet, title: lines[0], date: `2022-09-${String(5 + (v % 3)).padStart(2, '0')}`, url: `https://example.org/${v}` },
    });
  }
  const sentences: Segment[] = documents.flatMap((doc) => segmentDocument(doc));
  const { pairs, groups } = alignSegments(sentences);
  const story: Story = {
    story: 's1', docs: documents.map((d) => d.id).sort(), title: TITLES[0]!, dates: [...new Set(documents.map((d) => d.meta.date!))].sort(), duplicates: [],
  };
  const manifest = { documents: documents.map((d) => ({ id: d.id, path: d.path, ...d.meta })) };
  return {
    documents,
    outputs: { dir: `generated-${versions}`, sentences, alignments: pairs, groups, manifest, stories: [story] },
  };
}

/** Writes the generated run as a run folder (the files `fralign inspect` reads). */
export async function writeRunFolder(dir: string, outputs: RunOutputs): Promise<void> {
  await mkdir(dir, { recursive: true });
  const lines = (items: readonly unknown[]) => items.map((item) => `${JSON.stringify(item)}\n`).join('');
  await writeFile(join(dir, 'sentences.jsonl'), lines(outputs.sentences));
  await writeFile(join(dir, 'alignments.jsonl'), lines(outputs.alignments));
  await writeFile(join(dir, 'groups.jsonl'), lines(outputs.groups));
  await writeFile(join(dir, 'stories.jsonl'), lines(outputs.stories ?? []));
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(outputs.manifest, null, 2));
}
