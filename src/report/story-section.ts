// One story's part of the report, as a stream of HTML chunks: outlets, controls, facts (with word
// diffs), the similarity view's frame and data, and the articles (for click-to-context). Pure.
import { html, join, plural, raw, type RawHtml } from '../inspect/escape.ts';
import { diffWords } from './diff.ts';
import type { FactView, KeptPair, MemberView, OutletView, StoryView } from './model.ts';

/** A fact with more members than this shows the first ones and folds the rest (the page stays short). */
const MEMBERS_SHOWN = 6;

export function* storySection(story: StoryView, k: number): Generator<string> {
  const { outlets } = story;
  const sharedCount = story.shared.length;
  const singleCount = story.single.reduce((n, list) => n + list.length, 0);
  yield html`<section class="story" id="story-${k}" data-story="${story.id}" aria-labelledby="story-title-${k}">
<h2 id="story-title-${k}">${story.title}</h2>
<p class="muted">${story.dates.length > 0 ? `${story.dates.join(', ')} · ` : ''}${plural(outlets.length, 'version')} · ${plural(sharedCount, 'fact')} reported by several outlets · ${plural(singleCount, 'fact')} by one only${story.duplicates.length > 0 ? ` · ${plural(story.duplicates.length, 'group')} of near-duplicate versions` : ''}</p>
`.markup;
  yield outletsTable(story, k).markup;
  yield controls(story, k).markup;
  yield html`<div class="facts" id="facts-${k}"><h3>Reported by several outlets <span class="muted">(${sharedCount})</span></h3>`.markup;
  if (sharedCount === 0) yield '<p class="muted">No fact is reported by more than one outlet.</p>';
  for (const fact of story.shared) yield factBlock(fact, outlets, k).markup;
  yield html`<h3>Reported by one outlet only <span class="muted">(${singleCount})</span></h3>`.markup;
  for (const outlet of outlets) {
    const facts = story.single[outlet.index] ?? [];
    if (facts.length === 0) continue;
    const sentences = facts.reduce((n, f) => n + f.members.length, 0);
    yield html`<details class="only" data-o="${outlet.index}"><summary>only in ${outlet.name}: ${plural(sentences, 'sentence')}<span class="match-count"></span></summary>`.markup;
    for (const fact of facts) yield factBlock(fact, outlets, k).markup;
    yield '</details>';
  }
  yield '</div>\n';
  yield similarityFrame(story, k).markup;
  yield html`<div class="articles" id="articles-${k}"><h3>Articles</h3><p class="muted">Every segment of every version in reading order; boilerplate greyed. Click a sentence anywhere above to open it here in context.</p>`.markup;
  for (const outlet of outlets) yield articleBlock(outlet, k).markup;
  yield '</div>\n</section>\n';
}

function outletLabel(outlet: OutletView): RawHtml {
  return html`<span class="outlet o${outlet.index % 8}">${outlet.name}</span>`;
}

function outletsTable(story: StoryView, k: number): RawHtml {
  const byId = new Map(story.outlets.map((o) => [o.id, o]));
  const rows = story.outlets.map((o) => {
    // Near-duplicate copies (stories.jsonl `duplicates`) are named, so two wire copies are not read as two sources.
    const copies = story.duplicates.find((group) => group.includes(o.id))?.filter((id) => id !== o.id && byId.has(id)) ?? [];
    const duplicate = copies.length > 0 ? html`<span class="dup">same copy as ${copies.map((id) => byId.get(id)!.name).join(', ')}</span>` : raw('');
    const link = o.url ? html`<a href="${o.url}" rel="noopener noreferrer nofollow" target="_blank">link</a>` : raw('<span class="muted">—</span>');
    return html`<tr><th scope="row">${outletLabel(o)}<span class="doc-id">${o.id}</span>${duplicate}</th><td class="title">${titleCell(o)}</td><td data-label="date">${o.date ?? ''}</td><td data-label="">${link}</td><td class="num" data-label="sentences">${o.segments.length - o.boilerplate}</td><td class="num" data-label="facts">${o.facts}</td><td class="num" data-label="only here">${o.onlyHere}</td></tr>`;
  });
  // Many outlets: the table folds, so the facts stay on the first screen.
  const open = story.outlets.length <= 8 ? raw(' open') : raw('');
  return html`<details class="outlets-wrap"${open}><summary>${plural(story.outlets.length, 'outlet')}: titles, dates, links</summary><div class="scroll"><table class="outlets" id="outlets-${k}"><thead><tr><th>Outlet</th><th>Title</th><th>Date</th><th>Link</th><th title="segments that are not boilerplate">Sentences</th><th>Facts</th><th title="facts no other outlet reports">Only here</th></tr></thead><tbody>${join(rows)}</tbody></table></div></details>
<nav class="jump"><a href="#facts-${k}">Facts</a> <a href="#sim-${k}">Similarity between versions</a> <a href="#articles-${k}">Articles</a></nav>\n`;
}

