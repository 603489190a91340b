-- Where each service is offered rides on its search row (docs/directory.md, "A place and
-- words"). A search near a place with words, over a radius holding many locations, starts from
-- the services with the words and reads each one's distance from its own row, instead of
-- reading the search row of every service in the radius (15,000 of them within 28 km of Ajax
-- at 60,000 services).
ALTER TABLE directory_service_search ADD COLUMN latitudes float8[] NOT NULL DEFAULT '{}', ADD COLUMN longitudes float8[] NOT NULL DEFAULT '{}';
UPDATE directory_service_search ss SET latitudes = p.latitudes, longitudes = p.longitudes
  FROM (
    SELECT sal.service_id, array_agg(loc.latitude ORDER BY loc.id) AS latitudes, array_agg(loc.longitude ORDER BY loc.id) AS longitudes
    FROM directory_service_at_locations sal JOIN directory_locations loc ON loc.id = sal.location_id
    WHERE loc.latitude IS NOT NULL AND loc.longitude IS NOT NULL
    GROUP BY sal.service_id
  ) p
  WHERE p.service_id = ss.service_id;

-- Their return type changes, so both are created again (the refresh calls the documents).
DROP FUNCTION directory_refresh_search(uuid[]);
DROP FUNCTION directory_search_documents(uuid[]);

-- The columns are spelled out (not SETOF directory_service_search), so the function does not
-- depend on the table's row type and the import can build a new table and swap it in.
CREATE FUNCTION directory_search_documents(service_ids uuid[])
RETURNS TABLE (service_id uuid, tsv_en tsvector, tsv_fr tsvector, folded text, folded_names text, language_codes text[],
  term_ids uuid[], geography_ids uuid[], is_free boolean, wheelchair boolean, minimum_age numeric, maximum_age numeric,
  latitudes float8[], longitudes float8[])
LANGUAGE sql STABLE AS $$
  WITH ids AS (SELECT DISTINCT unnest(service_ids) AS id),
  up AS (
    -- A service is filed under a term and under each of that term's ancestors.
    WITH RECURSIVE walk(service_id, id, parent_id, name, name_fr) AS (
      SELECT a.link_id, tt.id, tt.parent_id, tt.name, tt.translations #>> '{fr,name}'
      FROM directory_attributes a JOIN ids ON ids.id = a.link_id JOIN directory_taxonomy_terms tt ON tt.id = a.taxonomy_term_id
      WHERE a.link_entity = 'service'
      UNION
      SELECT walk.service_id, p.id, p.parent_id, p.name, p.translations #>> '{fr,name}'
      FROM directory_taxonomy_terms p JOIN walk ON p.id = walk.parent_id
    )
    SELECT * FROM walk
  ),
  t AS (
    SELECT service_id, array_agg(DISTINCT id) AS ids, string_agg(name, ' ') AS names_en, string_agg(coalesce(name_fr, ''), ' ') AS names_fr
    FROM up GROUP BY service_id
  ),
  l AS (
    SELECT lg.service_id, array_agg(DISTINCT lower(lg.code)) AS codes
    FROM directory_languages lg JOIN ids ON ids.id = lg.service_id WHERE lg.code IS NOT NULL GROUP BY lg.service_id
  ),
  g AS (
    SELECT x.service_id, array_agg(DISTINCT x.gid) AS ids FROM (
      SELECT sal.service_id, loc.geography_id AS gid
      FROM directory_service_at_locations sal JOIN ids ON ids.id = sal.service_id JOIN directory_locations loc ON loc.id = sal.location_id
      WHERE loc.geography_id IS NOT NULL
      UNION
      SELECT sa.service_id, sa.geography_id FROM directory_service_areas sa JOIN ids ON ids.id = sa.service_id WHERE sa.geography_id IS NOT NULL
    ) x GROUP BY x.service_id
  ),
  c AS (
    SELECT co.service_id, bool_or(co.amount = 0 OR lower(coalesce(co.option, '')) IN ('free', 'gratuit')) AS free
    FROM directory_cost_options co JOIN ids ON ids.id = co.service_id GROUP BY co.service_id
  ),
  w AS (
    SELECT sal.service_id, bool_or(rt_fold(coalesce(ac.description, '') || ' ' || coalesce(ac.details, '')) ~ '(wheelchair|fauteuil roulant)') AS wheelchair
    FROM directory_service_at_locations sal JOIN ids ON ids.id = sal.service_id JOIN directory_accessibility ac ON ac.location_id = sal.location_id
    GROUP BY sal.service_id
  ),
  p AS (
    -- Where the service is offered, as two parallel arrays (a place search with words reads them from the row).
    SELECT sal.service_id, array_agg(loc.latitude ORDER BY loc.id) AS latitudes, array_agg(loc.longitude ORDER BY loc.id) AS longitudes
    FROM directory_service_at_locations sal JOIN ids ON ids.id = sal.service_id JOIN directory_locations loc ON loc.id = sal.location_id
    WHERE loc.latitude IS NOT NULL AND loc.longitude IS NOT NULL
    GROUP BY sal.service_id
  )
  SELECT sv.id,
    setweight(to_tsvector('rt_english', sv.name || ' ' || coalesce(sv.alternate_name, '')), 'A')
      || setweight(to_tsvector('rt_english', coalesce(t.names_en, '')), 'B')
      || setweight(to_tsvector('rt_english', coalesce(sv.description, '') || ' ' || o.legal_name || ' ' || coalesce(sv.eligibility_description, '')), 'C'),
    setweight(to_tsvector('rt_french', coalesce(sv.translations #>> '{fr,name}', '') || ' ' || coalesce(sv.translations #>> '{fr,alternate_name}', '')), 'A')
      || setweight(to_tsvector('rt_french', coalesce(t.names_fr, '')), 'B')
      || setweight(to_tsvector('rt_french', coalesce(sv.translations #>> '{fr,description}', '') || ' ' || o.legal_name), 'C'),
    n.names || ' ' || rt_fold(left(coalesce(sv.description, '') || ' ' || coalesce(sv.translations #>> '{fr,description}', ''), 4000)),
    n.names,
    coalesce(l.codes, '{}'),
    coalesce(t.ids, '{}'),
    coalesce(g.ids, '{}'),
    coalesce(c.free, false),
    coalesce(w.wheelchair, false),
    sv.minimum_age,
    sv.maximum_age,
    coalesce(p.latitudes, '{}'),
    coalesce(p.longitudes, '{}')
  FROM directory_services sv
  JOIN ids ON ids.id = sv.id
  JOIN organizations o ON o.id = sv.organization_id
  LEFT JOIN t ON t.service_id = sv.id
  LEFT JOIN l ON l.service_id = sv.id
  LEFT JOIN g ON g.service_id = sv.id
  LEFT JOIN c ON c.service_id = sv.id
  LEFT JOIN w ON w.service_id = sv.id
  LEFT JOIN p ON p.service_id = sv.id
  -- The folded names once (OFFSET 0 keeps the planner from copying the call into both columns).
  CROSS JOIN LATERAL (
    SELECT rt_fold(sv.name || ' ' || coalesce(sv.alternate_name, '') || ' ' || coalesce(sv.translations #>> '{fr,name}', '') || ' ' || o.legal_name
      || ' ' || coalesce(t.names_en, '') || ' ' || coalesce(t.names_fr, '')) AS names OFFSET 0
  ) n
$$;

CREATE FUNCTION directory_refresh_search(service_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO directory_service_search AS s (service_id, tsv_en, tsv_fr, folded, folded_names, language_codes, term_ids, geography_ids, is_free, wheelchair, minimum_age, maximum_age, latitudes, longitudes)
  SELECT service_id, tsv_en, tsv_fr, folded, folded_names, language_codes, term_ids, geography_ids, is_free, wheelchair, minimum_age, maximum_age, latitudes, longitudes FROM directory_search_documents(service_ids)
  ON CONFLICT (service_id) DO UPDATE SET tsv_en = EXCLUDED.tsv_en, tsv_fr = EXCLUDED.tsv_fr, folded = EXCLUDED.folded, folded_names = EXCLUDED.folded_names,
    language_codes = EXCLUDED.language_codes, term_ids = EXCLUDED.term_ids, geography_ids = EXCLUDED.geography_ids,
    is_free = EXCLUDED.is_free, wheelchair = EXCLUDED.wheelchair,
    minimum_age = EXCLUDED.minimum_age, maximum_age = EXCLUDED.maximum_age,
    latitudes = EXCLUDED.latitudes, longitudes = EXCLUDED.longitudes;
$$;
