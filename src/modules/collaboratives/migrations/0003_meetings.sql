-- Meetings: agendas (typed items, version for optimistic edits), attendance, minutes,
-- decisions with votes, action items.
CREATE TABLE collaboratives_meetings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  collaborative_id uuid NOT NULL REFERENCES collaboratives (id) ON DELETE CASCADE,
  body_id uuid REFERENCES collaboratives_bodies (id) ON DELETE SET NULL,
  series_id uuid,
  recurrence text CHECK (length(recurrence) <= 500),
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  location text CHECK (length(location) <= 500),
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'held', 'cancelled')),
  minutes text CHECK (length(minutes) <= 100000),
  minutes_public boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX collaboratives_meetings_collab ON collaboratives_meetings (collaborative_id, starts_at);

CREATE TABLE collaboratives_agenda_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  meeting_id uuid NOT NULL REFERENCES collaboratives_meetings (id) ON DELETE CASCADE,
  position integer NOT NULL,
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
  kind text NOT NULL CHECK (kind IN ('decision', 'discussion', 'information')),
  presenter text CHECK (length(presenter) <= 200),
  minutes_allotted integer CHECK (minutes_allotted BETWEEN 1 AND 600)
);
CREATE INDEX collaboratives_agenda_items_meeting ON collaboratives_agenda_items (meeting_id, position);

CREATE TABLE collaboratives_attendance (
  meeting_id uuid NOT NULL REFERENCES collaboratives_meetings (id) ON DELETE CASCADE,
  member_id uuid NOT NULL REFERENCES collaboratives_members (id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('present', 'regrets', 'absent')),
  PRIMARY KEY (meeting_id, member_id)
);

CREATE TABLE collaboratives_decisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  collaborative_id uuid NOT NULL REFERENCES collaboratives (id) ON DELETE CASCADE,
  meeting_id uuid NOT NULL REFERENCES collaboratives_meetings (id) ON DELETE CASCADE,
  agenda_item_id uuid REFERENCES collaboratives_agenda_items (id) ON DELETE SET NULL,
  motion text NOT NULL CHECK (length(btrim(motion)) BETWEEN 1 AND 5000),
  method text NOT NULL CHECK (method IN ('vote', 'consensus')),
  moved_by_member_id uuid REFERENCES collaboratives_members (id),
  seconded_by_member_id uuid REFERENCES collaboratives_members (id),
  votes_for integer NOT NULL DEFAULT 0,
  votes_against integer NOT NULL DEFAULT 0,
  abstentions integer NOT NULL DEFAULT 0,
  result text NOT NULL CHECK (result IN ('carried', 'defeated')),
  decided_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX collaboratives_decisions_collab ON collaboratives_decisions (collaborative_id, decided_on);

CREATE TABLE collaboratives_votes (
  decision_id uuid NOT NULL REFERENCES collaboratives_decisions (id) ON DELETE CASCADE,
  member_id uuid NOT NULL REFERENCES collaboratives_members (id) ON DELETE CASCADE,
  vote text NOT NULL CHECK (vote IN ('for', 'against', 'abstain')),
  PRIMARY KEY (decision_id, member_id)
);

CREATE TABLE collaboratives_action_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  collaborative_id uuid NOT NULL REFERENCES collaboratives (id) ON DELETE CASCADE,
  meeting_id uuid REFERENCES collaboratives_meetings (id) ON DELETE SET NULL,
  decision_id uuid REFERENCES collaboratives_decisions (id) ON DELETE SET NULL,
  title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 500),
  owner_member_id uuid NOT NULL REFERENCES collaboratives_members (id),
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  completed_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX collaboratives_action_items_collab ON collaboratives_action_items (collaborative_id, status, due_on);
CREATE INDEX collaboratives_action_items_owner ON collaboratives_action_items (owner_member_id);