/** The headline, or (no headline in the metadata or the text) the first sentence, marked as such. */
function titleCell(o: OutletView): RawHtml {
  if (o.title !== undefined) return html`${o.title}`;
  const first = o.segments.find((s) => s.kind === 'body')?.fr;
  if (first === undefined) return raw('<span class="muted">—</span>');
  const short = first.length > 110 ? `${first.slice(0, 109)}…` : first;
  return html`<span class="muted" title="no headline: the article's first sentence">“${short}”</span>`;
}

function controls(story: StoryView, k: number): RawHtml {
  const n = story.outlets.length;
  const mins = Array.from({ length: Math.max(1, n) }, (_, i) => html`<option value="${i + 1}">${i + 1}${i === 0 ? ' (all facts)' : '+'}</option>`);
  const boxes = story.outlets.map(
    (o) => html`<label class="check"><input type="checkbox" class="outlet-filter" value="${o.index}"> ${o.name}</label>`,
  );
  const english = story.hasEnglish ? html`<label class="check"><input type="checkbox" class="show-en" checked> English</label>` : raw('');
  // The translation checks' filter (docs/translation.md "Checks"): only facts with a flagged sentence.
  const flagged = story.shared.some(hasWarning) || story.single.some((facts) => facts.some(hasWarning))
    ? html`<label class="check" title="number, name, untranslated, length-ratio, repeat, length-cap, source-en, source-other"><input type="checkbox" class="flagged-only"> Flagged translations only</label>`
    : raw('');
  return html`<form class="controls" hidden role="search" aria-label="Filter facts">
<label class="grow">Search <input type="search" class="search" placeholder="French or English words" aria-label="Search facts in French or English"></label>
<label>Outlets reporting <select class="min-outlets" aria-label="Minimum number of outlets">${join(mins)}</select></label>
<label>Grade <select class="grade" aria-label="Grade"><option value="">any</option><option value="2">2 same information</option><option value="1">1 partial overlap</option></select></label>
${english}${flagged}
<details class="outlet-pick"><summary>Only facts reported by…</summary><div class="boxes">${join(boxes)}</div></details>
<span class="facts-shown muted" aria-live="polite"></span>
</form>\n`;
}

