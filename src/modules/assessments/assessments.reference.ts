/**
 * Reference instruments shipped with the app, as data: scales, crosswalks between them, and the
 * instruments built on them. Sources are named on each; docs/assessments.md cites them in full.
 */

export interface ScaleLevel {
  value: number;
  key: string;
  en: string;
  fr: string;
  descriptionEn?: string;
  descriptionFr?: string;
}

export interface ScaleSeed {
  key: string;
  version: number;
  nameEn: string;
  nameFr: string;
  source: string;
  levels: ScaleLevel[];
}

export const SEED_FIVE = 'seed-five-levels';

export const SCALES: ScaleSeed[] = [
  {
    key: SEED_FIVE, version: 1, nameEn: 'Five levels of integration (Durham research)', nameFr: 'Cinq niveaux d’intégration (recherche de Durham)',
    source: 'Seed 002:225-245, after the Healthy Babies, Healthy Children program (Robinson et al., 2002)',
    levels: [
      { value: 1, key: 'awareness', en: 'Awareness', fr: 'Connaissance', descriptionEn: 'We know about each other’s services but make no joint effort and do not actively communicate.', descriptionFr: 'Nous connaissons les services de l’autre, sans effort commun ni communication active.' },
      { value: 2, key: 'communication', en: 'Communication', fr: 'Communication', descriptionEn: 'We actively communicate and share information.', descriptionFr: 'Nous communiquons activement et échangeons de l’information.' },
      { value: 3, key: 'cooperation', en: 'Cooperation', fr: 'Coopération', descriptionEn: 'We use what we know of each other’s services to adjust our own planning and avoid duplication.', descriptionFr: 'Nous tenons compte des services de l’autre dans notre planification pour éviter les doublons.' },
      { value: 4, key: 'collaboration', en: 'Collaboration', fr: 'Collaboration', descriptionEn: 'We plan jointly and change our own services based on our discussions.', descriptionFr: 'Nous planifions ensemble et modifions nos services selon nos échanges.' },
      { value: 5, key: 'integration', en: 'Integration', fr: 'Intégration', descriptionEn: 'We offer a new, fused service in which our agencies are no longer separately identifiable.', descriptionFr: 'Nous offrons un nouveau service fusionné où nos organismes ne se distinguent plus.' },
    ],
  },
  {
    key: 'integration-continuum', version: 1, nameEn: 'Integration continuum (four stages)', nameFr: 'Continuum d’intégration (quatre étapes)',
    source: 'Seed 000:740-744 and 000:2104-2106',
    levels: [
      { value: 1, key: 'awareness', en: 'Awareness', fr: 'Connaissance' },
      { value: 2, key: 'coordination', en: 'Coordination', fr: 'Coordination' },
      { value: 3, key: 'collaboration', en: 'Collaboration', fr: 'Collaboration' },
      { value: 4, key: 'integration', en: 'Integration', fr: 'Intégration' },
    ],
  },
  {
    key: 'hsim', version: 1, nameEn: 'Human Services Integration Measure levels', nameFr: 'Niveaux de la mesure d’intégration des services sociaux (HSIM)',
    source: 'Browne, Roberts, Gafni et al. (2004), International Journal of Integrated Care 4',
    levels: [
      { value: 0, key: 'non_awareness', en: 'Non-awareness', fr: 'Méconnaissance' },
      { value: 1, key: 'awareness', en: 'Awareness', fr: 'Connaissance' },
      { value: 2, key: 'communication', en: 'Communication', fr: 'Communication' },
      { value: 3, key: 'coordination', en: 'Coordination', fr: 'Coordination' },
      { value: 4, key: 'collaboration', en: 'Collaboration', fr: 'Collaboration' },
    ],
  },
  {
    key: 'frey', version: 1, nameEn: 'Levels of collaboration (Frey et al.)', nameFr: 'Niveaux de collaboration (Frey et coll.)',
    source: 'Frey, Lohmeier, Lee & Tollefson (2006), American Journal of Evaluation 27(3):383-392',
    levels: [
      { value: 0, key: 'no_interaction', en: 'No interaction', fr: 'Aucune interaction' },
      { value: 1, key: 'networking', en: 'Networking', fr: 'Réseautage' },
      { value: 2, key: 'cooperation', en: 'Cooperation', fr: 'Coopération' },
      { value: 3, key: 'coordination', en: 'Coordination', fr: 'Coordination' },
      { value: 4, key: 'coalition', en: 'Coalition', fr: 'Coalition' },
      { value: 5, key: 'collaboration', en: 'Collaboration', fr: 'Collaboration' },
    ],
  },
  {
    key: 'himmelman', version: 1, nameEn: 'Himmelman’s collaboration continuum', nameFr: 'Continuum de collaboration de Himmelman',
    source: 'Himmelman (2002), Collaboration for a Change',
    levels: [
      { value: 1, key: 'networking', en: 'Networking', fr: 'Réseautage' },
      { value: 2, key: 'coordinating', en: 'Coordinating', fr: 'Coordination' },
      { value: 3, key: 'cooperating', en: 'Cooperating', fr: 'Coopération' },
      { value: 4, key: 'collaborating', en: 'Collaborating', fr: 'Collaboration' },
    ],
  },
  {
    key: 'agreement-5', version: 1, nameEn: 'Five-point agreement', nameFr: 'Accord en cinq points', source: 'Likert-type agreement scale, as in the Wilder Collaboration Factors Inventory',
    levels: [
      { value: 1, key: 'strongly_disagree', en: 'Strongly disagree', fr: 'Tout à fait en désaccord' },
      { value: 2, key: 'disagree', en: 'Disagree', fr: 'En désaccord' },
      { value: 3, key: 'neutral', en: 'Neutral, no opinion', fr: 'Neutre, sans opinion' },
      { value: 4, key: 'agree', en: 'Agree', fr: 'D’accord' },
      { value: 5, key: 'strongly_agree', en: 'Strongly agree', fr: 'Tout à fait d’accord' },
    ],
  },
];

