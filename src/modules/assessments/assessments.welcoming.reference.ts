/**
 * The characteristics of a welcoming community (Esses, Hamilton, Bennett-AbuAyyash & Burstein
 * 2010, "Characteristics of a Welcoming Community", Pathways to Prosperity / Welcoming
 * Communities Initiative): 17 characteristics, ranked by importance in the source. Each names
 * the directory's need domains that serve it and the data repository indicators (by code) that
 * speak to it. A profile copies the names it uses, so it survives a new framework version.
 */
export const WELCOMING_FRAMEWORK = { key: 'esses-2010', version: 1, en: 'Characteristics of a welcoming community (Esses et al. 2010)', fr: 'Caractéristiques d’une communauté accueillante (Esses et coll. 2010)' };

export interface Characteristic {
  key: string;
  en: string;
  fr: string;
  domains: string[];
  indicatorCodes: string[];
}

export const CHARACTERISTICS: Characteristic[] = [
  { key: 'employment', en: 'Employment opportunities', fr: 'Possibilités d’emploi', domains: ['employment'], indicatorCodes: ['demo.employment_rate_pct'] },
  { key: 'social_capital', en: 'Fostering of social capital', fr: 'Développement du capital social', domains: ['social-connection'], indicatorCodes: ['demo.youth_program_participants'] },
  { key: 'housing', en: 'Affordable and suitable housing', fr: 'Logement abordable et convenable', domains: ['housing'], indicatorCodes: ['demo.core_housing_need_count'] },
  { key: 'attitudes', en: 'Positive attitudes toward immigrants, cultural diversity and newcomers', fr: 'Attitudes positives envers les immigrants, la diversité culturelle et les nouveaux arrivants', domains: [], indicatorCodes: ['immigrants.share_pct', 'visible_minority.share_pct'] },
  { key: 'newcomer_agencies', en: 'Newcomer-serving agencies that meet newcomers’ needs', fr: 'Organismes au service des nouveaux arrivants qui répondent à leurs besoins', domains: ['settlement', 'language'], indicatorCodes: ['immigrants.recent_count'] },
  { key: 'links_between_actors', en: 'Links between the main actors working toward a welcoming community', fr: 'Liens entre les principaux acteurs d’une communauté accueillante', domains: [], indicatorCodes: [] },
  { key: 'municipal_services', en: 'Municipal features and services sensitive to newcomers', fr: 'Services municipaux adaptés aux nouveaux arrivants', domains: ['information-awareness'], indicatorCodes: [] },
  { key: 'education', en: 'Educational opportunities', fr: 'Possibilités d’éducation', domains: ['education'], indicatorCodes: [] },
  { key: 'health', en: 'Accessible and suitable health care', fr: 'Soins de santé accessibles et adaptés', domains: ['health', 'mental-health'], indicatorCodes: [] },
  { key: 'transit', en: 'Available and accessible public transit', fr: 'Transport en commun disponible et accessible', domains: ['transportation'], indicatorCodes: [] },
  { key: 'religious', en: 'Presence of diverse religious organizations', fr: 'Présence d’organisations religieuses diverses', domains: [], indicatorCodes: [] },
  { key: 'social_engagement', en: 'Social engagement opportunities', fr: 'Possibilités d’engagement social', domains: ['social-connection'], indicatorCodes: ['demo.youth_program_participants'] },
  { key: 'political', en: 'Political participation opportunities', fr: 'Possibilités de participation politique', domains: [], indicatorCodes: [] },
  { key: 'police_justice', en: 'Positive relationships with the police and the justice system', fr: 'Relations positives avec la police et le système de justice', domains: ['legal'], indicatorCodes: [] },
  { key: 'safety', en: 'Safety', fr: 'Sécurité', domains: [], indicatorCodes: [] },
  { key: 'public_space', en: 'Opportunities to use public space and recreation facilities', fr: 'Accès aux espaces publics et aux installations récréatives', domains: [], indicatorCodes: [] },
  { key: 'media', en: 'Favourable media coverage and representation', fr: 'Couverture et représentation médiatiques favorables', domains: [], indicatorCodes: [] },
];

export const comparisonKinds = ['over_time', 'peers', 'immigrants'] as const;