function factBlock(fact: FactView, outlets: readonly OutletView[], k: number): RawHtml {
  const reference = fact.members[fact.reference]!;
  const single = fact.outlets.length === 1;
  // Outlets that run the very same wording (a wire copy) share one card, so the differences stand out.
  const wordings = new Map<string, MemberView[]>();
  for (const member of fact.members) {
    const key = member.fr.replace(/\s+/g, ' ').trim();
    const same = wordings.get(key);
    if (same) same.push(member);
    else wordings.set(key, [member]);
  }
  const cards = [...wordings.values()].map((same) => memberCard(same, same.includes(reference) ? undefined : reference, outlets, k, single));
  const shown = single ? cards : cards.slice(0, MEMBERS_SHOWN);
  const folded = single ? [] : cards.slice(MEMBERS_SHOWN);
  const allNames = fact.outlets.map((o) => outlets[o]!.name);
  const names = allNames.length > 12 ? `${allNames.slice(0, 12).join(', ')} +${allNames.length - 12}` : allNames.join(', ');
  const grade = fact.grade === undefined ? '' : ` · grade ${fact.grade}`;
  const variants = wordings.size < fact.members.length ? ` · ${plural(wordings.size, 'wording')}` : '';
  const head = single
    ? raw('')
    : html`<header><span class="fid">${fact.id}</span> · <strong>${plural(fact.outlets.length, 'outlet')}</strong>${grade}${variants} <span class="muted names" title="${allNames.join(', ')}">${names}</span></header>`;
  return html`<article class="fact${single ? ' single' : ''}" id="f${k}-${fact.id}" data-outlets="${fact.outlets.join(' ')}" data-grade="${fact.grade ?? ''}"${hasWarning(fact) ? raw(' data-flagged') : raw('')}>${head}<div class="members">${join(shown)}</div>${
    folded.length > 0 ? html`<details class="more-members"><summary>${plural(folded.length, 'more wording')}</summary><div class="members">${join(folded)}</div></details>` : raw('')
  }</article>`;
}

const contextLink = (member: MemberView, k: number, content: RawHtml, cls = 'ctx'): RawHtml =>
  member.position < 0
    ? html`<span class="missing" title="sentences.jsonl lacks this segment">${content}</span>`
    : html`<a class="${cls}" href="#seg-${k}-${member.outlet}-${member.position}" data-o="${member.outlet}" data-i="${member.position}">${content}</a>`;

/** One wording of a fact: the outlets that use it (each a link to its own article), the diffed sentence, the English. */
function memberCard(same: readonly MemberView[], reference: MemberView | undefined, outlets: readonly OutletView[], k: number, single: boolean): RawHtml {
  const member = same[0]!;
  const text = reference === undefined ? html`${member.fr}` : diffMarkup(member.fr, reference.fr);
  const others = same.slice(1).map((m) => contextLink(m, k, outletLabel(outlets[m.outlet]!), 'ctx also'));
  // Past a handful, the other outlets fold (a wire copy can run in dozens of papers).
  const also =
    others.length === 0
      ? raw('')
      : others.length <= 5
        ? html` <span class="muted">and</span> ${join(others, ', ')}`
        : html` <span class="muted">and</span> ${join(others.slice(0, 4), ', ')} <details class="also-more"><summary>+${plural(others.length - 4, 'outlet')}</summary>${join(others.slice(4), ', ')}</details>`;
  const role = single ? raw('') : reference === undefined ? raw(' <span class="ref" title="the most central wording; the others are compared with it">reference</span>') : raw('');
  return html`<div class="member${reference === undefined && !single ? ' is-ref' : ''}" data-o="${member.outlet}"><div class="who">${outletLabel(outlets[member.outlet]!)}${also}${role}</div><p class="fr">${contextLink(member, k, text)}</p>${englishLine(member.en, member.flags, member.enScore)}</div>`;
}

function diffMarkup(sentence: string, reference: string): RawHtml {
  const parts = diffWords(sentence, reference);
  return join(
    parts.map((part, i) => {
      if (part.kind === 'same') return html`${part.text}`;
      // Struck words sit between this sentence's own words: spaces around them (inside the element, so
      // the sentence's own text stays exact) keep line breaks possible.
      if (part.kind === 'drop') {
        const before = i > 0 && !/\s$/.test(parts[i - 1]!.text) ? ' ' : '';
        const next = parts[i + 1];
        const after = next !== undefined && next.kind !== 'drop' && /^[\p{L}\p{N}]/u.test(next.text) ? ' ' : '';
        const cls = part.salient ? 'drop key' : 'drop';
        return html`<del class="${cls}" title="in the reference only">${before}${part.text}${after}</del>`;
      }
      const tag = part.kind === 'add' ? 'ins' : 'del';
      const cls = part.salient ? `${part.kind} key` : part.kind;
      const title = part.kind === 'add' ? 'not in the reference' : 'in the reference only';
      return html`<${raw(tag)} class="${cls}" title="${title}">${part.text}</${raw(tag)}>`;
    }),
  );
}

