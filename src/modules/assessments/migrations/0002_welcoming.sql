-- Welcoming-community profiles: dated and immutable once made; only "public" can change.
-- The content copies every name it shows, so a profile survives a new framework version.
CREATE TABLE assessments_welcoming_profiles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  collaborative_id uuid NOT NULL,
  geography_id uuid NOT NULL,
  title text NOT NULL,
  framework jsonb NOT NULL,
  content jsonb NOT NULL,
  is_public boolean NOT NULL DEFAULT false,
  illustrative boolean NOT NULL DEFAULT false,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE FUNCTION assessments_welcoming_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.title IS DISTINCT FROM OLD.title OR NEW.framework IS DISTINCT FROM OLD.framework
     OR NEW.content IS DISTINCT FROM OLD.content OR NEW.created_at IS DISTINCT FROM OLD.created_at
     OR NEW.collaborative_id IS DISTINCT FROM OLD.collaborative_id OR NEW.geography_id IS DISTINCT FROM OLD.geography_id THEN
    RAISE EXCEPTION 'welcoming-community profiles are immutable' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER assessments_welcoming_immutable BEFORE UPDATE OR DELETE ON assessments_welcoming_profiles
  FOR EACH ROW EXECUTE FUNCTION assessments_welcoming_immutable();