/**
 * Crosswalks onto the seed's five levels (and back), by the meaning of each level as described
 * in its source. Levels with no counterpart (non-awareness, no interaction) map to 0, the
 * pair survey's "not aware of them".
 */
export const CROSSWALKS: { from: string; to: string; mapping: Record<string, number>; note: string }[] = [
  { from: 'integration-continuum', to: SEED_FIVE, mapping: { 1: 1, 2: 3, 3: 4, 4: 5 }, note: 'Coordination reads as cooperation: using knowledge of the other’s services to adjust one’s own (seed 002:236).' },
  { from: SEED_FIVE, to: 'integration-continuum', mapping: { 1: 1, 2: 1, 3: 2, 4: 3, 5: 4 }, note: 'Communication has no stage of its own on the continuum; it stays at awareness.' },
  { from: 'hsim', to: SEED_FIVE, mapping: { 0: 0, 1: 1, 2: 2, 3: 3, 4: 4 }, note: 'HSIM stops at collaboration; its coordination reads as cooperation.' },
  { from: SEED_FIVE, to: 'hsim', mapping: { 1: 1, 2: 2, 3: 3, 4: 4, 5: 4 }, note: 'Integration has no HSIM level above collaboration.' },
  { from: 'frey', to: SEED_FIVE, mapping: { 0: 0, 1: 2, 2: 3, 3: 3, 4: 4, 5: 5 }, note: 'Networking is awareness with communication; coalition and collaboration share resources and decisions.' },
  { from: 'himmelman', to: SEED_FIVE, mapping: { 1: 2, 2: 3, 3: 4, 4: 5 }, note: 'Himmelman’s stages start with information exchange and end with enhancing each other’s capacity.' },
];

export interface InstrumentSeed {
  key: string;
  version: number;
  kind: 'pair_rating' | 'likert' | 'checklist';
  nameEn: string;
  nameFr: string;
  descriptionEn: string;
  descriptionFr: string;
  source: string;
  scale: string | null;
  definition: InstrumentDefinition;
}

export interface InstrumentDefinition {
  themes?: { key: string; en: string; fr: string }[];
  trustValue?: boolean;
  factors?: { key: string; en: string; fr: string }[];
  items?: { key: string; factor?: string; en: string; fr: string }[];
}