/** A fact with a sentence whose translation carries a warning (`split` is a note, not one). */
const hasWarning = (fact: FactView): boolean => fact.members.some((m) => m.flags.some((flag) => flag !== 'split'));

function englishLine(en: string | undefined, flags: readonly string[], score: number | undefined): RawHtml {
  if (en === undefined && flags.length > 0) return html`<p class="en muted">(not translated)${join(flags.map((flag) => html` <span class="flag" title="translation flag">${flag}</span>`))}</p>`;
  if (en === undefined) return raw('');
  const badges = flags.map((flag) => html` <span class="flag" title="translation flag">${flag}</span>`);
  const confidence =
    score === undefined ? raw('') : html` <span class="en-score" title="mean log-probability of the English tokens (closer to 0 = more confident)">${score.toFixed(2)}</span>`;
  return html`<p class="en">${en}${join(badges)}${confidence}</p>`;
}

function similarityFrame(story: StoryView, k: number): RawHtml {
  const options = story.outlets.map((o) => html`<option value="${o.index}">${o.name}</option>`);
  const note = story.unplaced > 0 ? html`<p class="warn">${plural(story.unplaced, 'aligned pair')} name sentences missing from sentences.jsonl: counted here, not drawn.</p>` : raw('');
  return html`<div class="sim-wrap" id="sim-${k}"><h3>Similarity between versions</h3>
<p class="muted">Overview: facts each pair of versions shares (colour: share of the smaller version's facts). Pick a pair for its map: every sentence pair whose character-trigram similarity is at least 0.35 is coloured (darker = more similar; darkest from 0.8), pairs the aligner kept are outlined, boilerplate is grey. Select a cell (click, tap, or arrow keys) to read both sentences.</p>
<noscript><p class="warn">The similarity maps are drawn by the page's script; enable JavaScript to see them.</p></noscript>
${note}<div class="sim" hidden><div class="overview scroll"></div>
<div class="pair-pick"><label>Rows <select class="pair-a">${join(options)}</select></label> <label>Columns <select class="pair-b">${join(options)}</select></label> <button type="button" class="next-kept">Next kept pair (N)</button></div>
<p class="pair-caption muted"></p><div class="pair-map scroll"></div><div class="pair-detail" aria-live="polite"></div>
<script type="application/json" class="pairs">${raw(pairsJson(story.pairs))}</script></div></div>\n`;
}

/** Numbers only, so nothing in it can end the script element; `<` is escaped all the same. */
function pairsJson(pairs: readonly KeptPair[]): string {
  return JSON.stringify(pairs).replace(/</g, '\\u003c');
}

function articleBlock(outlet: OutletView, k: number): RawHtml {
  const items = outlet.segments.map((s, i) => {
    const reason = s.kind === 'boilerplate' ? html` <span class="reason">[${s.reason ?? 'boilerplate'}]</span>` : raw('');
    return html`<li class="seg ${s.kind}" id="seg-${k}-${outlet.index}-${i}" data-i="${i}" data-kind="${s.kind}"><span class="pos">${i}</span> <span class="fr">${s.fr}</span>${reason}${englishLine(s.en, s.en_flags ?? [], s.en_score)}</li>`;
  });
  const meta = [outlet.date, outlet.id].filter((x): x is string => x !== undefined).join(' · ');
  const link = outlet.url ? html` · <a href="${outlet.url}" rel="noopener noreferrer nofollow" target="_blank">original</a>` : raw('');
  return html`<details class="article-wrap"><summary>${outlet.name}: ${titleCell(outlet)}</summary><article class="doc" data-o="${outlet.index}" data-name="${outlet.name}"><h4>${outletLabel(outlet)} ${outlet.title ?? ''}</h4><p class="muted">${meta}${link}</p><ol class="segs">${join(items)}</ol></article></details>\n`;
}
