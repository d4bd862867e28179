// A corpus of many short articles, made without any model: `stories` news stories, each told by
// `versions` outlets that word the same facts a little differently (a number, the order, an added
// line). Each story draws its words from a seeded generator, so stories share little vocabulary and
// the stories stage keeps them apart. JSONL with outlet names, for CLI tests that need a run of
// realistic size (e.g. 200 articles) in seconds.
const WORDS = (
  'maire préfet conseil ville région quartier habitants commerçants association syndicat ministre député ' +
  'tribunal juge avocat enquête police gendarmerie pompiers hôpital école lycée université chercheurs ' +
  'usine entreprise salariés grève accord budget impôt subvention loyer logement transport tramway gare ' +
  'pont route autoroute port aéroport rivière forêt montagne plage vignoble récolte sécheresse orage ' +
  'incendie inondation festival concert musée théâtre stade club match saison élection scrutin campagne ' +
  'candidat sondage réforme projet chantier travaux pétition manifestation rassemblement réunion rapport ' +
  'étude chiffre hausse baisse record retard fermeture ouverture annonce décision plainte procès verdict'
).split(' ');
const VERBS = ['annonce', 'dénonce', 'réclame', 'confirme', 'conteste', 'prévoit', 'refuse', 'examine', 'soutient', 'promet'];
const OUTLETS = ['Le Monde', 'Le Figaro', 'Libération', 'Ouest-France', 'La Croix', 'Le Parisien', 'AFP', 'Sud Ouest'];

/** A small seeded generator (mulberry32), so the corpus is the same on every run. */
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

/** JSONL text: stories × versions articles, ids `sSSS-vV`, outlet in `source`. */
export function syntheticCorpus(stories: number, versions: number): string {
  const lines: string[] = [];
  for (let s = 0; s < stories; s++) {
    const next = random(s + 1);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    const facts = Array.from({ length: 6 }, () => {
      const words = Array.from({ length: 8 }, () => pick(WORDS));
      return { subject: `Le ${words[0]} de ${words[1]}`, verb: pick(VERBS), rest: words.slice(2).join(' et '), n: 10 + Math.floor(next() * 900) };
    });
    for (let v = 0; v < versions; v++) {
      const sentences = facts.map((f, i) => `${f.subject} ${f.verb} ${f.rest}, avec ${f.n + (i === v % facts.length ? v : 0)} personnes.`);
      if (v % 2 === 1) sentences.reverse();
      if (v % 3 === 2) sentences.push(`Une réunion publique sur le ${facts[0]!.rest.split(' ')[0]} est prévue jeudi.`);
      lines.push(JSON.stringify({
        id: `s${String(s).padStart(3, '0')}-v${v}`,
        source: OUTLETS[(s + v) % OUTLETS.length],
        title: `${facts[0]!.subject} ${facts[0]!.verb}`,
        date: `2024-03-${String((s % 28) + 1).padStart(2, '0')}`,
        text: sentences.join(' '),
      }));
    }
  }
  return `${lines.join('\n')}\n`;
}