// The twenty factors of the Wilder inventory (Mattessich, Murray-Close & Monsey 2001), each with
// one statement written for Roundtable: a Wilder-style instrument, not the published items.
const WILDER: [string, string, string, string, string][] = [
  ['history', 'History of collaboration in the community', 'Historique de collaboration dans la communauté', 'Agencies in our community have a history of working together.', 'Les organismes de notre communauté ont l’habitude de travailler ensemble.'],
  ['legitimate_leader', 'Seen as a legitimate leader', 'Reconnu comme leader légitime', 'Leaders in the community see our partnership as a legitimate voice.', 'Les leaders de la communauté voient notre partenariat comme une voix légitime.'],
  ['climate', 'Favourable political and social climate', 'Climat politique et social favorable', 'Decision makers in the community support what we are trying to do.', 'Les décideurs de la communauté appuient ce que nous tentons de faire.'],
  ['respect_trust', 'Mutual respect, understanding and trust', 'Respect, compréhension et confiance mutuels', 'People at our table trust and respect one another.', 'Les personnes autour de notre table se font confiance et se respectent.'],
  ['cross_section', 'Appropriate cross-section of members', 'Membres représentatifs', 'Everyone who has a stake in our work is at the table.', 'Toutes les parties intéressées par notre travail sont à la table.'],
  ['self_interest', 'Collaboration in members’ self-interest', 'Collaboration dans l’intérêt des membres', 'My organization gains from taking part.', 'Mon organisation gagne à participer.'],
  ['compromise', 'Ability to compromise', 'Capacité de compromis', 'People at our table are willing to compromise on important points.', 'Les personnes autour de la table acceptent des compromis sur des points importants.'],
  ['stake', 'Shared stake in process and outcome', 'Engagement envers le processus et les résultats', 'Members care about how we work and what we achieve.', 'Les membres tiennent à notre façon de travailler et à nos résultats.'],
  ['layers', 'Multiple layers of participation', 'Plusieurs niveaux de participation', 'Each organization involves people at several levels, not only its representative.', 'Chaque organisation mobilise des personnes à plusieurs niveaux, pas seulement sa représentante.'],
  ['flexibility', 'Flexibility', 'Souplesse', 'We are open to different ways of organizing ourselves.', 'Nous sommes ouverts à différentes façons de nous organiser.'],
  ['roles', 'Clear roles and policy guidelines', 'Rôles et règles clairs', 'Everyone understands their role and responsibilities.', 'Chacun comprend son rôle et ses responsabilités.'],
  ['adaptability', 'Adaptability', 'Adaptabilité', 'We can adapt when conditions change (funding, leadership, policy).', 'Nous savons nous adapter aux changements (financement, direction, politiques).'],
  ['pace', 'Appropriate pace of development', 'Rythme de développement approprié', 'We are not taking on too much too quickly.', 'Nous n’en faisons pas trop, trop vite.'],
  ['communication', 'Open and frequent communication', 'Communication ouverte et fréquente', 'People communicate openly with one another.', 'Les personnes communiquent ouvertement entre elles.'],
  ['informal_links', 'Established informal relationships', 'Relations informelles établies', 'Communication also happens informally, between meetings.', 'La communication se fait aussi de façon informelle, entre les réunions.'],
  ['goals', 'Concrete, attainable goals', 'Objectifs concrets et atteignables', 'Our goals are clear and achievable.', 'Nos objectifs sont clairs et réalisables.'],
  ['vision', 'Shared vision', 'Vision commune', 'Members share a vision of what we want to accomplish.', 'Les membres partagent une vision de ce que nous voulons accomplir.'],
  ['purpose', 'Unique purpose', 'Raison d’être unique', 'What we do together no single organization could do alone.', 'Ce que nous faisons ensemble, aucune organisation ne pourrait le faire seule.'],
  ['resources', 'Sufficient funds, staff, materials and time', 'Ressources suffisantes', 'We have the money, staff, materials and time our work needs.', 'Nous avons l’argent, le personnel, le matériel et le temps nécessaires.'],
  ['leadership', 'Skilled leadership', 'Leadership compétent', 'The people who lead our table are skilled at working with people and organizations.', 'Les personnes qui dirigent notre table savent travailler avec les gens et les organisations.'],
];

export const PAIR_FIVE = 'seed-five-level-pairs';
export const WILDER_STYLE = 'wilder-style-factors';

export const INSTRUMENTS: InstrumentSeed[] = [
  {
    key: PAIR_FIVE, version: 1, kind: 'pair_rating',
    nameEn: 'Level of integration between partners', nameFr: 'Niveau d’intégration entre partenaires',
    descriptionEn: 'Each partner rates its relationship with every other partner on the five levels of the Durham research.',
    descriptionFr: 'Chaque partenaire évalue sa relation avec chacun des autres selon les cinq niveaux de la recherche de Durham.',
    source: 'Seed 002:225-245; scored as the Human Services Integration Measure (extent, scope, depth) with Frey’s discrepancy flag',
    scale: SEED_FIVE, definition: { themes: [], trustValue: false },
  },
  {
    key: WILDER_STYLE, version: 1, kind: 'likert',
    nameEn: 'Collaboration factors (Wilder-style)', nameFr: 'Facteurs de collaboration (style Wilder)',
    descriptionEn: 'One statement for each of the twenty factors that research links to successful collaboration.',
    descriptionFr: 'Un énoncé pour chacun des vingt facteurs que la recherche associe à une collaboration réussie.',
    source: 'Factors of the Wilder Collaboration Factors Inventory (Mattessich, Murray-Close & Monsey 2001); statements written for Roundtable',
    scale: 'agreement-5',
    definition: {
      factors: WILDER.map(([key, en, fr]) => ({ key, en, fr })),
      items: WILDER.map(([key, , , en, fr]) => ({ key: `${key}_1`, factor: key, en, fr })),
    },
  },
  {
    key: 'plan-adoption', version: 1, kind: 'checklist',
    nameEn: 'Adopting the plan in our own organization', nameFr: 'Intégrer le plan dans notre organisation',
    descriptionEn: 'Whether members took the plan’s actions into their own organizations (seed 001:311).',
    descriptionFr: 'Les membres ont-ils intégré les actions du plan dans leur organisation (semence 001:311).',
    source: 'Seed 001:311', scale: null,
    definition: {
      items: [
        { key: 'objectives', en: 'Our organization added actions from the plan to its own objectives.', fr: 'Notre organisation a ajouté des actions du plan à ses propres objectifs.' },
        { key: 'budget', en: 'We set aside staff time or money for an action of the plan.', fr: 'Nous avons consacré du temps ou de l’argent à une action du plan.' },
        { key: 'board', en: 'Our board heard a report on the plan this year.', fr: 'Notre conseil a reçu un rapport sur le plan cette année.' },
      ],
    },
  },
];
