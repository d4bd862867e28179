// A deterministic news corpus for loader checks (test/export-corpus.test.ts, scripts/check-loaders.py):
// STORIES stories told by OUTLETS outlets each, with the things that broke loaders at corpus scale:
// the first articles have no title and no source (so the first hundreds of sentence rows hold
// nulls), text with quotes, commas, tabs, line breaks, a leading "-" or "=" (CSV formula cells),
// and boilerplate lines. Usage as a script: npx tsx scripts/lib/loader-corpus.ts FILE [ARTICLES [WIRE]]
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const OUTLETS = ['Le Monde', 'Le Figaro', 'Libération', 'Ouest-France', 'La Croix'];
const CITIES = ['Lyon', 'Marseille', 'Toulouse', 'Nantes', 'Lille', 'Rennes', 'Bordeaux', 'Grenoble', 'Dijon', 'Brest', 'Nice', 'Metz', 'Reims', 'Tours'];
const SUBJECTS = ['le conseil municipal', 'la préfecture', 'le syndicat des transports', 'l’université', 'le tribunal administratif', 'la région', 'l’hôpital'];
const OBJECTS = ['un plan de rénovation', 'une hausse des tarifs', 'la fermeture d’une ligne', 'un budget rectificatif', 'une enquête publique', 'un nouveau tramway'];
const PEOPLE = ['Marie Dupont', 'Jean Martin', 'Sophie Bernard', 'Luc Moreau', 'Claire Petit', 'Paul Garnier'];

export interface CorpusArticle {
  readonly id: string;
  readonly text: string;
  readonly source?: string;
  readonly title?: string;
  readonly date: string;
}

/**
 * `count` articles (5 outlets per story); the first `untitled` have no title and no source; the last
 * `wire` are one agency dispatch run by `wire` outlets with their own last line (near-duplicates:
 * a story of more than 32 versions makes `align` copy alignments, whose pairs carry `signals.copy`).
 */
export function loaderCorpus(count = 210, untitled = 30, wire = 0): CorpusArticle[] {
  const articles: CorpusArticle[] = [];
  const wireText = [
    'Un violent incendie a ravagé dans la nuit de lundi à mardi un entrepôt de la zone portuaire du Havre, sans faire de victime.',
    'Les pompiers, arrivés vers deux heures du matin, ont mobilisé une centaine d’hommes et une dizaine de véhicules.',
    'Selon la préfecture, le feu a pris dans une cellule de stockage de palettes avant de gagner la toiture.',
    'Une enquête a été ouverte pour déterminer l’origine du sinistre, a indiqué le parquet.',
  ].join(' ');
  for (let n = count - wire; n < count; n++) {
    articles.push({ id: `wire-${String(n).padStart(3, '0')}`, text: `${wireText}\n\nLire aussi notre dossier régional n°${n}.`, source: `Quotidien ${n}`, title: 'Incendie au Havre', date: '2024-06-04' });
  }
  for (let n = 0; n < count - wire; n++) {
    const story = Math.floor(n / OUTLETS.length);
    const outlet = n % OUTLETS.length;
    const city = CITIES[story % CITIES.length]!;
    const subject = SUBJECTS[story % SUBJECTS.length]!;
    const object = OBJECTS[(story * 5) % OBJECTS.length]!;
    const person = PEOPLE[(story * 3) % PEOPLE.length]!;
    const amount = 10 + ((story * 37) % 90);
    const facts = [
      `À ${city}, ${subject} a annoncé ${object} pour un montant de ${amount} millions d’euros.`,
      `« C’est une décision attendue depuis ${2000 + (story % 20)} », a déclaré ${person}, porte-parole du projet.`,
      `Les travaux doivent commencer en ${['janvier', 'mars', 'juin', 'septembre'][story % 4]} et durer ${2 + (story % 5)} ans, selon le calendrier publié mardi.`,
      `L’opposition dénonce un projet "trop coûteux", et réclame un vote, des garanties et un audit indépendant.`,
      `Plus de ${(story + 3) * 120} habitants ont signé une pétition, d’après les organisateurs de la mobilisation.`,
      `- Nous resterons vigilants, a prévenu une élue de l’opposition lors de la séance du conseil.`,
      `=${amount}% des personnes interrogées se disent favorables au projet\tselon un sondage local.`,
    ];
    // Each outlet tells most facts, in its own order, with its own closing line.
    const told = facts.filter((_, i) => (i + outlet) % 5 !== 0);
    const order = told.map((fact, i) => ({ fact, key: (i * (outlet + 2)) % told.length + i / 100 })).sort((a, b) => a.key - b.key).map((t) => t.fact);
    const text = `${order.slice(0, 3).join(' ')}\n\n${order.slice(3).join(' ')}\n\nAbonnez-vous à notre newsletter pour recevoir toute l’actualité de ${city}.`;
    const withMeta = n >= untitled;
    articles.splice(n, 0, {
      id: `s${String(story).padStart(3, '0')}-${outlet}`,
      text,
      ...(withMeta ? { source: OUTLETS[outlet]!, title: `${city} : ${object}` } : {}),
      date: `2024-${String(1 + (story % 12)).padStart(2, '0')}-${String(1 + (story % 27)).padStart(2, '0')}`,
    });
  }
  return articles;
}

export function loaderCorpusJsonl(count?: number, untitled?: number, wire?: number): string {
  return loaderCorpus(count, untitled, wire).map((a) => `${JSON.stringify(a)}\n`).join('');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, count, wire] = process.argv.slice(2);
  if (!file) {
    console.error('usage: npx tsx scripts/lib/loader-corpus.ts FILE [ARTICLES [WIRE]]');
    process.exit(2);
  }
  writeFileSync(file, loaderCorpusJsonl(count === undefined ? undefined : Number(count), undefined, wire === undefined ? 0 : Number(wire)));
}
