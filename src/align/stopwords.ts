// French function words that carry no fact: dropped before stemming so that shared "de", "la",
// "a déclaré" do not make unrelated sentences look alike. Based on the Snowball French stop list,
// plus reporting verbs and news fillers that every version of a story repeats ("a déclaré", "selon").
const FRENCH_STOPWORDS_TEXT = `
au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me même mes moi
mon ne nos notre nous on ou où par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos
votre vous c d j l à m n s t y été étée étées étés étant étante étants étantes suis es est sommes êtes
sont serai seras sera serons serez seront serais serait serions seriez seraient étais était étions
étiez étaient fus fut fûmes fûtes furent sois soit soyons soyez soient fusse fusses fût fussions
fussiez fussent ayant ayante ayantes ayants eu eue eues eus ai as avons avez ont aurai auras aura
aurons aurez auront aurais aurait aurions auriez auraient avais avait avions aviez avaient eut eûmes
eûtes eurent aie aies ait ayons ayez aient eusse eusses eût eussions eussiez eussent
ceci cela celà cet cette ici ils les leurs quel quels quelle quelles sans soi tout tous toute toutes
plus moins très aussi alors donc ainsi comme si non oui afin car puis dont lors lorsque tandis
selon déclaré déclare déclarent dit dire affirmé indiqué ajouté
`;

/** Lower-case French stopwords (accented forms kept as written). */
export const FRENCH_STOPWORDS: ReadonlySet<string> = new Set(FRENCH_STOPWORDS_TEXT.split(/\s+/u).filter((w) => w !== ''));
