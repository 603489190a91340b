-- Spelling correction only knew words from names and categories, so a correctly spelled word
-- found only in a description ("eviction", "épicerie") was "corrected" into something else.
-- The folded text now carries the descriptions too (capped), which feeds the word list.
CREATE OR REPLACE FUNCTION directory_refresh_search(service_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO directory_service_search AS s (service_id, tsv_en, tsv_fr, folded, language_codes, term_ids, geography_ids, is_free, wheelchair)
  SELECT sv.id,
    setweight(to_tsvector('rt_english', sv.name || ' ' || coalesce(sv.alternate_name, '')), 'A')
      || setweight(to_tsvector('rt_english', coalesce(t.names_en, '')), 'B')
      || setweight(to_tsvector('rt_english', coalesce(sv.description, '') || ' ' || o.legal_name || ' ' || coalesce(sv.eligibility_description, '')), 'C'),
    setweight(to_tsvector('rt_french', coalesce(sv.translations #>> '{fr,name}', '') || ' ' || coalesce(sv.translations #>> '{fr,alternate_name}', '')), 'A')
      || setweight(to_tsvector('rt_french', coalesce(t.names_fr, '')), 'B')
      || setweight(to_tsvector('rt_french', coalesce(sv.translations #>> '{fr,description}', '') || ' ' || o.legal_name), 'C'),
    rt_fold(sv.name || ' ' || coalesce(sv.alternate_name, '') || ' ' || coalesce(sv.translations #>> '{fr,name}', '') || ' ' || o.legal_name
      || ' ' || coalesce(t.names_en, '') || ' ' || coalesce(t.names_fr, '')
      || ' ' || left(coalesce(sv.description, '') || ' ' || coalesce(sv.translations #>> '{fr,description}', ''), 4000)),
    coalesce(l.codes, '{}'),
    coalesce(t.ids, '{}'),
    coalesce(g.ids, '{}'),
    coalesce(c.free, false),
    coalesce(w.wheelchair, false)
  FROM directory_services sv
  JOIN organizations o ON o.id = sv.organization_id
  LEFT JOIN LATERAL (
    -- A service is filed under a term and under each of that term's ancestors.
    WITH RECURSIVE up AS (
      SELECT tt.* FROM directory_attributes a JOIN directory_taxonomy_terms tt ON tt.id = a.taxonomy_term_id
      WHERE a.link_id = sv.id AND a.link_entity = 'service'
      UNION
      SELECT p.* FROM directory_taxonomy_terms p JOIN up ON p.id = up.parent_id
    )
    SELECT array_agg(DISTINCT up.id) AS ids, string_agg(up.name, ' ') AS names_en,
      string_agg(coalesce(up.translations #>> '{fr,name}', ''), ' ') AS names_fr
    FROM up
  ) t ON true
  LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT lower(lg.code)) AS codes FROM directory_languages lg WHERE lg.service_id = sv.id AND lg.code IS NOT NULL
  ) l ON true
  LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT x.gid) AS ids FROM (
      SELECT loc.geography_id AS gid FROM directory_service_at_locations sal JOIN directory_locations loc ON loc.id = sal.location_id
      WHERE sal.service_id = sv.id AND loc.geography_id IS NOT NULL
      UNION
      SELECT sa.geography_id FROM directory_service_areas sa WHERE sa.service_id = sv.id AND sa.geography_id IS NOT NULL
    ) x
  ) g ON true
  LEFT JOIN LATERAL (
    SELECT bool_or(co.amount = 0 OR lower(coalesce(co.option, '')) IN ('free', 'gratuit')) AS free FROM directory_cost_options co WHERE co.service_id = sv.id
  ) c ON true
  LEFT JOIN LATERAL (
    SELECT bool_or(rt_fold(coalesce(ac.description, '') || ' ' || coalesce(ac.details, '')) ~ '(wheelchair|fauteuil roulant)') AS wheelchair
    FROM directory_service_at_locations sal JOIN directory_accessibility ac ON ac.location_id = sal.location_id WHERE sal.service_id = sv.id
  ) w ON true
  WHERE sv.id = ANY(service_ids)
  ON CONFLICT (service_id) DO UPDATE SET tsv_en = EXCLUDED.tsv_en, tsv_fr = EXCLUDED.tsv_fr, folded = EXCLUDED.folded,
    language_codes = EXCLUDED.language_codes, term_ids = EXCLUDED.term_ids, geography_ids = EXCLUDED.geography_ids,
    is_free = EXCLUDED.is_free, wheelchair = EXCLUDED.wheelchair;
$$;

SELECT directory_refresh_search(array_agg(id)) FROM directory_services;
